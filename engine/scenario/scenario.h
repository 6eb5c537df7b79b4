// A scenario as the engine sees it once its file has been read and checked: the toy world's
// nodes, the network, the timeline of actions and the narration. Later issues extend this one
// model (brokers, topics, clients, expects). docs/scenario-format.md specifies the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/proto/action.h"
#include "engine/sim/network.h"
#include "engine/sim/time.h"

namespace ksim::scenario {

struct TimedAction {
  SimTime at;
  proto::Action action;
};

struct Scenario {
  std::string name;
  std::string summary;
  uint64_t seed = 1;
  SimTime stop_at = SimTime::from_s(10);
  LinkConfig network;
  std::vector<std::string> nodes;  // node names; a NodeId is an index here
  SimTime ping_interval = SimTime::from_ms(100);
  std::vector<TimedAction> timeline;
  std::vector<std::string> notes;  // proto::Note::index points here
};

}  // namespace ksim::scenario
