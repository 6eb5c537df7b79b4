// The timeline's "expect" actions: what a lesson asserts about the state at a moment. Every
// consumer, producer, group, topic, partition and broker an expectation names must exist in the
// scenario, so a typo is a load error rather than an expectation that can never hold.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/scenario/loader.h"
#include "engine/scenario/scenario_reader.h"

namespace ksim::scenario {
namespace {

using What = Expectation::What;

// What an expectation is about and the keys it takes (beyond at_ms, action, what, the
// comparison and because).
struct WhatSpec {
  const char* name;
  What what;
  std::vector<const char*> keys;      // the subjects it needs
  std::vector<const char*> optional;  // the subjects it may narrow by
  enum class Value : uint8_t { kNumber, kGroupState, kPartitions, kBrokers } value;
};

const std::vector<WhatSpec>& what_specs() {
  using V = WhatSpec::Value;
  static const std::vector<WhatSpec> specs = {
      {"assignment", What::kAssignment, {"consumer"}, {}, V::kPartitions},
      {"group_state", What::kGroupState, {"group"}, {}, V::kGroupState},
      {"generation", What::kGeneration, {"group"}, {}, V::kNumber},
      {"group_coordinator", What::kGroupCoordinator, {"group"}, {}, V::kNumber},
      {"members", What::kMembers, {"group"}, {}, V::kNumber},
      {"lag", What::kLag, {"group"}, {"topic", "partition"}, V::kNumber},
      {"committed_offset", What::kCommittedOffset, {"group", "topic", "partition"}, {}, V::kNumber},
      {"leader", What::kLeader, {"topic", "partition"}, {}, V::kNumber},
      {"isr", What::kIsr, {"topic", "partition"}, {}, V::kBrokers},
      {"high_watermark", What::kHighWatermark, {"topic", "partition"}, {"broker"}, V::kNumber},
      {"log_end_offset", What::kLogEndOffset, {"topic", "partition"}, {"broker"}, V::kNumber},
      {"log_start_offset", What::kLogStartOffset, {"topic", "partition"}, {"broker"}, V::kNumber},
      {"segment_count", What::kSegmentCount, {"topic", "partition"}, {"broker"}, V::kNumber},
      {"record_count", What::kRecordCount, {"topic", "partition"}, {"broker"}, V::kNumber},
      {"leader_count", What::kLeaderCount, {"broker"}, {}, V::kNumber},
      {"records_consumed", What::kRecordsConsumed, {}, {"group", "consumer", "topic"}, V::kNumber},
      {"duplicates", What::kDuplicates, {}, {"group", "consumer", "topic"}, V::kNumber},
      {"consumer_errors", What::kConsumerErrors, {"consumer"}, {}, V::kNumber},
      {"records_acked", What::kRecordsAcked, {"producer"}, {}, V::kNumber},
      {"records_failed", What::kRecordsFailed, {"producer"}, {}, V::kNumber},
      {"acked_records_lost", What::kAckedRecordsLost, {}, {"topic"}, V::kNumber},
      {"committed_records_lost", What::kCommittedRecordsLost, {}, {"topic"}, V::kNumber},
  };
  return specs;
}

std::vector<std::string> what_names() {
  std::vector<std::string> names;
  for (const WhatSpec& w : what_specs()) names.emplace_back(w.name);
  return names;
}

const std::vector<std::string> kGroupStates = {"Empty", "PreparingRebalance", "CompletingRebalance",
                                               "Stable", "Dead"};

bool listed(const std::vector<const char*>& keys, const std::string& key) {
  return std::any_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; });
}

// "demo_1-0" as Kafka prints a TopicPartition: the topic, a dash, the partition.
std::optional<kafka::TopicPartition> parse_topic_partition(const std::string& text) {
  const size_t dash = text.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == text.size()) return std::nullopt;
  int32_t p = 0;
  for (size_t i = dash + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || p > 100'000) return std::nullopt;
    p = p * 10 + (text[i] - '0');
  }
  return kafka::TopicPartition{text.substr(0, dash), p};
}

}  // namespace

const std::vector<std::string>& expectation_names() {
  static const std::vector<std::string> names = what_names();
  return names;
}

std::optional<std::string> ScenarioReader::group_ref(const Json& a, const std::string& where) {
  const auto group = r_.string_at(a, where, "group", true);
  if (!group) return std::nullopt;
  if (std::find(groups_.begin(), groups_.end(), *group) != groups_.end()) return group;
  r_.problem(where + "/group",
             with_hint("the group.id of a consumer in cluster.consumers", *group, groups_),
             "\"" + *group + "\"");
  return std::nullopt;
}

std::optional<std::string> ScenarioReader::client_name_ref(const Json& a, const std::string& where,
                                                           const char* key,
                                                           const std::vector<NodeId>& kind,
                                                           const char* what) {
  const auto node = node_ref(a, where, key);
  if (!node) return std::nullopt;
  const std::string& name = node_name_list_[static_cast<size_t>(node->value)];
  if (std::find(kind.begin(), kind.end(), *node) == kind.end()) {
    r_.problem(JsonReader::child(where, key), fmt::format("the name of a {}", what),
               "\"" + name + "\"");
    return std::nullopt;
  }
  return name;
}

std::optional<proto::Action> ScenarioReader::read_expect(const Json& a, const std::string& where,
                                                         Scenario& s) {
  const auto what = r_.string_at(a, where, "what", true);
  if (!what) return std::nullopt;
  const auto& specs = what_specs();
  const auto spec =
      std::find_if(specs.begin(), specs.end(), [&](const WhatSpec& w) { return *what == w.name; });
  if (spec == specs.end()) {
    const std::string hint = nearest(*what, what_names());
    r_.problem(where + "/what",
               hint.empty() ? fmt::format("one of {}", fmt::join(what_names(), ", "))
                            : "a known expectation (did you mean \"" + hint + "\"?)",
               "\"" + *what + "\"");
    return std::nullopt;
  }
  if (!s.cluster) {
    r_.problem(where + "/what", "an expectation about the toy world (there are none)",
               "\"" + *what + "\", which needs a \"cluster\"");
    return std::nullopt;
  }
  // Every key is known to check_keys; those this expectation does not take are reported here.
  r_.check_keys(a, where,
                {"at_ms", "action", "what", "equals", "at_least", "at_most", "because", "consumer",
                 "producer", "group", "topic", "partition", "broker"});
  for (const char* key : {"consumer", "producer", "group", "topic", "partition", "broker"}) {
    if (a.contains(key) && !listed(spec->keys, key) && !listed(spec->optional, key)) {
      r_.problem(JsonReader::child(where, key),
                 fmt::format("no \"{}\": \"{}\" takes {}", key, spec->name,
                             spec->keys.empty() && spec->optional.empty()
                                 ? std::string("no subject")
                                 : fmt::format("{}", fmt::join(spec->keys, ", ")) +
                                       (spec->optional.empty()
                                            ? ""
                                            : fmt::format(" (optional: {})",
                                                          fmt::join(spec->optional, ", ")))),
                 JsonReader::describe(a[key]));
    }
  }
  Expectation e;
  e.what = spec->what;
  e.where = where;
  e.because = r_.string_at(a, where, "because", false).value_or("");
  bool ok = true;
  auto wants = [&](const char* key) {
    return listed(spec->keys, key) || (listed(spec->optional, key) && a.contains(key));
  };
  if (wants("consumer")) {
    const auto c = client_name_ref(a, where, "consumer", consumers_, "consumer");
    ok = ok && c.has_value();
    e.consumer = c.value_or("");
  }
  if (wants("producer")) {
    const auto p = client_name_ref(a, where, "producer", producers_, "producer");
    ok = ok && p.has_value();
    e.producer = p.value_or("");
  }
  if (wants("group")) {
    const auto g = group_ref(a, where);
    ok = ok && g.has_value();
    e.group = g.value_or("");
  }
  if (spec->what == What::kRecordsConsumed || spec->what == What::kDuplicates) {
    if (a.contains("group") == a.contains("consumer")) {
      r_.problem(where, "exactly one of \"group\" and \"consumer\"",
                 a.contains("group") ? "both" : "neither");
      ok = false;
    }
  }
  int32_t partitions = INT32_MAX;
  if (wants("topic")) {
    const auto topic = topic_ref(a, where, s);
    ok = ok && topic.has_value();
    if (topic) {
      e.topic = topic->first;
      partitions = topic->second;
    }
  }
  if (wants("partition")) {
    if (!a.contains("topic")) {
      r_.problem(where + "/topic", "a topic for the partition", "nothing");
      ok = false;
    }
    const auto p = r_.int_at(a, where, "partition", 0, partitions - 1, std::nullopt);
    ok = ok && p.has_value();
    if (p) e.partition = static_cast<int32_t>(*p);
  }
  if (wants("broker")) {
    const auto b = r_.int_at(a, where, "broker", 1, s.cluster->brokers, std::nullopt);
    ok = ok && b.has_value();
    if (b) e.broker = static_cast<int32_t>(*b);
  }
  // The expected value: equals, at_least or at_most (the last two for numbers only).
  const int comparisons = static_cast<int>(a.contains("equals")) +
                          static_cast<int>(a.contains("at_least")) +
                          static_cast<int>(a.contains("at_most"));
  const bool numeric = spec->value == WhatSpec::Value::kNumber;
  if (comparisons != 1) {
    r_.problem(where,
               numeric ? "exactly one of \"equals\", \"at_least\" and \"at_most\""
                       : "\"equals\" (the expected value)",
               comparisons == 0 ? std::string("none") : std::to_string(comparisons));
    return std::nullopt;
  }
  const char* key = a.contains("equals")     ? "equals"
                    : a.contains("at_least") ? "at_least"
                                             : "at_most";
  const std::string_view compare = key;
  e.compare = compare == "equals"     ? Expectation::Compare::kEquals
              : compare == "at_least" ? Expectation::Compare::kAtLeast
                                      : Expectation::Compare::kAtMost;
  const std::string here = JsonReader::child(where, key);
  if (!numeric && e.compare != Expectation::Compare::kEquals) {
    r_.problem(here, fmt::format("\"equals\" (\"{}\" is not a number)", spec->name),
               std::string("\"") + key + "\"");
    return std::nullopt;
  }
  const Json& value = a[key];
  switch (spec->value) {
    case WhatSpec::Value::kNumber: {
      const int64_t min = spec->what == What::kLeader || spec->what == What::kGroupCoordinator ||
                                  spec->what == What::kCommittedOffset
                              ? -1
                              : 0;
      const auto n = r_.int_at(a, where, key, min, INT64_MAX / 2, std::nullopt);
      if (!n) return std::nullopt;
      e.number = *n;
      break;
    }
    case WhatSpec::Value::kGroupState: {
      const bool known =
          value.is_string() && std::find(kGroupStates.begin(), kGroupStates.end(),
                                         value.get<std::string>()) != kGroupStates.end();
      if (!known) {
        const std::string hint =
            value.is_string() ? nearest(value.get<std::string>(), kGroupStates) : "";
        r_.problem(here,
                   hint.empty() ? fmt::format("a group state ({})", fmt::join(kGroupStates, ", "))
                                : "a group state (did you mean \"" + hint + "\"?)",
                   JsonReader::describe(value));
        return std::nullopt;
      }
      e.name = value.get<std::string>();
      break;
    }
    case WhatSpec::Value::kPartitions: {
      if (!value.is_array()) {
        r_.problem(here, "an array of partitions such as \"demo_1-0\"",
                   JsonReader::describe(value));
        return std::nullopt;
      }
      for (size_t i = 0; i < value.size(); ++i) {
        const auto tp = value[i].is_string() ? parse_topic_partition(value[i].get<std::string>())
                                             : std::nullopt;
        const auto known = tp ? topic_partitions_.find(tp->topic) : topic_partitions_.end();
        if (!tp || known == topic_partitions_.end() || tp->partition >= known->second) {
          r_.problem(JsonReader::child(here, i),
                     "a partition of a topic the scenario creates, as TOPIC-PARTITION",
                     JsonReader::describe(value[i]));
          ok = false;
          continue;
        }
        e.partitions.push_back(*tp);
      }
      std::sort(e.partitions.begin(), e.partitions.end());
      break;
    }
    case WhatSpec::Value::kBrokers: {
      if (!value.is_array()) {
        r_.problem(here, "an array of broker ids", JsonReader::describe(value));
        return std::nullopt;
      }
      for (size_t i = 0; i < value.size(); ++i) {
        const Json& b = value[i];
        if (!b.is_number_integer() || b.get<int64_t>() < 1 ||
            b.get<int64_t>() > s.cluster->brokers) {
          r_.problem(JsonReader::child(here, i),
                     fmt::format("a broker id (1 to {})", s.cluster->brokers),
                     JsonReader::describe(b));
          ok = false;
          continue;
        }
        e.brokers.push_back(static_cast<int32_t>(b.get<int64_t>()));
      }
      std::sort(e.brokers.begin(), e.brokers.end());
      break;
    }
  }
  if (!ok) return std::nullopt;
  s.expects.push_back(std::move(e));
  return proto::Expect{static_cast<int32_t>(s.expects.size() - 1)};
}

}  // namespace ksim::scenario
