// Scenario actions and injected faults: data, scheduled as events like any message. The
// scenario file, the viewer (which forks the timeline) and fault search all produce these.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/sim/ids.h"
#include "engine/sim/network.h"

namespace ksim::proto {

// Starts a node for the first time (at the scenario's start or later).
struct StartNode {
  NodeId node;
  friend bool operator==(const StartNode&, const StartNode&) = default;
};
// Crash: memory state and pending timers are lost, the disk is kept.
struct CrashNode {
  NodeId node;
  friend bool operator==(const CrashNode&, const CrashNode&) = default;
};
// Restart a crashed node: it starts again from what its disk holds.
struct RestartNode {
  NodeId node;
  friend bool operator==(const RestartNode&, const RestartNode&) = default;
};
// Cuts links between two sets of nodes (one_way: only from side_a to side_b).
struct PartitionNetwork {
  std::vector<NodeId> side_a;
  std::vector<NodeId> side_b;
  bool one_way = false;
  friend bool operator==(const PartitionNetwork&, const PartitionNetwork&) = default;
};
// Restores every cut link.
struct HealNetwork {
  friend bool operator==(const HealNetwork&, const HealNetwork&) = default;
};
// Changes the latency, jitter and loss of one directed link.
struct SetLink {
  NodeId from;
  NodeId to;
  LinkConfig config;
  friend bool operator==(const SetLink&, const SetLink&) = default;
};
// Narration shown at this moment. `index` points into the scenario's list of notes.
struct Note {
  int32_t index = 0;
  bool pause = false;
  friend bool operator==(const Note&, const Note&) = default;
};

using Action =
    std::variant<StartNode, CrashNode, RestartNode, PartitionNetwork, HealNetwork, SetLink, Note>;

enum class ActionKind : uint16_t {
  kStartNode = 0,
  kCrashNode,
  kRestartNode,
  kPartitionNetwork,
  kHealNetwork,
  kSetLink,
  kNote,
};

inline ActionKind kind_of(const Action& a) { return static_cast<ActionKind>(a.index()); }

inline std::string_view action_kind_name(ActionKind k) {
  switch (k) {
    case ActionKind::kStartNode:
      return "start";
    case ActionKind::kCrashNode:
      return "crash";
    case ActionKind::kRestartNode:
      return "restart";
    case ActionKind::kPartitionNetwork:
      return "partition";
    case ActionKind::kHealNetwork:
      return "heal";
    case ActionKind::kSetLink:
      return "set_link";
    case ActionKind::kNote:
      return "note";
  }
  return "?";
}

}  // namespace ksim::proto
