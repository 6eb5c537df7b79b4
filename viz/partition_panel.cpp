// STUB: replaced by the partition view work.
#include "viz/partition_panel.h"

#include <imgui.h>

namespace ksim::viz {

void draw_partition_panel(const AppState& /*app*/, PartitionPanelState& /*state*/, const Fonts& /*fonts*/,
                     Rect rect, std::vector<Command>& /*out*/) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  ImGui::Begin("Partition", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  ImGui::End();
}

}  // namespace ksim::viz
