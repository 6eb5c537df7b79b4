// What the learner clicked: a node, a replica, a record in a replica's log, a message in
// flight or a group member. Panels emit Select{...}; the inspector lists the selection's fields
// at the current step and highlights what changed since the previous one. A selection names its
// object by identity (ids, names, offsets), never by pointer, so it survives seeking.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "engine/kafka/types.h"
#include "engine/sim/ids.h"

namespace ksim::viz {

struct NodeSelection {
  NodeId node;
  friend bool operator==(const NodeSelection&, const NodeSelection&) = default;
};
// Partition `tp` as hosted by broker `broker_id`.
struct ReplicaSelection {
  kafka::TopicPartition tp;
  int32_t broker_id = 0;
  friend bool operator==(const ReplicaSelection&, const ReplicaSelection&) = default;
};
// The record at `offset` in broker `broker_id`'s log of `tp`.
struct RecordSelection {
  kafka::TopicPartition tp;
  int32_t broker_id = 0;
  int64_t offset = 0;
  friend bool operator==(const RecordSelection&, const RecordSelection&) = default;
};
// A message in flight: the queue sequence number of its Deliver event.
struct MessageSelection {
  uint64_t seq = 0;
  friend bool operator==(const MessageSelection&, const MessageSelection&) = default;
};
struct MemberSelection {
  std::string group;
  std::string member_id;
  friend bool operator==(const MemberSelection&, const MemberSelection&) = default;
};

using Selection = std::variant<std::monostate, NodeSelection, ReplicaSelection, RecordSelection,
                               MessageSelection, MemberSelection>;

}  // namespace ksim::viz
