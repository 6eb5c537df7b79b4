// The trace log: one line per step, rendered on demand for the visible rows only
// (ImGuiListClipper over the trace's indexable entries). The step just delivered is
// highlighted, steps not yet delivered are dimmed, and a click seeks just after that step.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "viz/panels.h"

namespace ksim::viz {
namespace {

// Keeps the current step in the middle of the list when the position moved.
void follow(const AppState& app, LogPanelState& state, float row_h) {
  const int64_t p = app.timeline.position();
  if (p == state.followed_position) return;
  state.followed_position = p;
  const float row = static_cast<float>(std::max<int64_t>(0, p - 1));
  ImGui::SetScrollY(std::max(0.0f, row * row_h - ImGui::GetWindowHeight() / 2));
}

void row(const AppState& app, int64_t i, std::vector<Command>& out) {
  const int64_t p = app.timeline.position();
  const std::string line = trace::render_line(app.timeline.trace(), Step{i}, app.names);
  ImGui::PushID(static_cast<int>(i));
  const float x = ImGui::GetCursorPosX();
  if (ImGui::Selectable("##step", i == p - 1, ImGuiSelectableFlags_AllowItemOverlap)) {
    out.push_back(SeekTo{i + 1});
  }
  ImGui::SameLine(x);
  if (i >= p) {
    ImGui::TextDisabled("%s", line.c_str());
  } else {
    ImGui::TextUnformatted(line.c_str());
  }
  ImGui::PopID();
}

}  // namespace

void draw_trace_tab(const AppState& app, LogPanelState& state, const Fonts& fonts,
                    std::vector<Command>& out) {
  ImGui::TextDisabled("highlighted: the step just delivered; dimmed: steps still to come");
  ImGui::BeginChild("rows", {0, 0}, false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(fonts.mono);
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  follow(app, state, row_h);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(app.timeline.trace().size()), row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) row(app, i, out);
  }
  clipper.End();
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace ksim::viz
