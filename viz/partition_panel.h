// STUB: replaced by the partition view work.
#pragma once

#include <vector>

#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/geometry.h"

namespace ksim::viz {

struct PartitionPanelState {};
void draw_partition_panel(const AppState& app, PartitionPanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out);

}  // namespace ksim::viz
