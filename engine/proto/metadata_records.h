// The records of KRaft's cluster metadata log (__cluster_metadata), reduced to the state a
// learner sees: broker registrations, topics and their configs, partition states. The
// controller appends them; brokers apply them in order to their metadata image. Each record
// carries the whole new state of its subject (an upsert), so applying is idempotent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/kafka/uuid.h"
#include "engine/sim/ids.h"

namespace ksim::proto {

// RegisterBrokerRecord / FenceBrokerRecord / UnfenceBrokerRecord, as one full state.
struct BrokerRecord {
  int32_t broker_id = 0;
  NodeId node;                      // where the broker runs in the simulation
  std::optional<std::string> rack;  // broker.rack
  int64_t broker_epoch = 0;
  bool fenced = true;
  bool in_controlled_shutdown = false;
  friend bool operator==(const BrokerRecord&, const BrokerRecord&) = default;
};

// TopicRecord plus its ConfigRecords: the topic's config overrides as strings.
struct TopicRecord {
  std::string name;
  int32_t topic_id = 0;  // a small number for the trace's replica entities
  kafka::Uuid uuid;      // Kafka's TopicId, as kafka-topics --describe shows it
  std::map<std::string, std::string> configs;
  friend bool operator==(const TopicRecord&, const TopicRecord&) = default;
};

// PartitionRecord / PartitionChangeRecord: the whole state of one partition.
struct PartitionRecord {
  std::string topic;
  int32_t partition = 0;
  std::vector<int32_t> replicas;  // assignment order; the first is the preferred leader
  std::vector<int32_t> isr;
  int32_t leader = -1;  // -1: no leader (offline)
  int32_t leader_epoch = 0;
  int32_t partition_epoch = 0;
  friend bool operator==(const PartitionRecord&, const PartitionRecord&) = default;
};

struct RemoveTopicRecord {
  std::string name;
  friend bool operator==(const RemoveTopicRecord&, const RemoveTopicRecord&) = default;
};

// LeaderChangeMessage: the first record of a new active controller's epoch. Committing it
// commits every record before it (a Raft leader commits earlier epochs' entries this way).
struct LeaderChangeRecord {
  int32_t epoch = 0;
  NodeId leader;
  friend bool operator==(const LeaderChangeRecord&, const LeaderChangeRecord&) = default;
};

using MetadataRecord =
    std::variant<BrokerRecord, TopicRecord, PartitionRecord, RemoveTopicRecord, LeaderChangeRecord>;

}  // namespace ksim::proto
