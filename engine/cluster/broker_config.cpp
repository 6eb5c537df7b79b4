#include "engine/cluster/broker_config.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "engine/sim/text.h"

namespace ksim::cluster {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int32_t kIntMax = std::numeric_limits<int32_t>::max();

using C = BrokerConfig;

BrokerConfigEntry int_entry(const char* key, int64_t min, int64_t max, const char* doc,
                            int64_t C::*field) {
  return BrokerConfigEntry{key, false, min, max, doc, field, nullptr, nullptr, {}};
}
BrokerConfigEntry bool_entry(const char* key, const char* doc, bool C::*field) {
  return BrokerConfigEntry{key, true, 0, 1, doc, nullptr, field, nullptr, {}};
}

BrokerConfigEntry class_entry(const char* key, std::vector<std::string> choices, const char* doc,
                              std::string C::*field) {
  return BrokerConfigEntry{key, false, 0, 0, doc, nullptr, nullptr, field, std::move(choices)};
}

std::string range_text(const BrokerConfigEntry& e) {
  if (e.is_bool) return "true or false";
  if (e.string_field != nullptr) {
    std::string text = "null";
    for (const std::string& c : e.choices) text += " or " + c;
    return text;
  }
  if (e.max >= kIntMax && e.max == kMax) return "an integer >= " + std::to_string(e.min);
  return "an integer in [" + std::to_string(e.min) + ", " + std::to_string(e.max) + "]";
}

}  // namespace

const std::vector<BrokerConfigEntry>& broker_config_table() {
  static const std::vector<BrokerConfigEntry> kTable = {
      int_entry("broker.heartbeat.interval.ms", 1, kMax,
                "How often a broker heartbeats to the controller.",
                &C::broker_heartbeat_interval_ms),
      int_entry("broker.session.timeout.ms", 1, kMax,
                "The controller fences a broker that sent no heartbeat for this long.",
                &C::broker_session_timeout_ms),
      int_entry("replica.lag.time.max.ms", 1, kMax,
                "A follower that has not caught up for this long leaves the ISR.",
                &C::replica_lag_time_max_ms),
      int_entry("replica.fetch.wait.max.ms", 0, kIntMax,
                "How long a leader parks a follower's fetch when there is nothing new.",
                &C::replica_fetch_wait_max_ms),
      int_entry("replica.fetch.min.bytes", 1, kIntMax,
                "Bytes a follower's fetch waits for before the leader answers.",
                &C::replica_fetch_min_bytes),
      int_entry("replica.fetch.max.bytes", 0, kIntMax,
                "Bytes a follower fetches per partition at most (at least one batch).",
                &C::replica_fetch_max_bytes),
      int_entry("replica.fetch.backoff.ms", 0, kIntMax,
                "How long a follower waits after a failed fetch.", &C::replica_fetch_backoff_ms),
      int_entry("replica.socket.timeout.ms", 1, kIntMax,
                "How long a follower waits for a fetch response before giving up on it.",
                &C::replica_socket_timeout_ms),
      int_entry("min.insync.replicas", 1, kIntMax,
                "Default for topics: the ISR size acks=all needs, and that the HW needs.",
                &C::min_insync_replicas),
      bool_entry("unclean.leader.election.enable",
                 "Default for topics: may an out-of-sync replica become leader?",
                 &C::unclean_leader_election_enable),
      bool_entry("auto.create.topics.enable",
                 "Create a topic when a client asks for metadata of an unknown one.",
                 &C::auto_create_topics_enable),
      int_entry("num.partitions", 1, kIntMax, "Partitions of an automatically created topic.",
                &C::num_partitions),
      int_entry("default.replication.factor", 1, 32767,
                "Replication factor of an automatically created topic.",
                &C::default_replication_factor),
      bool_entry("auto.leader.rebalance.enable",
                 "Move leadership back to preferred replicas periodically.",
                 &C::auto_leader_rebalance_enable),
      int_entry("leader.imbalance.check.interval.seconds", 1, kMax,
                "How often the controller checks for preferred-leader imbalance.",
                &C::leader_imbalance_check_interval_seconds),
      int_entry("unclean.leader.election.interval.ms", 1, kMax,
                "How often the controller retries unclean elections of offline partitions.",
                &C::unclean_leader_election_interval_ms),
      int_entry("log.retention.check.interval.ms", 1, kMax,
                "How often retention deletes old segments.", &C::log_retention_check_interval_ms),
      int_entry("log.initial.task.delay.ms", 0, kMax,
                "Delay before the first retention check after start.",
                &C::log_initial_task_delay_ms),
      int_entry("log.cleaner.backoff.ms", 0, kMax,
                "How long the cleaner sleeps when no log needs cleaning.",
                &C::log_cleaner_backoff_ms),
      bool_entry("log.cleaner.enable", "Run the log cleaner for compacted topics.",
                 &C::log_cleaner_enable),
      int_entry("offsets.topic.num.partitions", 1, kIntMax,
                "Partitions of __consumer_offsets, created on a group's first FindCoordinator.",
                &C::offsets_topic_num_partitions),
      int_entry("offsets.topic.replication.factor", 1, 32767,
                "Replication factor of __consumer_offsets; it is not created while fewer brokers "
                "are alive.",
                &C::offsets_topic_replication_factor),
      int_entry("offsets.retention.minutes", 1, kIntMax,
                "Committed offsets of a group without members are deleted this long after their "
                "commit.",
                &C::offsets_retention_minutes),
      int_entry("offsets.retention.check.interval.ms", 1, kMax,
                "How often the coordinator looks for expired offsets.",
                &C::offsets_retention_check_interval_ms),
      int_entry("group.initial.rebalance.delay.ms", 0, kIntMax,
                "How long a new group waits for more members before its first rebalance.",
                &C::group_initial_rebalance_delay_ms),
      int_entry("group.min.session.timeout.ms", 0, kIntMax,
                "The smallest session.timeout.ms a consumer may ask for.",
                &C::group_min_session_timeout_ms),
      int_entry("group.max.session.timeout.ms", 0, kIntMax,
                "The largest session.timeout.ms a consumer may ask for.",
                &C::group_max_session_timeout_ms),
      class_entry("replica.selector.class", {kRackAwareReplicaSelector},
                  "Lets consumers with client.rack read from a follower in their rack (KIP-392).",
                  &C::replica_selector_class),
  };
  return kTable;
}

std::string value_string(const BrokerConfig& c, const BrokerConfigEntry& e) {
  if (e.is_bool) return c.*e.bool_field ? "true" : "false";
  if (e.string_field != nullptr) {
    return (c.*e.string_field).empty() ? "null" : c.*e.string_field;
  }
  return std::to_string(c.*e.int_field);
}

BrokerConfig parse_broker_config(const std::map<std::string, std::string>& values,
                                 std::vector<BrokerConfigProblem>& problems) {
  BrokerConfig config;
  std::vector<std::string> keys;
  for (const BrokerConfigEntry& e : broker_config_table()) keys.emplace_back(e.key);
  for (const auto& [key, value] : values) {
    const BrokerConfigEntry* entry = nullptr;
    for (const BrokerConfigEntry& e : broker_config_table()) {
      if (key == e.key) entry = &e;
    }
    if (entry == nullptr) {
      const std::string hint = nearest(key, keys);
      problems.push_back({key, "unknown broker config \"" + key + "\"" +
                                   (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)")});
      continue;
    }
    if (entry->is_bool) {
      if (value == "true" || value == "false") {
        config.*entry->bool_field = value == "true";
      } else {
        problems.push_back({key, key + " must be true or false, not \"" + value + "\""});
      }
      continue;
    }
    if (entry->string_field != nullptr) {
      if (value == "null" || value.empty()) {
        (config.*entry->string_field).clear();
      } else if (std::find(entry->choices.begin(), entry->choices.end(), value) !=
                 entry->choices.end()) {
        config.*entry->string_field = value;
      } else {
        problems.push_back({key, key + " must be " + range_text(*entry) + ", not \"" + value +
                                     "\" (the simulator has no other selector)"});
      }
      continue;
    }
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v < entry->min ||
        v > entry->max) {
      problems.push_back({key, key + " must be " + range_text(*entry) + ", not \"" + value + "\""});
      continue;
    }
    config.*entry->int_field = v;
  }
  return config;
}

std::string render_broker_configs_markdown() {
  std::string md =
      "# Broker configs\n\n"
      "Generated from the table in `engine/cluster/broker_config.cpp` (do not edit by hand;\n"
      "`KSIM_UPDATE_DOCS=1 ./build/debug/tests/cluster/cluster_tests \"[docs]\"` rewrites it).\n"
      "These are the broker and controller configs kafkasim honours, with Kafka 3.9's names and\n"
      "defaults; a scenario sets them in `cluster.configs`. Any other key is an error.\n\n"
      "| key | default | valid values | meaning |\n|---|---|---|---|\n";
  const BrokerConfig defaults;
  for (const BrokerConfigEntry& e : broker_config_table()) {
    md += "| `" + std::string(e.key) + "` | " + value_string(defaults, e) + " | " + range_text(e) +
          " | " + e.doc + " |\n";
  }
  return md;
}

}  // namespace ksim::cluster
