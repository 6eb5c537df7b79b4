// One or more summary lines for a node at the end of `kafkasim run`: the toy's counters, a
// broker's partitions (leader, epoch, ISR, HW, LEO), the controller's metadata log, a client's
// acknowledged and consumed records.
#pragma once

#include <string>

#include "engine/world/world.h"

namespace ksim::cli {

std::string node_summary(const world::World& w, size_t node_index);

}  // namespace ksim::cli
