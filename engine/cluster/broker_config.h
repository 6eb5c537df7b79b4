// Broker (and controller) configuration with Kafka's keys, defaults and valid ranges
// (KafkaConfig, ReplicationConfigs, ServerLogConfigs, KRaftConfigs on Kafka's 3.9 branch).
// One table drives parsing, error messages and docs/broker-configs.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ksim::cluster {

struct BrokerConfig {
  int64_t broker_heartbeat_interval_ms = 2000;
  int64_t broker_session_timeout_ms = 9000;
  int64_t replica_lag_time_max_ms = 30000;
  int64_t replica_fetch_wait_max_ms = 500;
  int64_t replica_fetch_min_bytes = 1;
  int64_t replica_fetch_max_bytes = 1048576;
  int64_t replica_fetch_backoff_ms = 1000;
  int64_t replica_socket_timeout_ms = 30000;
  int64_t min_insync_replicas = 1;
  bool unclean_leader_election_enable = false;
  bool auto_create_topics_enable = true;
  int64_t num_partitions = 1;
  int64_t default_replication_factor = 1;
  bool auto_leader_rebalance_enable = true;
  int64_t leader_imbalance_check_interval_seconds = 300;
  int64_t unclean_leader_election_interval_ms = 300000;
  int64_t log_retention_check_interval_ms = 300000;
  int64_t log_initial_task_delay_ms = 30000;
  int64_t log_cleaner_backoff_ms = 15000;
  bool log_cleaner_enable = true;
  int64_t offsets_topic_num_partitions = 50;
  int64_t offsets_topic_replication_factor = 3;
  int64_t offsets_retention_minutes = 10080;
  int64_t offsets_retention_check_interval_ms = 600000;
  int64_t group_initial_rebalance_delay_ms = 3000;
  int64_t group_min_session_timeout_ms = 6000;
  int64_t group_max_session_timeout_ms = 1800000;
  // KIP-392: null (consumers read from leaders) or RackAwareReplicaSelector.
  std::string replica_selector_class;

  friend bool operator==(const BrokerConfig&, const BrokerConfig&) = default;
};

struct BrokerConfigEntry {
  const char* key;
  bool is_bool;
  int64_t min;
  int64_t max;
  const char* doc;
  int64_t BrokerConfig::*int_field;
  bool BrokerConfig::*bool_field;
  std::string BrokerConfig::*string_field = nullptr;  // a class name from `choices`
  std::vector<std::string> choices = {};
};

// replica.selector.class's one implementation besides the default (leader only).
inline constexpr const char* kRackAwareReplicaSelector =
    "org.apache.kafka.common.replica.RackAwareReplicaSelector";

// Every key the simulator honours, in documentation order.
const std::vector<BrokerConfigEntry>& broker_config_table();

struct BrokerConfigProblem {
  std::string key;
  std::string message;  // names the key, the value and what is valid
};

// Applies string values on top of Kafka's defaults; every problem is collected.
BrokerConfig parse_broker_config(const std::map<std::string, std::string>& values,
                                 std::vector<BrokerConfigProblem>& problems);

// The current value of an entry as Kafka prints it.
std::string value_string(const BrokerConfig& c, const BrokerConfigEntry& e);

// The Markdown of docs/broker-configs.md, generated from the table.
std::string render_broker_configs_markdown();

}  // namespace ksim::cluster
