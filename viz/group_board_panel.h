// The group view's panel: one card per consumer group, then the group protocol's exchange
// around the current step (viz/group_board.h computes both).
#pragma once

#include <vector>

#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/geometry.h"

namespace ksim::viz {

struct GroupBoardState {
  bool show_heartbeats = true;
};

void draw_group_board_panel(const AppState& app, GroupBoardState& state, const Fonts& fonts,
                            Rect rect, std::vector<Command>& out);

}  // namespace ksim::viz
