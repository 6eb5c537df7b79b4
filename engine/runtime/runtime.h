// The part of the world every node handler reaches through its Context: the clock, the event
// queue, the network and its randomness, node liveness, and the record-id counter. A plain
// value, copied with the world.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/runtime/event.h"
#include "engine/sim/network.h"
#include "engine/sim/prng.h"

namespace ksim::runtime {

struct NodeStatus {
  bool up = false;
  bool started = false;      // false until the node's first start
  uint32_t incarnation = 0;  // bumped by each crash
  friend bool operator==(const NodeStatus&, const NodeStatus&) = default;
};

struct Runtime {
  SimTime now;
  Queue queue;
  Network network;
  Prng network_rng;
  std::vector<NodeStatus> status;  // by NodeId
  uint64_t next_record_id = 1;

  const NodeStatus& status_of(NodeId n) const { return status[static_cast<size_t>(n.value)]; }
  NodeStatus& status_of(NodeId n) { return status[static_cast<size_t>(n.value)]; }

  friend bool operator==(const Runtime&, const Runtime&) = default;
};

}  // namespace ksim::runtime
