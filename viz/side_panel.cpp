// The side panel below the inspector: the lesson and the trace, as two tabs.
#include <imgui.h>

#include "viz/panel_window.h"
#include "viz/panels.h"

namespace ksim::viz {

void draw_side_panel(const AppState& app, SidePanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out) {
  if (!begin_panel("##side", rect, ImGuiWindowFlags_NoTitleBar)) return;
  if (ImGui::BeginTabBar("side tabs")) {
    if (ImGui::BeginTabItem("Lesson")) {
      draw_lesson_tab(app, state.lesson, fonts, out);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Trace")) {
      draw_trace_tab(app, state.trace, fonts, out);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace ksim::viz
