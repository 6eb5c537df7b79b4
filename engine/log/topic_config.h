// Per-topic log configuration with Kafka's names, defaults and valid ranges
// (LogConfig.java and TopicConfig.java on Kafka's 3.9 branch).
//
// The single source of truth is the table in engine/log/topic_config_table.h: parsing, the
// error messages, describe() and docs/topic-configs.md are all driven from it. The member
// initializers below repeat the table's defaults so that TopicConfig{} is Kafka's default
// config; a test checks that they agree with the table.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/log/vocabulary.h"

namespace ksim::log {

// An exact decimal fraction num/den parsed from a string like "0.5" (den is a power of ten).
// Kafka's min.cleanable.dirty.ratio is a double; decisions here never use floating point.
// Simplification: at most 9 decimals and no exponent form like 5e-1
// (docs/log.md#simplifications).
struct DecimalRatio {
  int64_t num = 0;
  int64_t den = 1;

  friend bool operator==(const DecimalRatio&, const DecimalRatio&) = default;
};

// True iff part / total > ratio, computed exactly. Requires: part >= 0, total > 0.
bool fraction_exceeds(int64_t part, int64_t total, DecimalRatio ratio);

// cleanup.policy is a list of "delete" and/or "compact".
struct CleanupPolicy {
  bool delete_ = true;
  bool compact = false;

  friend bool operator==(const CleanupPolicy&, const CleanupPolicy&) = default;
};

enum class TimestampType { kCreateTime, kLogAppendTime };

struct TopicConfig {
  int64_t retention_ms = 604800000;    // 7 days; -1 = no time limit
  int64_t retention_bytes = -1;        // per partition; -1 = no size limit
  int32_t segment_bytes = 1073741824;  // 1 GiB
  int64_t segment_ms = 604800000;      // 7 days
  CleanupPolicy cleanup_policy;        // delete
  DecimalRatio min_cleanable_dirty_ratio{5, 10};
  int64_t delete_retention_ms = 86400000;  // 1 day
  int64_t min_compaction_lag_ms = 0;
  int32_t max_message_bytes = 1048588;  // 1 MiB + Records.LOG_OVERHEAD
  TimestampType message_timestamp_type = TimestampType::kCreateTime;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election_enable = false;

  friend bool operator==(const TopicConfig&, const TopicConfig&) = default;
};

// One problem with one key, e.g. an unknown key or an out-of-range value.
struct ConfigProblem {
  std::string key;
  std::string value;
  std::string message;  // complete sentence naming the key, the value and what is valid

  friend bool operator==(const ConfigProblem&, const ConfigProblem&) = default;
};

struct ConfigParseResult {
  TopicConfig config;                   // meaningful only when problems is empty
  std::vector<ConfigProblem> problems;  // in key order

  bool ok() const { return problems.empty(); }
};

// Applies string overrides (as kafka-configs and scenario JSON give them) on top of `base`.
// Every problem is collected; none stops the others from being reported.
ConfigParseResult parse_topic_config(const std::map<std::string, std::string>& overrides,
                                     const TopicConfig& base = TopicConfig{});

// Every key with its value in Kafka's string form, in table order (kafka-configs --describe).
std::vector<std::pair<std::string, std::string>> describe(const TopicConfig& config);

// The valid key nearest to `unknown` by edit distance (first in table order on a tie).
std::string nearest_config_key(const std::string& unknown);

}  // namespace ksim::log
