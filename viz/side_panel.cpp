// The side panel below the inspector: the lesson and the trace, as two tabs.
#include <imgui.h>

#include "viz/panels.h"

namespace ksim::viz {

void draw_side_panel(const AppState& app, SidePanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (!ImGui::Begin("##side", nullptr, kFlags)) {
    ImGui::End();
    return;
  }
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
