// The partition view's panel: the partition list, then the chosen partition's replicas side by
// side as logs of cells (viz/partition_board.h computes what to draw).
#pragma once

#include <optional>
#include <vector>

#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/geometry.h"

namespace ksim::viz {

struct PartitionBoardState {
  bool show_internal = false;
  char filter[128] = {};
  std::optional<kafka::TopicPartition> chosen;  // nullopt: the selection's, or the first
  std::optional<int64_t> window_end;            // nullopt: follow the log end
};

void draw_partition_board_panel(const AppState& app, PartitionBoardState& state, const Fonts& fonts,
                                Rect rect, std::vector<Command>& out);

}  // namespace ksim::viz
