// Topic configs: Kafka's defaults from the one table, precise errors, and the generated docs.
#include "engine/log/topic_config.h"

#include <catch2/catch.hpp>

#include "engine/log/topic_config_table.h"
#include "tests/support/generated_doc.h"

namespace ksim::log {
namespace {

std::vector<std::string> messages(const ConfigParseResult& r) {
  std::vector<std::string> out;
  for (const ConfigProblem& p : r.problems) out.push_back(p.message);
  return out;
}

std::string one_problem(const std::string& key, const std::string& value) {
  const ConfigParseResult r = parse_topic_config({{key, value}});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].key == key);
  CHECK(r.problems[0].value == value);
  return r.problems[0].message;
}

TEST_CASE("TopicConfig{} holds exactly the table's Kafka defaults", "[log]") {
  // Goal: the member initializers and the table agree; no override gives Kafka's defaults.
  TopicConfig from_table;
  from_table.retention_ms = 0;  // scramble, then let the table's defaults overwrite everything
  from_table.segment_bytes = 0;
  from_table.cleanup_policy = CleanupPolicy{false, true};
  std::map<std::string, std::string> defaults;
  for (const ConfigKeyDef& def : topic_config_table()) {
    defaults[std::string(def.name)] = std::string(def.default_value);
  }
  const ConfigParseResult r = parse_topic_config(defaults, from_table);
  REQUIRE(r.ok());
  CHECK(r.config == TopicConfig{});
  CHECK(TopicConfig{}.retention_ms == 604800000);
  CHECK(TopicConfig{}.max_message_bytes == 1048588);
  CHECK(TopicConfig{}.min_cleanable_dirty_ratio == DecimalRatio{5, 10});
}

TEST_CASE("string values parse into typed fields", "[log]") {
  // Goal: values arrive as strings, as kafka-configs and scenario files give them.
  const ConfigParseResult r = parse_topic_config({{"cleanup.policy", "compact, delete"},
                                                  {"min.cleanable.dirty.ratio", "0.25"},
                                                  {"retention.ms", " -1 "},
                                                  {"segment.bytes", "1048576"},
                                                  {"message.timestamp.type", "LogAppendTime"},
                                                  {"unclean.leader.election.enable", "TRUE"},
                                                  {"min.insync.replicas", "2"}});
  REQUIRE(r.ok());
  CHECK(r.config.cleanup_policy == CleanupPolicy{true, true});
  CHECK(r.config.min_cleanable_dirty_ratio == DecimalRatio{25, 100});
  CHECK(r.config.retention_ms == -1);
  CHECK(r.config.segment_bytes == 1048576);
  CHECK(r.config.message_timestamp_type == TimestampType::kLogAppendTime);
  CHECK(r.config.unclean_leader_election_enable);
  CHECK(r.config.min_insync_replicas == 2);
  const auto described = describe(r.config);
  CHECK(described[4] == std::pair<std::string, std::string>{"cleanup.policy", "compact,delete"});
  CHECK(described[5] == std::pair<std::string, std::string>{"min.cleanable.dirty.ratio", "0.25"});
}

TEST_CASE("an unknown key names the nearest valid key", "[log]") {
  // Goal: "did you mean" by edit distance.
  CHECK(one_problem("retention.mss", "100") ==
        "Unknown topic config 'retention.mss' (value '100'): did you mean 'retention.ms'?");
  CHECK(one_problem("min.insync.replica", "2") ==
        "Unknown topic config 'min.insync.replica' (value '2'): did you mean "
        "'min.insync.replicas'?");
  CHECK(nearest_config_key("segment.byte") == "segment.bytes");
}

TEST_CASE("a value of the wrong type names the key, the value and the valid range", "[log]") {
  // Goal: type errors for long, int (including overflow), double and boolean keys.
  CHECK(one_problem("retention.ms", "7d") ==
        "Invalid value '7d' for configuration 'retention.ms': expected a 64-bit integer "
        "(long); valid values: [-1,...]");
  CHECK(one_problem("segment.bytes", "3000000000") ==
        "Invalid value '3000000000' for configuration 'segment.bytes': expected a 32-bit "
        "integer (int); valid values: [14,...]");
  CHECK(one_problem("min.cleanable.dirty.ratio", "half") ==
        "Invalid value 'half' for configuration 'min.cleanable.dirty.ratio': expected a decimal "
        "number such as 0.5 (at most 9 decimals); valid values: [0,...,1]");
  CHECK(one_problem("unclean.leader.election.enable", "yes") ==
        "Invalid value 'yes' for configuration 'unclean.leader.election.enable': Expected "
        "value to be either true or false");
}

TEST_CASE("an out-of-range value states Kafka's bound", "[log]") {
  // Goal: Range.atLeast / between messages.
  CHECK(one_problem("retention.ms", "-2") ==
        "Invalid value '-2' for configuration 'retention.ms': Value must be at least -1; "
        "valid values: [-1,...]");
  CHECK(one_problem("segment.bytes", "13") ==
        "Invalid value '13' for configuration 'segment.bytes': Value must be at least 14; "
        "valid values: [14,...]");
  CHECK(one_problem("min.cleanable.dirty.ratio", "1.5") ==
        "Invalid value '1.5' for configuration 'min.cleanable.dirty.ratio': Value must be no "
        "more than 1; valid values: [0,...,1]");
  CHECK(one_problem("min.insync.replicas", "0") ==
        "Invalid value '0' for configuration 'min.insync.replicas': Value must be at least 1; "
        "valid values: [1,...]");
}

TEST_CASE("a bad cleanup.policy or timestamp type lists the valid strings", "[log]") {
  // Goal: ValidList.in / ValidString.in messages.
  CHECK(one_problem("cleanup.policy", "compact,compress") ==
        "Invalid value 'compact,compress' for configuration 'cleanup.policy': String must be "
        "one of: compact, delete");
  CHECK(one_problem("message.timestamp.type", "createtime") ==
        "Invalid value 'createtime' for configuration 'message.timestamp.type': String must be "
        "one of: CreateTime, LogAppendTime");
}

TEST_CASE("every problem is reported, in key order, and none is silently defaulted", "[log]") {
  // Goal: collect all diagnostics rather than stopping at the first.
  const ConfigParseResult r =
      parse_topic_config({{"segment.ms", "0"}, {"cleanup.policy", "delete"}, {"foo", "1"}});
  CHECK_FALSE(r.ok());
  CHECK(messages(r) ==
        std::vector<std::string>{
            "Unknown topic config 'foo' (value '1'): did you mean 'segment.ms'?",
            "Invalid value '0' for configuration 'segment.ms': Value must be at least 1; valid "
            "values: [1,...]"});
}

TEST_CASE("docs/topic-configs.md matches the table", "[log][docs]") {
  // Goal: the checked-in docs are generated from the table; KSIM_UPDATE_DOCS=1 rewrites them.
  ksim::testing::check_generated_doc(
      "docs/topic-configs.md", render_topic_configs_markdown(),
      "KSIM_UPDATE_DOCS=1 ./build/debug/tests/log/log_tests \"[docs]\"");
}

}  // namespace
}  // namespace ksim::log
