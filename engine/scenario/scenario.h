// A scenario as the engine sees it once its file has been read and checked: the world (the
// toy's nodes or a Kafka cluster), the network, the timeline of actions and the narration.
// docs/scenario-format.md specifies the file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/proto/action.h"
#include "engine/sim/network.h"
#include "engine/sim/time.h"

namespace ksim::scenario {

// An action at a time, or (after_step) right after a given step has been delivered.
struct TimedAction {
  SimTime at;
  std::optional<int64_t> after_step;
  proto::Action action;
};

// What a lesson asserts about the state at a moment (docs/scenario-format.md#expect). Which
// fields matter depends on `what`; the reader fills exactly those and checks that the consumer,
// group, topic, partition and broker named exist.
struct Expectation {
  enum class What : uint8_t {
    kAssignment,        // consumer: the partitions it owns now
    kGroupState,        // group: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead
    kGeneration,        // group: the generation id
    kGroupCoordinator,  // group: the broker id of its coordinator
    kMembers,           // group: how many members it has
    kLag,               // group (topic, partition optional: summed): HW - committed offset
    kCommittedOffset,   // group, topic, partition
    kLeader,            // topic, partition: the leader's broker id (-1: none)
    kIsr,               // topic, partition: the ISR's broker ids
    kHighWatermark,     // topic, partition (broker optional: the leader's replica)
    kLogEndOffset,
    kLogStartOffset,
    kSegmentCount,
    kRecordCount,           // records physically in the replica's log
    kLeaderCount,           // broker: how many partitions it leads
    kRecordsConsumed,       // group or consumer (topic optional): records poll() returned
    kDuplicates,            // group or consumer: deliveries of a record already delivered
    kConsumerErrors,        // consumer: exceptions poll() threw
    kRecordsAcked,          // producer: sends whose callback reported success
    kRecordsFailed,         // producer: sends whose callback reported an exception
    kAckedRecordsLost,      // (topic optional) acknowledged records no longer in the log
    kCommittedRecordsLost,  // (topic optional) records once below a high watermark, now gone
  };
  enum class Compare : uint8_t { kEquals, kAtLeast, kAtMost };
  What what = What::kGroupState;
  Compare compare = Compare::kEquals;
  std::string consumer;
  std::string producer;
  std::string group;
  std::string topic;                 // "" where optional: every topic
  std::optional<int32_t> partition;  // none where optional: every partition, summed
  std::optional<int32_t> broker;     // none: the partition's leader
  // The expected value: a number, a name (group state), or a list (assignment, ISR).
  int64_t number = 0;
  std::string name;
  std::vector<kafka::TopicPartition> partitions;  // sorted
  std::vector<int32_t> brokers;                   // sorted
  std::string because;                            // the lesson's reasoning, shown with the result
  std::string where;                              // its JSON pointer, for messages
};

// A lesson's contrast variant: the same lesson with one setting flipped, for which at least
// one expectation must fail (expects that cannot fail teach nothing).
struct Contrast {
  std::string summary;
  std::map<std::string, std::string> set;  // JSON pointer -> the JSON text put there
};

// A topic that exists from the start (created by the controller at `create_at`).
struct TopicSpec {
  std::string name;
  int32_t partitions = 1;
  int16_t replication_factor = 1;
  std::map<std::string, std::string> configs;
  SimTime create_at = SimTime::from_ms(100);
};

// A Kafka cluster: brokers with ids 1..N on nodes broker-1..broker-N, the KRaft controllers
// (node "controller", or controller-1..controller-M for a quorum of M), and scripted clients.
struct ClusterSpec {
  int32_t brokers = 1;
  int32_t controllers = 1;                        // KRaft voters: "controller", or controller-1..N
  std::vector<std::optional<std::string>> racks;  // per broker, or empty
  std::map<std::string, std::string> broker_configs;
  std::vector<TopicSpec> topics;
  struct Client {
    std::string name;
    std::vector<std::string> bootstrap;  // broker node names
  };
  std::vector<Client> clients;
  // Kafka's Java producer (docs/clients.md).
  struct Producer {
    std::string name;
    std::vector<std::string> bootstrap;
    std::map<std::string, std::string> configs;  // checked against the producer's table
    SimTime start_at;
    std::optional<int64_t> start_after_step;  // set: starts right after this step instead
  };
  std::vector<Producer> producers;
  // Kafka's Java consumer: assign() or subscribe(), and how its application loops.
  struct Consumer {
    std::string name;
    std::vector<std::string> bootstrap;
    std::map<std::string, std::string> configs;
    std::vector<kafka::TopicPartition> assign;
    std::vector<std::string> subscribe;  // or a group assigns partitions of these topics
    int64_t processing_us_per_record = 0;
    int64_t poll_timeout_ms = 1000;
    SimTime start_at;
    std::optional<int64_t> start_after_step;  // set: starts right after this step instead
  };
  std::vector<Consumer> consumers;
};

struct Scenario {
  std::string name;
  std::string summary;
  uint64_t seed = 1;
  SimTime stop_at = SimTime::from_s(10);
  LinkConfig network;
  std::vector<std::string> nodes;  // node names; a NodeId is an index here
  // Exactly one world: the toy's pinging nodes, or a Kafka cluster.
  std::optional<ClusterSpec> cluster;
  SimTime ping_interval = SimTime::from_ms(100);
  std::vector<TimedAction> timeline;
  std::vector<std::string> notes;    // proto::Note::index points here
  std::vector<Expectation> expects;  // proto::Expect::index points here
  std::optional<Contrast> contrast;
  bool is_contrast = false;  // this is the lesson's contrast variant
};

}  // namespace ksim::scenario
