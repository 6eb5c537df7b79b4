// The time controls: buttons (first, beat back, step back, play, step, beat, last), the position
// scrubber with the run's marks under it, the playback speed, keyboard shortcuts, the narration
// for the current position with Continue at a pausing note, and the last file command's status.
// Emits commands only.
#include <imgui.h>

#include <cinttypes>
#include <string>

#include "viz/lesson_model.h"
#include "viz/panel_window.h"
#include "viz/panels.h"
#include "viz/scrubber.h"

namespace ksim::viz {
namespace {

// Labels listed in a tick's tooltip at most.
constexpr size_t kTooltipMarks = 6;

ImU32 to_u32(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); }

void keyboard(const AppState& app, std::vector<Command>& out) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) out.push_back(TogglePlay{});
  if (key_pressed(ImGuiKey_RightArrow)) {
    out.push_back(io.KeyShift ? Command{StepBeats{1}} : Command{StepBy{1}});
  }
  if (key_pressed(ImGuiKey_LeftArrow)) {
    out.push_back(io.KeyShift ? Command{StepBeats{-1}} : Command{StepBy{-1}});
  }
  if (key_pressed(ImGuiKey_Home)) out.push_back(SeekTo{0});
  if (key_pressed(ImGuiKey_End)) out.push_back(SeekTo{app.timeline.recorded()});
}

void button(const char* label, const char* tip, Command c, std::vector<Command>& out) {
  if (ImGui::Button(label)) out.push_back(std::move(c));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  ImGui::SameLine();
}

void buttons(const AppState& app, std::vector<Command>& out) {
  button("|<", "first position (Home)", SeekTo{0}, out);
  button("<< beat", "back one lesson beat: skips steps that change nothing visible (Shift+Left)",
         StepBeats{-1}, out);
  button("< step", "back one event (Left)", StepBy{-1}, out);
  if (ImGui::Button(app.playback.playing ? "Pause" : "Play ", {60, 0})) {
    out.push_back(TogglePlay{});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("play or pause (Space)");
  ImGui::SameLine();
  button("step >", "one event (Right)", StepBy{1}, out);
  button("beat >>", "on to the next lesson beat (Shift+Right)", StepBeats{1}, out);
  button(">|", "last position (End)", SeekTo{app.timeline.recorded()}, out);
  ImGui::SameLine(0, 16);
  ImGui::Text("position %" PRId64 " / %" PRId64 "   t = %.3f ms", app.timeline.position(),
              app.timeline.recorded(), static_cast<double>(view_time(app).us) / 1000.0);
  ImGui::SameLine(0, 16);
  float speed = static_cast<float>(app.playback.speed_sim_ms_per_s);
  ImGui::SetNextItemWidth(150);
  if (ImGui::SliderFloat("sim ms per s", &speed, static_cast<float>(Playback::kMinSpeed),
                         static_cast<float>(Playback::kMaxSpeed), "%.0f",
                         ImGuiSliderFlags_Logarithmic)) {
    out.push_back(SetSpeed{speed});
  }
}

void tick_tooltip(const AppState& app, const ScrubberTick& t) {
  ImGui::BeginTooltip();
  for (size_t i = t.first; i < t.first + std::min(t.count, kTooltipMarks); ++i) {
    const TimelineMark& m = app.marks[i];
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(to_u32(mark_color(m.kind))), "step %" PRId64,
                       m.step);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35);
    ImGui::TextUnformatted(m.label.c_str());
    ImGui::PopTextWrapPos();
  }
  if (t.count > kTooltipMarks) ImGui::TextDisabled("and %zu more", t.count - kTooltipMarks);
  ImGui::TextDisabled("click: go to step %" PRId64, t.step);
  ImGui::EndTooltip();
}

// The scrubber, and under it a strip of ticks for the marks: hover for what they are, click to
// go there.
void scrubber(const AppState& app, std::vector<Command>& out) {
  int64_t p = app.timeline.position();
  const int64_t lo = 0;
  const int64_t hi = app.timeline.recorded();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderScalar("##position", ImGuiDataType_S64, &p, &lo, &hi,
                          "%" PRId64 " events delivered")) {
    out.push_back(SeekTo{p});
  }
  const ImVec2 bar_min = ImGui::GetItemRectMin();
  const float grab = ImGui::GetStyle().GrabMinSize / 2;
  const float left = bar_min.x + grab;
  const float width = ImGui::GetItemRectSize().x - 2 * grab;
  const float strip_h = 8;
  const ImVec2 strip{bar_min.x, ImGui::GetCursorScreenPos().y};
  ImGui::InvisibleButton("##marks", {ImGui::GetItemRectSize().x, strip_h});
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  const float mouse_x = ImGui::GetIO().MousePos.x - left;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::vector<ScrubberTick> ticks = scrubber_ticks(app.marks, hi, width);
  const ScrubberTick* nearest = nullptr;
  for (const ScrubberTick& t : ticks) {
    const float x = left + t.x;
    draw->AddRectFilled({x - 1.5f, strip.y}, {x + 1.5f, strip.y + strip_h},
                        to_u32(mark_color(t.kind)));
    if (hovered && std::abs(t.x - mouse_x) <= 4 &&
        (nearest == nullptr || std::abs(t.x - mouse_x) < std::abs(nearest->x - mouse_x))) {
      nearest = &t;
    }
  }
  if (nearest != nullptr) {
    tick_tooltip(app, *nearest);
    if (clicked) out.push_back(SeekTo{nearest->step + 1});
  }
}

void narration(const AppState& app, std::vector<Command>& out) {
  const NoteMark* note = current_note(app);
  if (waiting_at_pause(app)) {
    if (ImGui::Button("Continue")) out.push_back(Play{});
    ImGui::SameLine();
  }
  if (note == nullptr || static_cast<size_t>(note->index) >= app.names.notes.size()) {
    ImGui::TextDisabled("(no narration yet)");
    return;
  }
  ImGui::TextDisabled("note at step %" PRId64 ":", note->step);
  ImGui::SameLine();
  ImGui::TextWrapped("%s", app.names.notes[static_cast<size_t>(note->index)].c_str());
}

// The last file command's outcome (the key help is behind "?" and the Help menu).
void status_line(const AppState& app) {
  if (!app.error.empty()) {
    const std::string first_line = app.error.substr(0, app.error.find('\n'));
    ImGui::TextColored({1.0f, 0.35f, 0.35f, 1.0f}, "%s", first_line.c_str());
  } else if (!app.status.empty()) {
    ImGui::TextDisabled("%s", app.status.c_str());
  }
}

}  // namespace

void draw_time_panel(const AppState& app, TimePanelState& state, const Fonts& /*fonts*/, Rect rect,
                     std::vector<Command>& out) {
  const std::string title = "Time - " + app.scenario_name +
                            (app.fork_actions.empty() ? "" : "  (forked by the viewer)") +
                            "###time";
  if (!begin_panel(title.c_str(), rect)) return;
  if (state.keyboard_shortcuts) keyboard(app, out);
  buttons(app, out);
  scrubber(app, out);
  narration(app, out);
  status_line(app);
  ImGui::End();
}

}  // namespace ksim::viz
