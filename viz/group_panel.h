// STUB: replaced by the group view work.
#pragma once

#include <vector>

#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/geometry.h"

namespace ksim::viz {

struct GroupPanelState {};
void draw_group_panel(const AppState& app, GroupPanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out);

}  // namespace ksim::viz
