// The time controls: buttons, the position scrubber, the playback speed, keyboard shortcuts,
// and the scenario's narration for the current position. Emits commands only.
#include <imgui.h>

#include <cinttypes>

#include "viz/panels.h"

namespace ksim::viz {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); }

void keyboard(const AppState& app, std::vector<Command>& out) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  const int64_t stride = io.KeyShift ? 10 : 1;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) out.push_back(TogglePlay{});
  if (key_pressed(ImGuiKey_RightArrow)) out.push_back(StepBy{stride});
  if (key_pressed(ImGuiKey_LeftArrow)) out.push_back(StepBy{-stride});
  if (key_pressed(ImGuiKey_Home)) out.push_back(SeekTo{0});
  if (key_pressed(ImGuiKey_End)) out.push_back(SeekTo{app.timeline.recorded()});
}

void buttons(const AppState& app, std::vector<Command>& out) {
  if (ImGui::Button("|<")) out.push_back(SeekTo{0});
  ImGui::SameLine();
  if (ImGui::Button("< step")) out.push_back(StepBy{-1});
  ImGui::SameLine();
  if (ImGui::Button(app.playback.playing ? "Pause" : "Play ", {70, 0})) {
    out.push_back(TogglePlay{});
  }
  ImGui::SameLine();
  if (ImGui::Button("step >")) out.push_back(StepBy{1});
  ImGui::SameLine();
  if (ImGui::Button(">|")) out.push_back(SeekTo{app.timeline.recorded()});
  ImGui::SameLine(0, 24);
  ImGui::Text("position %" PRId64 " / %" PRId64 "    t = %.3f ms", app.timeline.position(),
              app.timeline.recorded(), static_cast<double>(view_time(app).us) / 1000.0);
  ImGui::SameLine(0, 24);
  float speed = static_cast<float>(app.playback.speed_sim_ms_per_s);
  ImGui::SetNextItemWidth(180);
  if (ImGui::SliderFloat("speed (sim ms/s)", &speed, static_cast<float>(Playback::kMinSpeed),
                         static_cast<float>(Playback::kMaxSpeed), "%.0f",
                         ImGuiSliderFlags_Logarithmic)) {
    out.push_back(SetSpeed{speed});
  }
}

void scrubber(const AppState& app, std::vector<Command>& out) {
  int64_t p = app.timeline.position();
  const int64_t lo = 0;
  const int64_t hi = app.timeline.recorded();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderScalar("##position", ImGuiDataType_S64, &p, &lo, &hi,
                          "%" PRId64 " events delivered")) {
    out.push_back(SeekTo{p});
  }
}

void narration(const AppState& app) {
  const NoteMark* note = current_note(app);
  if (note == nullptr || static_cast<size_t>(note->index) >= app.names.notes.size()) {
    ImGui::TextDisabled("(no narration yet)");
    return;
  }
  ImGui::TextDisabled("note at step %" PRId64 ":", note->step);
  ImGui::SameLine();
  ImGui::TextWrapped("%s", app.names.notes[static_cast<size_t>(note->index)].c_str());
}

}  // namespace

void draw_time_panel(const AppState& app, TimePanelState& state, const Fonts& /*fonts*/, Rect rect,
                     std::vector<Command>& out) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  const std::string title = "Time - " + app.scenario_name;
  if (!ImGui::Begin(title.c_str(), nullptr, kPanelFlags)) {
    ImGui::End();
    return;
  }
  if (state.keyboard_shortcuts) keyboard(app, out);
  buttons(app, out);
  scrubber(app, out);
  narration(app);
  ImGui::TextDisabled(
      "keys: Space play/pause, Left/Right step (Shift: 10), Home/End first/last; click a "
      "trace line to jump to it");
  ImGui::End();
}

}  // namespace ksim::viz
