// STUB: replaced by the inspector view work.
#include "viz/inspector_panel.h"

#include <imgui.h>

namespace ksim::viz {

void draw_inspector_panel(const AppState& /*app*/, InspectorPanelState& /*state*/, const Fonts& /*fonts*/,
                     Rect rect, std::vector<Command>& /*out*/) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  ImGui::Begin("Inspector", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  ImGui::End();
}

}  // namespace ksim::viz
