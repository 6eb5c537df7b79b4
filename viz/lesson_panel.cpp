// The lesson tab: the scenario's summary, the expectations with their status, the invariants'
// observations, and the chapter menu of the scenario's notes (the narration itself is shown
// under the time controls). Every row seeks to the step it names.
#include <imgui.h>

#include <cinttypes>

#include "viz/lesson_model.h"
#include "viz/panels.h"
#include "viz/scrubber.h"

namespace ksim::viz {
namespace {

ImVec4 to_vec(Rgba c) { return {c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f}; }

void chapter_list(const AppState& app, LessonTabState& state, std::vector<Command>& out) {
  const std::vector<Chapter> list = chapters(app);
  if (!ImGui::CollapsingHeader("Chapters", ImGuiTreeNodeFlags_DefaultOpen)) return;
  for (size_t i = 0; i < list.size(); ++i) {
    const Chapter& c = list[i];
    ImGui::PushID(static_cast<int>(i));
    char label[160];
    std::snprintf(label, sizeof label, "%7.1fs %s%s", c.at_s, c.pause ? "[pause] " : "",
                  c.title.c_str());
    if (c.future)
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    if (ImGui::Selectable(label, c.current)) out.push_back(SeekTo{c.step + 1});
    if (c.future) ImGui::PopStyleColor();
    if (c.current && state.followed_note != c.step) {
      state.followed_note = c.step;
      ImGui::SetScrollHereY(0.3f);
    }
    ImGui::PopID();
  }
}

void expectations(const AppState& app, std::vector<Command>& out) {
  const std::vector<ExpectRow> rows = expect_rows(app);
  if (rows.empty()) return;
  if (!ImGui::CollapsingHeader("Expectations", ImGuiTreeNodeFlags_DefaultOpen)) return;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ExpectRow& r = rows[i];
    ImGui::PushID(static_cast<int>(i));
    const char* status = r.status == ExpectStatus::kPassed   ? "passed "
                         : r.status == ExpectStatus::kFailed ? "FAILED "
                                                             : "pending";
    const Rgba color = r.status == ExpectStatus::kPassed   ? mark_color(MarkKind::kExpectPassed)
                       : r.status == ExpectStatus::kFailed ? mark_color(MarkKind::kExpectFailed)
                                                           : Rgba{150, 150, 150, 255};
    ImGui::TextColored(to_vec(color), "%s", status);
    ImGui::SameLine();
    if (ImGui::Selectable(r.what.c_str(), false) && r.step >= 0) out.push_back(SeekTo{r.step + 1});
    if (ImGui::IsItemHovered()) {
      if (r.step < 0) {
        ImGui::SetTooltip("the run ends before this expectation's time");
      } else if (r.status == ExpectStatus::kPending) {
        ImGui::SetTooltip("checked at step %" PRId64 " (click to go there)", r.step);
      } else {
        ImGui::SetTooltip("step %" PRId64 ": found %s", r.step, r.found.c_str());
      }
    }
    ImGui::PopID();
  }
}

void observations(const AppState& app, std::vector<Command>& out) {
  const auto list = app.timeline.trace().observations();
  if (list.empty()) return;
  const std::string header = "Observations (" + std::to_string(list.size()) + ")";
  if (!ImGui::CollapsingHeader(header.c_str())) return;
  const int64_t p = app.timeline.position();
  for (size_t i = 0; i < list.size(); ++i) {
    const trace::Observation& o = list[i];
    ImGui::PushID(static_cast<int>(i));
    const bool future = o.step.value >= p;
    ImGui::TextColored(
        to_vec(future ? Rgba{150, 150, 150, 255} : mark_color(MarkKind::kObservation)),
        "step %" PRId64, o.step.value);
    ImGui::SameLine();
    const std::string text = o.invariant + ": " + o.detail;
    if (ImGui::Selectable(text.c_str(), false)) out.push_back(SeekTo{o.step.value + 1});
    ImGui::PopID();
  }
}

}  // namespace

void draw_lesson_tab(const AppState& app, LessonTabState& state, const Fonts& /*fonts*/,
                     std::vector<Command>& out) {
  if (!app.scenario.summary.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", app.scenario.summary.c_str());
    ImGui::PopTextWrapPos();
  }
  // The chapters scroll on their own, so following the current note never hides the
  // expectations below.
  const float half = ImGui::GetContentRegionAvail().y * 0.55f;
  ImGui::BeginChild("chapters", {0, half}, false);
  chapter_list(app, state, out);
  ImGui::EndChild();
  ImGui::BeginChild("checks");
  expectations(app, out);
  observations(app, out);
  ImGui::EndChild();
}

}  // namespace ksim::viz
