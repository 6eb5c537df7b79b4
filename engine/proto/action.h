// Scenario actions and injected faults: data, scheduled as events like any message. The
// scenario file, the viewer (which forks the timeline) and fault search all produce these.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/proto/app_value.h"
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

// Node-targeted actions: delivered to the node's own logic (an admin tool talking to the
// controller, an operator stopping a broker, a test client told what to send).

// kafka-topics --create, handled by the controller.
struct CreateTopic {
  NodeId controller;
  std::string name;
  int32_t partitions = 1;
  int16_t replication_factor = 1;
  std::map<std::string, std::string> configs;
  friend bool operator==(const CreateTopic&, const CreateTopic&) = default;
};
// kafka-topics --delete.
struct DeleteTopic {
  NodeId controller;
  std::string name;
  friend bool operator==(const DeleteTopic&, const DeleteTopic&) = default;
};
// kafka-topics --alter --partitions: grows the topic to `total` partitions.
struct AddPartitions {
  NodeId controller;
  std::string name;
  int32_t total = 1;
  friend bool operator==(const AddPartitions&, const AddPartitions&) = default;
};
// kafka-configs --alter --entity-type topics --entity-name NAME --add-config k=v,...
// --delete-config k,...: the topic's config overrides change (IncrementalAlterConfigs).
struct AlterTopicConfig {
  NodeId controller;
  std::string name;
  std::map<std::string, std::string> set;
  std::vector<std::string> remove;
  friend bool operator==(const AlterTopicConfig&, const AlterTopicConfig&) = default;
};
// kafka-leader-election --election-type preferred --all-topic-partitions.
struct ElectPreferredLeaders {
  NodeId controller;
  friend bool operator==(const ElectPreferredLeaders&, const ElectPreferredLeaders&) = default;
};
// kafka-server-stop: a broker's controlled shutdown.
struct ControlledShutdown {
  NodeId node;
  friend bool operator==(const ControlledShutdown&, const ControlledShutdown&) = default;
};
// Tells a scripted client to produce `count` records to one partition with `acks`.
struct ClientProduce {
  NodeId client;
  kafka::TopicPartition tp;
  int16_t acks = -1;
  int32_t count = 1;
  std::optional<std::string> key;
  friend bool operator==(const ClientProduce&, const ClientProduce&) = default;
};
// Tells a scripted client to fetch one partition from `offset` as a consumer.
struct ClientFetch {
  NodeId client;
  kafka::TopicPartition tp;
  int64_t offset = 0;
  friend bool operator==(const ClientFetch&, const ClientFetch&) = default;
};

// KafkaProducer.send from the producer's application: `count` records, one every `every_ms`
// (all at once when 0). Keys cycle through `keys` (none: null keys) and values through `values`
// (none: generated from the producer's name and a counter).
struct ProducerSend {
  NodeId producer;
  std::string topic;
  int32_t count = 1;
  int64_t every_ms = 0;
  std::vector<AppValue> keys;
  std::vector<AppValue> values;
  std::optional<int32_t> partition;  // ProducerRecord's explicit partition
  friend bool operator==(const ProducerSend&, const ProducerSend&) = default;
};
// Consumer.seek / seekToBeginning / seekToEnd.
inline constexpr int64_t kSeekBeginning = -2;
inline constexpr int64_t kSeekEnd = -1;
struct ConsumerSeek {
  NodeId consumer;
  kafka::TopicPartition tp;
  int64_t offset = 0;  // or kSeekBeginning / kSeekEnd
  friend bool operator==(const ConsumerSeek&, const ConsumerSeek&) = default;
};
// Consumer.commitSync() / commitAsync() of the current positions.
struct ConsumerCommit {
  NodeId consumer;
  bool sync = true;
  friend bool operator==(const ConsumerCommit&, const ConsumerCommit&) = default;
};
// Consumer.close() / Producer.close(): a clean stop (the consumer commits first if auto-commit
// is on; the producer sends what it has).
struct CloseClient {
  NodeId client;
  friend bool operator==(const CloseClient&, const CloseClient&) = default;
};

// kafka-consumer-groups --reset-offsets, run against `broker` (the tool's bootstrap server):
// the group's coordinator plans new offsets for every partition of `topic` and, with
// `execute`, commits them; refused while the group has members.
struct ResetOffsets {
  enum class Strategy : uint8_t { kToEarliest, kToLatest, kToOffset, kShiftBy };
  NodeId broker;
  std::string group;
  std::string topic;
  Strategy strategy = Strategy::kToEarliest;
  int64_t value = 0;  // the offset (kToOffset) or the shift (kShiftBy)
  bool execute = false;
  friend bool operator==(const ResetOffsets&, const ResetOffsets&) = default;
};

// The producer's application is redeployed with another key or value serializer (Kafka's
// names or the short ones of docs/client-configs.md): records sent from now on are written in
// the new format, which consumers still reading the old one cannot read (a poison pill).
struct SetSerializer {
  NodeId producer;
  std::optional<std::string> key;
  std::optional<std::string> value;
  friend bool operator==(const SetSerializer&, const SetSerializer&) = default;
};

// A lesson's assertion on the state at this moment. `index` points into the scenario's list of
// expectations; the world does nothing with it (engine/scenario/lesson_check.h checks it).
struct Expect {
  int32_t index = 0;
  friend bool operator==(const Expect&, const Expect&) = default;
};

using Action =
    std::variant<StartNode, CrashNode, RestartNode, PartitionNetwork, HealNetwork, SetLink, Note,
                 CreateTopic, DeleteTopic, AddPartitions, ElectPreferredLeaders, ControlledShutdown,
                 ClientProduce, ClientFetch, ProducerSend, ConsumerSeek, ConsumerCommit,
                 CloseClient, ResetOffsets, Expect, SetSerializer, AlterTopicConfig>;

enum class ActionKind : uint16_t {
  kStartNode = 0,
  kCrashNode,
  kRestartNode,
  kPartitionNetwork,
  kHealNetwork,
  kSetLink,
  kNote,
  kCreateTopic,
  kDeleteTopic,
  kAddPartitions,
  kElectPreferredLeaders,
  kControlledShutdown,
  kClientProduce,
  kClientFetch,
  kProducerSend,
  kConsumerSeek,
  kConsumerCommit,
  kCloseClient,
  kResetOffsets,
  kExpect,
  kSetSerializer,
  kAlterTopicConfig,
  kCount,
};
static_assert(static_cast<size_t>(ActionKind::kCount) == std::variant_size_v<Action>,
              "ActionKind must list every Action alternative, in order");

inline ActionKind kind_of(const Action& a) { return static_cast<ActionKind>(a.index()); }

// The node a node-targeted action goes to, or kScenarioNode for world-level actions.
NodeId action_target(const Action& a);

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
    case ActionKind::kCreateTopic:
      return "create_topic";
    case ActionKind::kDeleteTopic:
      return "delete_topic";
    case ActionKind::kAddPartitions:
      return "add_partitions";
    case ActionKind::kElectPreferredLeaders:
      return "elect_preferred_leaders";
    case ActionKind::kControlledShutdown:
      return "controlled_shutdown";
    case ActionKind::kClientProduce:
      return "client_produce";
    case ActionKind::kClientFetch:
      return "client_fetch";
    case ActionKind::kProducerSend:
      return "send";
    case ActionKind::kConsumerSeek:
      return "seek";
    case ActionKind::kConsumerCommit:
      return "commit";
    case ActionKind::kCloseClient:
      return "close";
    case ActionKind::kResetOffsets:
      return "reset_offsets";
    case ActionKind::kExpect:
      return "expect";
    case ActionKind::kSetSerializer:
      return "set_serializer";
    case ActionKind::kAlterTopicConfig:
      return "alter_topic_config";
    case ActionKind::kCount:
      break;
  }
  return "?";
}

}  // namespace ksim::proto
