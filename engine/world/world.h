// The world is a value: every node, the event queue, the network, the randomness and all the
// counters, with no pointers between them. Copying a World is a checkpoint; restoring a copy
// and replaying is how the timeline steps backward. step() delivers one event.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/client/consumer.h"
#include "engine/client/producer.h"
#include "engine/cluster/broker.h"
#include "engine/cluster/controller.h"
#include "engine/cluster/scripted_client.h"
#include "engine/runtime/runtime.h"
#include "engine/toy/toy_node.h"
#include "engine/trace/trace.h"

namespace ksim::world {

// What runs on a node.
using NodeLogic = std::variant<toy::ToyNode, cluster::Broker, cluster::Controller,
                               cluster::ScriptedClient, client::Producer, client::Consumer>;

struct Node {
  std::string name;
  NodeLogic logic;
  friend bool operator==(const Node&, const Node&) = default;
};

// An action anchored to a step rather than a time: it is scheduled as soon as step
// `after_step` has been delivered (at that step's time, caused by it), so an action the viewer
// added after step N replays exactly, whatever the times.
struct AnchoredAction {
  int64_t after_step = 0;
  proto::Action action;
  friend bool operator==(const AnchoredAction&, const AnchoredAction&) = default;
};

struct World {
  uint64_t seed = 0;
  runtime::Runtime rt;
  std::vector<Node> nodes;               // by NodeId
  int64_t steps_done = 0;                // events delivered so far: the next step's number
  std::vector<AnchoredAction> anchored;  // by after_step (stable)
  size_t next_anchored = 0;              // the first not yet scheduled

  SimTime now() const { return rt.now; }
  NodeId add_node(std::string name, NodeLogic logic);
  // Schedules a scenario action (cause: no step) at `at`.
  void schedule(SimTime at, proto::Action action);
  // Schedules an action caused by `cause` (a fork from the viewer or a step-anchored action).
  void schedule(SimTime at, proto::Action action, Step cause);
  // Schedules `action` right after step `after_step` (kept in order with earlier anchors).
  void anchor(int64_t after_step, proto::Action action);

  friend bool operator==(const World&, const World&) = default;
};

enum class StepResult { kStepped, kNoEvents, kPastLimit };

// Delivers the earliest event if it is due no later than `until`, and records it in `trace`
// (when not null). Timers of crashed incarnations are discarded without taking a step.
StepResult step(World& world, trace::Trace* trace, SimTime until = SimTime::never());

}  // namespace ksim::world
