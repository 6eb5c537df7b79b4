// Ids shared by every engine module. Nodes (brokers, controllers, clients, the toy's pingers)
// are dense indexes into the world's node table; steps are indexes into the trace.
#pragma once

#include <cstdint>

#include "engine/sim/strong_id.h"

namespace ksim {

struct NodeIdTag {};
struct StepTag {};
struct RecordIdTag {};

// A node of the simulation: index into World::nodes.
using NodeId = StrongInt<NodeIdTag, int32_t>;
// A step is one delivered event; its number is its index in the trace.
using Step = StrongInt<StepTag, int64_t>;
// Every record produced in a run gets a unique id, so the trace can follow it everywhere.
using RecordId = StrongInt<RecordIdTag, uint64_t>;

// "No step": the cause of events that the scenario scheduled before the run began.
inline constexpr Step kNoStep{-1};
// The pseudo-node that performs scenario actions (crash, partition, note, ...).
inline constexpr NodeId kScenarioNode{-1};

}  // namespace ksim
