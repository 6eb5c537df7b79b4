// The producer's and consumer's configuration with Kafka 3.9's keys, defaults and valid values
// (ProducerConfig, ConsumerConfig, CommonClientConfigs). One table per client drives parsing,
// error messages and docs/client-configs.md; a key the simulator does not honour is an error,
// never silently ignored. Kafka's cross-checks are here too: enable.idempotence=true with acks
// other than all is refused with Kafka's ConfigException text.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/assignor.h"
#include "engine/client/serde.h"

namespace ksim::client {

// How keyless records (and, for round-robin, all records) are spread.
enum class PartitionerChoice : uint8_t {
  kBuiltIn,     // partitioner.class=null: key hash, else the sticky partitioner (KIP-794)
  kRoundRobin,  // org.apache.kafka.clients.producer.RoundRobinPartitioner
  kRandom,      // kafka-python's DefaultPartitioner: key hash, else a random partition
};

struct ProducerConfig {
  int16_t acks = -1;
  bool enable_idempotence = true;  // the effective value, after Kafka's coupling with acks
  int32_t retries = std::numeric_limits<int32_t>::max();
  int64_t retry_backoff_ms = 100;
  int64_t retry_backoff_max_ms = 1000;
  int64_t delivery_timeout_ms = 120000;
  int64_t request_timeout_ms = 30000;
  int64_t linger_ms = 0;
  int32_t batch_size = 16384;
  int32_t max_in_flight_requests_per_connection = 5;
  int32_t max_request_size = 1048576;
  int64_t max_block_ms = 60000;
  int64_t metadata_max_age_ms = 300000;
  PartitionerChoice partitioner = PartitionerChoice::kBuiltIn;
  bool partitioner_ignore_keys = false;
  bool partitioner_adaptive_partitioning_enable = true;
  Serde key_serializer = Serde::kString;
  Serde value_serializer = Serde::kString;
  friend bool operator==(const ProducerConfig&, const ProducerConfig&) = default;
};

enum class AutoOffsetReset : uint8_t { kEarliest, kLatest, kNone };

struct ConsumerConfig {
  std::string group_id;                          // empty: no group (assign() only, no commits)
  std::optional<std::string> group_instance_id;  // static membership (KIP-345)
  std::string client_id;                         // empty: Kafka's generated consumer-<group.id>-1
  std::vector<AssignorKind> partition_assignment_strategy = {AssignorKind::kRange,
                                                             AssignorKind::kCooperativeSticky};
  int64_t session_timeout_ms = 45000;
  int64_t heartbeat_interval_ms = 3000;
  int64_t max_poll_interval_ms = 300000;
  AutoOffsetReset auto_offset_reset = AutoOffsetReset::kLatest;
  bool enable_auto_commit = true;
  int64_t auto_commit_interval_ms = 5000;
  int32_t max_poll_records = 500;
  int32_t fetch_min_bytes = 1;
  int32_t fetch_max_wait_ms = 500;
  int32_t fetch_max_bytes = 52428800;
  int32_t max_partition_fetch_bytes = 1048576;
  int64_t request_timeout_ms = 30000;
  int64_t retry_backoff_ms = 100;
  int64_t metadata_max_age_ms = 300000;
  std::string client_rack;  // KIP-392: empty reads from leaders only
  Serde key_deserializer = Serde::kString;
  Serde value_deserializer = Serde::kString;
  friend bool operator==(const ConsumerConfig&, const ConsumerConfig&) = default;
};

enum class ConfigKind : uint8_t { kInt, kBool, kChoice, kString, kChoiceList };

// One row of a client's config table: how to read a value and where it goes.
template <typename Config>
struct ClientConfigEntry {
  const char* key;
  ConfigKind kind;
  int64_t min;
  int64_t max;
  std::vector<std::string> choices;  // kChoice: the accepted spellings
  const char* default_text;          // as Kafka's documentation prints it
  const char* doc;
  // Stores a checked value: the number for kInt and kBool (0/1), the index in `choices` for
  // kChoice, the text for kString and kChoiceList (comma-separated items of `choices`).
  void (*apply)(Config&, int64_t number, const std::string& text);
};

struct ClientConfigProblem {
  std::string key;
  std::string message;  // names the key, the value and what is valid
};

const std::vector<ClientConfigEntry<ProducerConfig>>& producer_config_table();
const std::vector<ClientConfigEntry<ConsumerConfig>>& consumer_config_table();

// Kafka's defaults with `values` applied; every problem is collected, including Kafka's
// idempotence coupling (ProducerConfig.postProcessAndValidateIdempotenceConfigs).
ProducerConfig parse_producer_config(const std::map<std::string, std::string>& values,
                                     std::vector<ClientConfigProblem>& problems);
ConsumerConfig parse_consumer_config(const std::map<std::string, std::string>& values,
                                     std::vector<ClientConfigProblem>& problems);

// The Markdown of docs/client-configs.md, generated from both tables.
std::string render_client_configs_markdown();

}  // namespace ksim::client
