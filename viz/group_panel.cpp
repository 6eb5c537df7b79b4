// STUB: replaced by the group view work.
#include "viz/group_panel.h"

#include <imgui.h>

namespace ksim::viz {

void draw_group_panel(const AppState& /*app*/, GroupPanelState& /*state*/, const Fonts& /*fonts*/,
                     Rect rect, std::vector<Command>& /*out*/) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  ImGui::Begin("Group", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  ImGui::End();
}

}  // namespace ksim::viz
