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

struct TimedAction {
  SimTime at;
  proto::Action action;
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
  std::vector<std::string> notes;  // proto::Note::index points here
};

}  // namespace ksim::scenario
