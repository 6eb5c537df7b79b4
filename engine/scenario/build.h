// Turns a checked Scenario into the world at time zero: the toy nodes, the network, each
// node's start, and every timeline action scheduled as an event.
#pragma once

#include <cstdint>

#include "engine/scenario/scenario.h"
#include "engine/trace/render.h"
#include "engine/world/world.h"

namespace ksim::scenario {

world::World build_world(const Scenario& s, uint64_t seed);

// Node names and narration, for rendering the trace.
trace::NameTable names_of(const Scenario& s);

}  // namespace ksim::scenario
