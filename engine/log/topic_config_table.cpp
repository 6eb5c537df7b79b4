#include "engine/log/topic_config_table.h"

#include <array>
#include <string>

namespace ksim::log {

namespace {

int64_t as_long(const ConfigValue& v) { return std::get<int64_t>(v); }
int32_t as_int(const ConfigValue& v) { return static_cast<int32_t>(std::get<int64_t>(v)); }

std::string show_ratio(DecimalRatio r) {
  // den is a power of ten: print num/den as a plain decimal ("0.5", "1.0", "0.05").
  std::string digits = std::to_string(r.num % r.den);
  int64_t den = r.den;
  size_t places = 0;
  while (den > 1) {
    den /= 10;
    ++places;
  }
  if (places == 0) return std::to_string(r.num) + ".0";
  digits.insert(0, places - digits.size(), '0');
  return std::to_string(r.num / r.den) + "." + digits;
}

std::string show_policy(CleanupPolicy p) {
  if (p.delete_ && p.compact) return "compact,delete";
  if (p.compact) return "compact";
  if (p.delete_) return "delete";
  return "";
}

void store_policy(TopicConfig& c, const ConfigValue& v) {
  c.cleanup_policy = CleanupPolicy{false, false};
  for (const std::string& s : std::get<std::vector<std::string>>(v)) {
    if (s == "delete") c.cleanup_policy.delete_ = true;
    if (s == "compact") c.cleanup_policy.compact = true;
  }
}

// Defaults and ranges: LogConfig.java (3.9). segment.bytes' minimum is
// LegacyRecord.RECORD_OVERHEAD_V0 = 14.
constexpr std::array<ConfigKeyDef, 12> kTable{{
    {"retention.ms",
     ConfigType::kLong,
     "604800000",
     -1,
     std::nullopt,
     {},
     "log.retention.ms",
     "Delete a segment once its newest record is older than this many ms (needs cleanup.policy "
     "delete). -1 means no time limit.",
     [](TopicConfig& c, const ConfigValue& v) { c.retention_ms = as_long(v); },
     [](const TopicConfig& c) { return std::to_string(c.retention_ms); }},
    {"retention.bytes",
     ConfigType::kLong,
     "-1",
     std::nullopt,
     std::nullopt,
     {},
     "log.retention.bytes",
     "Delete the oldest segments while the partition stays at least this big without them. -1 "
     "means no size limit.",
     [](TopicConfig& c, const ConfigValue& v) { c.retention_bytes = as_long(v); },
     [](const TopicConfig& c) { return std::to_string(c.retention_bytes); }},
    {"segment.bytes",
     ConfigType::kInt,
     "1073741824",
     14,
     std::nullopt,
     {},
     "log.segment.bytes",
     "Roll to a new segment when the next batch would make the active one bigger than this.",
     [](TopicConfig& c, const ConfigValue& v) { c.segment_bytes = as_int(v); },
     [](const TopicConfig& c) { return std::to_string(c.segment_bytes); }},
    {"segment.ms",
     ConfigType::kLong,
     "604800000",
     1,
     std::nullopt,
     {},
     "log.roll.ms",
     "Roll to a new segment on the next append once the active segment spans more than this "
     "many ms of record time.",
     [](TopicConfig& c, const ConfigValue& v) { c.segment_ms = as_long(v); },
     [](const TopicConfig& c) { return std::to_string(c.segment_ms); }},
    {"cleanup.policy",
     ConfigType::kList,
     "delete",
     std::nullopt,
     std::nullopt,
     {"compact", "delete"},
     "log.cleanup.policy",
     "delete: retention removes old segments. compact: the cleaner keeps the latest record per "
     "key. Both may be given, comma separated.",
     store_policy,
     [](const TopicConfig& c) { return show_policy(c.cleanup_policy); }},
    {"min.cleanable.dirty.ratio",
     ConfigType::kDouble,
     "0.5",
     0,
     1,
     {},
     "log.cleaner.min.cleanable.ratio",
     "The cleaner compacts a log only when dirty bytes / total bytes is strictly above this.",
     [](TopicConfig& c, const ConfigValue& v) {
       c.min_cleanable_dirty_ratio = std::get<DecimalRatio>(v);
     },
     [](const TopicConfig& c) { return show_ratio(c.min_cleanable_dirty_ratio); }},
    {"delete.retention.ms",
     ConfigType::kLong,
     "86400000",
     0,
     std::nullopt,
     {},
     "log.cleaner.delete.retention.ms",
     "How long a tombstone stays readable after the cleaner first rewrites its batch.",
     [](TopicConfig& c, const ConfigValue& v) { c.delete_retention_ms = as_long(v); },
     [](const TopicConfig& c) { return std::to_string(c.delete_retention_ms); }},
    {"min.compaction.lag.ms",
     ConfigType::kLong,
     "0",
     0,
     std::nullopt,
     {},
     "log.cleaner.min.compaction.lag.ms",
     "A record stays uncompacted for at least this many ms (by its segment's newest timestamp).",
     [](TopicConfig& c, const ConfigValue& v) { c.min_compaction_lag_ms = as_long(v); },
     [](const TopicConfig& c) { return std::to_string(c.min_compaction_lag_ms); }},
    {"max.message.bytes",
     ConfigType::kInt,
     "1048588",
     0,
     std::nullopt,
     {},
     "message.max.bytes",
     "The largest record batch the log accepts, log overhead included; bigger ones get "
     "MESSAGE_TOO_LARGE.",
     [](TopicConfig& c, const ConfigValue& v) { c.max_message_bytes = as_int(v); },
     [](const TopicConfig& c) { return std::to_string(c.max_message_bytes); }},
    {"message.timestamp.type",
     ConfigType::kString,
     "CreateTime",
     std::nullopt,
     std::nullopt,
     {"CreateTime", "LogAppendTime"},
     "log.message.timestamp.type",
     "CreateTime keeps the producer's timestamp; LogAppendTime stamps the broker's time on "
     "append.",
     [](TopicConfig& c, const ConfigValue& v) {
       c.message_timestamp_type = std::get<std::string>(v) == "LogAppendTime"
                                      ? TimestampType::kLogAppendTime
                                      : TimestampType::kCreateTime;
     },
     [](const TopicConfig& c) {
       return std::string(c.message_timestamp_type == TimestampType::kLogAppendTime
                              ? "LogAppendTime"
                              : "CreateTime");
     }},
    {"min.insync.replicas",
     ConfigType::kInt,
     "1",
     1,
     std::nullopt,
     {},
     "min.insync.replicas",
     "With acks=all, the fewest in-sync replicas a write needs; fewer gives NOT_ENOUGH_REPLICAS.",
     [](TopicConfig& c, const ConfigValue& v) { c.min_insync_replicas = as_int(v); },
     [](const TopicConfig& c) { return std::to_string(c.min_insync_replicas); }},
    {"unclean.leader.election.enable",
     ConfigType::kBoolean,
     "false",
     std::nullopt,
     std::nullopt,
     {},
     "unclean.leader.election.enable",
     "Allow a replica outside the ISR to become leader as a last resort, losing records.",
     [](TopicConfig& c, const ConfigValue& v) {
       c.unclean_leader_election_enable = std::get<bool>(v);
     },
     [](const TopicConfig& c) {
       return std::string(c.unclean_leader_election_enable ? "true" : "false");
     }},
}};

}  // namespace

std::span<const ConfigKeyDef> topic_config_table() { return kTable; }

std::string_view type_name(ConfigType type) {
  switch (type) {
    case ConfigType::kInt:
      return "int";
    case ConfigType::kLong:
      return "long";
    case ConfigType::kDouble:
      return "double";
    case ConfigType::kBoolean:
      return "boolean";
    case ConfigType::kList:
      return "list";
    case ConfigType::kString:
      return "string";
  }
  return "";
}

std::string valid_values_text(const ConfigKeyDef& def) {
  // Built by appending: GCC 12 -O3 reports a false -Wrestrict for "literal" + std::string.
  std::string out;
  if (!def.valid_strings[0].empty()) {
    out.append("[").append(def.valid_strings[0]).append(", ").append(def.valid_strings[1]);
    return out.append("]");
  }
  if (!def.min && !def.max) return out;
  out.append("[");
  if (def.min) out.append(std::to_string(*def.min)).append(",");
  out.append("...");
  if (def.max) out.append(",").append(std::to_string(*def.max));
  return out.append("]");
}

std::string render_topic_configs_markdown() {
  std::string out =
      "# Topic configs\n\n"
      "<!-- Generated from engine/log/topic_config_table.cpp. Do not edit by hand: run\n"
      "     KSIM_UPDATE_DOCS=1 ./build/debug/tests/log/log_tests \"[docs]\" -->\n\n"
      "The topic-level configs kafkasim models, with Kafka 3.9's names, types, defaults and\n"
      "valid values (LogConfig.java). Values are given as strings, as `kafka-configs.sh` and\n"
      "scenario files give them. An unknown key, a value of the wrong type or a value out of\n"
      "range is an error that names the key, the value and what is valid.\n\n"
      "| Name | Type | Default | Valid values | Server default property | Description |\n"
      "|---|---|---|---|---|---|\n";
  for (const ConfigKeyDef& def : kTable) {
    const std::string valid = valid_values_text(def);
    out += "| `" + std::string(def.name) + "` | " + std::string(type_name(def.type)) + " | " +
           std::string(def.default_value) + " | " + (valid.empty() ? "" : valid) + " | `" +
           std::string(def.server_default_property) + "` | " + std::string(def.doc) + " |\n";
  }
  out +=
      "\n`min.cleanable.dirty.ratio` is a decimal written with digits and an optional point "
      "(`0.5`,\n`0.75`, at most 9 decimals); the simulator keeps it as an exact fraction. See "
      "docs/log.md.\n";
  return out;
}

}  // namespace ksim::log
