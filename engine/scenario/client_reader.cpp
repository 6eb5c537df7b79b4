// The cluster's Kafka clients in a scenario: "producers" and "consumers" with their configs
// (checked against the clients' config tables), and the timeline actions that drive them:
// send, seek, commit and close.
#include <fmt/format.h>

#include <algorithm>

#include "engine/client/client_config.h"
#include "engine/scenario/scenario_reader.h"

namespace ksim::scenario {
namespace {

constexpr int64_t kMaxMs = 1'000'000'000'000;  // about 31 years

// Clients start 100 ms after the last of cluster.topics is created unless told otherwise, so
// their first Metadata request does not auto-create (with the broker's num.partitions=1 and
// default.replication.factor=1) a topic the scenario is about to create.
int64_t default_start_ms(const ClusterSpec& c) {
  int64_t last = 0;
  for (const TopicSpec& t : c.topics) last = std::max(last, t.create_at.ms() + 100);
  return last;
}

// A key or value as JSON gives it: a string, an integer, an object or array (JSON text) or null.
std::optional<proto::AppValue> read_app_value(JsonReader& r, const Json& v,
                                              const std::string& where) {
  if (v.is_null()) return proto::AppValue{};
  if (v.is_string()) return proto::AppValue{v.get<std::string>(), std::nullopt};
  if (v.is_number_integer()) return proto::AppValue{std::nullopt, v.get<int64_t>()};
  if (v.is_object() || v.is_array()) return proto::AppValue{v.dump(), std::nullopt};
  r.problem(where, "a string, an integer, a JSON object or array, or null",
            JsonReader::describe(v));
  return std::nullopt;
}

bool contains(const std::vector<NodeId>& ids, NodeId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

// When a client process starts: at start_ms, or right after step start_after_step (how the
// shell saves a client it started at one moment of a run), never both.
void ScenarioReader::read_start(const Json& client, const std::string& where, const ClusterSpec& c,
                                SimTime& at, std::optional<int64_t>& after_step) {
  if (client.contains("start_ms") && client.contains("start_after_step")) {
    r_.problem(where, "at most one of \"start_ms\" and \"start_after_step\"", "both");
    return;
  }
  if (client.contains("start_after_step")) {
    after_step = r_.int_at(client, where, "start_after_step", 0, 1'000'000'000'000, std::nullopt);
    return;
  }
  const int64_t start = default_start_ms(c);
  at = SimTime::from_ms(r_.int_at(client, where, "start_ms", 0, kMaxMs, start).value_or(start));
}

void ScenarioReader::read_producers(const Json& cluster, Scenario& s) {
  const Json* list = r_.array_at(cluster, "/cluster", "producers", false);
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& p = (*list)[i];
    const std::string where = JsonReader::child("/cluster/producers", i);
    if (!p.is_object()) {
      r_.problem(where, "a producer object", JsonReader::describe(p));
      continue;
    }
    r_.check_keys(p, where, {"name", "bootstrap", "configs", "start_ms", "start_after_step"});
    ClusterSpec::Producer spec;
    spec.name = r_.string_at(p, where, "name", true).value_or("");
    spec.bootstrap = read_bootstrap(p, where, s);
    spec.configs = read_configs(r_, p, where);
    std::vector<client::ClientConfigProblem> problems;
    client::parse_producer_config(spec.configs, problems);
    for (const auto& problem : problems) {
      r_.problem(JsonReader::child(where + "/configs", problem.key), "a valid producer config",
                 problem.message);
    }
    read_start(p, where, *s.cluster, spec.start_at, spec.start_after_step);
    if (!spec.name.empty() && add_node(spec.name, where + "/name", s)) {
      producers_.push_back(NodeId{static_cast<int32_t>(s.nodes.size() - 1)});
    }
    s.cluster->producers.push_back(std::move(spec));
  }
}

void ScenarioReader::read_consumers(const Json& cluster, Scenario& s) {
  const Json* list = r_.array_at(cluster, "/cluster", "consumers", false);
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& c = (*list)[i];
    const std::string where = JsonReader::child("/cluster/consumers", i);
    if (!c.is_object()) {
      r_.problem(where, "a consumer object", JsonReader::describe(c));
      continue;
    }
    r_.check_keys(c, where,
                  {"name", "bootstrap", "configs", "assign", "subscribe", "processing_ms",
                   "poll_timeout_ms", "start_ms", "start_after_step"});
    ClusterSpec::Consumer spec;
    spec.name = r_.string_at(c, where, "name", true).value_or("");
    spec.bootstrap = read_bootstrap(c, where, s);
    spec.configs = read_configs(r_, c, where);
    std::vector<client::ClientConfigProblem> problems;
    client::parse_consumer_config(spec.configs, problems);
    for (const auto& problem : problems) {
      r_.problem(JsonReader::child(where + "/configs", problem.key), "a valid consumer config",
                 problem.message);
    }
    if (const auto group = spec.configs.find("group.id");
        group != spec.configs.end() &&
        std::find(groups_.begin(), groups_.end(), group->second) == groups_.end()) {
      groups_.push_back(group->second);
    }
    const bool subscribes = c.contains("subscribe");
    if (subscribes == c.contains("assign")) {
      r_.problem(where, "either \"assign\" (partitions) or \"subscribe\" (topics)",
                 subscribes ? std::string("both") : std::string("neither"));
    }
    if (subscribes && spec.configs.count("group.id") == 0) {
      // KafkaConsumer.subscribe without a group.id throws InvalidGroupIdException.
      r_.problem(where + "/subscribe", "a group.id in configs: subscribe() needs a consumer group",
                 "no group.id");
    }
    if (const Json* topics = r_.array_at(c, where, "subscribe", false)) {
      for (size_t j = 0; j < topics->size(); ++j) {
        const Json& t = (*topics)[j];
        const std::string here = JsonReader::child(where + "/subscribe", j);
        if (!t.is_string()) {
          r_.problem(here, "a topic name", JsonReader::describe(t));
          continue;
        }
        if (topic_partitions_.count(t.get<std::string>()) == 0) {
          r_.problem(here, expected_topic(t.get<std::string>()), JsonReader::describe(t));
          continue;
        }
        spec.subscribe.push_back(t.get<std::string>());
      }
    }
    if (const Json* assign = r_.array_at(c, where, "assign", false)) {
      for (size_t j = 0; j < assign->size(); ++j) {
        const Json& a = (*assign)[j];
        const std::string here = JsonReader::child(where + "/assign", j);
        if (!a.is_object()) {
          r_.problem(here, "{\"topic\": ..., \"partition\": ...}", JsonReader::describe(a));
          continue;
        }
        r_.check_keys(a, here, {"topic", "partition"});
        const auto topic = topic_ref(a, here, s);
        const auto partition =
            r_.int_at(a, here, "partition", 0, topic ? topic->second - 1 : INT32_MAX, 0);
        if (topic && partition) {
          spec.assign.push_back(
              kafka::TopicPartition{topic->first, static_cast<int32_t>(*partition)});
        }
      }
    }
    spec.processing_us_per_record =
        r_.int_at(c, where, "processing_ms", 0, 3'600'000, 0).value_or(0) * 1000;
    spec.poll_timeout_ms =
        r_.int_at(c, where, "poll_timeout_ms", 1, 3'600'000, 1000).value_or(1000);
    read_start(c, where, *s.cluster, spec.start_at, spec.start_after_step);
    if (!spec.name.empty() && add_node(spec.name, where + "/name", s)) {
      consumers_.push_back(NodeId{static_cast<int32_t>(s.nodes.size() - 1)});
    }
    s.cluster->consumers.push_back(std::move(spec));
  }
}

std::optional<proto::Action> ScenarioReader::read_client_action(const Json& a,
                                                                const std::string& where,
                                                                const std::string& kind,
                                                                Scenario& s) {
  if (kind == "send") {
    r_.check_keys(a, where,
                  {"at_ms", "action", "producer", "topic", "count", "every_ms", "key", "keys",
                   "value", "values", "records", "partition"});
    const auto producer = node_ref(a, where, "producer");
    if (producer && !contains(producers_, *producer)) {
      r_.problem(where + "/producer", "the name of a producer (cluster.producers)",
                 "\"" + s.nodes[static_cast<size_t>(producer->value)] + "\"");
    }
    const auto topic = topic_ref(a, where, s);
    proto::ProducerSend send;
    // An explicit list of records sends each once by default.
    const Json* records = r_.array_at(a, where, "records", false);
    const int64_t count_default =
        records != nullptr && !records->empty() ? static_cast<int64_t>(records->size()) : 1;
    send.count = static_cast<int32_t>(
        r_.int_at(a, where, "count", 1, 1'000'000, count_default).value_or(count_default));
    send.every_ms = r_.int_at(a, where, "every_ms", 0, 3'600'000, 0).value_or(0);
    if (a.contains("partition")) {
      send.partition = static_cast<int32_t>(
          r_.int_at(a, where, "partition", 0, topic ? topic->second - 1 : INT32_MAX, 0)
              .value_or(0));
    }
    const int how_keys = static_cast<int>(a.contains("key")) +
                         static_cast<int>(a.contains("keys")) +
                         static_cast<int>(a.contains("records"));
    const int how_values = static_cast<int>(a.contains("value")) +
                           static_cast<int>(a.contains("values")) +
                           static_cast<int>(a.contains("records"));
    if (how_keys > 1 || how_values > 1) {
      r_.problem(where,
                 "one way to give keys and values: \"key\" or \"keys\", \"value\" or "
                 "\"values\", or \"records\" (pairs)",
                 "more than one");
    }
    if (records != nullptr) {
      if (records->empty()) r_.problem(where + "/records", "at least one record", "none");
      for (size_t i = 0; i < records->size(); ++i) {
        const Json& record = (*records)[i];
        const std::string here = JsonReader::child(where + "/records", i);
        if (!record.is_object()) {
          r_.problem(here, "{\"key\": ..., \"value\": ...}", JsonReader::describe(record));
          continue;
        }
        r_.check_keys(record, here, {"key", "value"});
        const auto k = read_app_value(r_, record.value("key", Json()), here + "/key");
        const auto v = read_app_value(r_, record.value("value", Json()), here + "/value");
        if (k && v) {
          send.keys.push_back(*k);
          send.values.push_back(*v);
        }
      }
    }
    if (a.contains("key")) {
      if (auto k = read_app_value(r_, a["key"], where + "/key")) send.keys.push_back(*k);
    }
    if (const Json* keys = r_.array_at(a, where, "keys", false)) {
      for (size_t i = 0; i < keys->size(); ++i) {
        if (auto k = read_app_value(r_, (*keys)[i], JsonReader::child(where + "/keys", i))) {
          send.keys.push_back(*k);
        }
      }
    }
    if (a.contains("value")) {
      if (auto v = read_app_value(r_, a["value"], where + "/value")) send.values.push_back(*v);
    }
    if (const Json* values = r_.array_at(a, where, "values", false)) {
      for (size_t i = 0; i < values->size(); ++i) {
        if (auto v = read_app_value(r_, (*values)[i], JsonReader::child(where + "/values", i))) {
          send.values.push_back(*v);
        }
      }
    }
    const bool keyless =
        send.keys.empty() || std::any_of(send.keys.begin(), send.keys.end(),
                                         [](const proto::AppValue& k) { return k.is_null(); });
    if (topic && keyless && compacted_topics_.count(topic->first) != 0) {
      // The broker would refuse each keyless record with INVALID_RECORD.
      r_.problem(where + (a.contains("records") ? "/records"
                          : a.contains("keys")  ? "/keys"
                                                : "/key"),
                 "a key for every record: \"" + topic->first +
                     "\" is compacted (cleanup.policy=compact), and a compacted topic refuses "
                     "records without a key",
                 send.keys.empty() ? std::string("no key") : std::string("a null key"));
    }
    if (!producer || !contains(producers_, *producer) || !topic) return std::nullopt;
    send.producer = *producer;
    send.topic = topic->first;
    return send;
  }
  if (kind == "seek") {
    r_.check_keys(a, where, {"at_ms", "action", "consumer", "topic", "partition", "offset"});
    const auto consumer = node_ref(a, where, "consumer");
    if (consumer && !contains(consumers_, *consumer)) {
      r_.problem(where + "/consumer", "the name of a consumer (cluster.consumers)",
                 "\"" + s.nodes[static_cast<size_t>(consumer->value)] + "\"");
    }
    const auto topic = topic_ref(a, where, s);
    const auto partition =
        r_.int_at(a, where, "partition", 0, topic ? topic->second - 1 : INT32_MAX, 0);
    std::optional<int64_t> offset;
    const auto it = a.find("offset");
    if (it != a.end() && it->is_string() && *it == "beginning") {
      offset = proto::kSeekBeginning;
    } else if (it != a.end() && it->is_string() && *it == "end") {
      offset = proto::kSeekEnd;
    } else if (it != a.end() && it->is_number_integer() && it->get<int64_t>() >= 0) {
      offset = it->get<int64_t>();
    } else {
      r_.problem(where + "/offset", "an offset >= 0, \"beginning\" or \"end\"",
                 it == a.end() ? std::string("nothing") : JsonReader::describe(*it));
    }
    if (!consumer || !contains(consumers_, *consumer) || !topic || !partition || !offset) {
      return std::nullopt;
    }
    return proto::ConsumerSeek{
        *consumer, kafka::TopicPartition{topic->first, static_cast<int32_t>(*partition)}, *offset};
  }
  if (kind == "commit") {
    r_.check_keys(a, where, {"at_ms", "action", "consumer", "sync"});
    const auto consumer = node_ref(a, where, "consumer");
    if (consumer && !contains(consumers_, *consumer)) {
      r_.problem(where + "/consumer", "the name of a consumer (cluster.consumers)",
                 "\"" + s.nodes[static_cast<size_t>(consumer->value)] + "\"");
    }
    const auto sync = r_.bool_at(a, where, "sync", true);
    if (!consumer || !contains(consumers_, *consumer) || !sync) return std::nullopt;
    return proto::ConsumerCommit{*consumer, *sync};
  }
  if (kind == "reset_offsets") return read_reset_offsets(a, where, s);
  if (kind == "set_serializer") {
    r_.check_keys(a, where, {"at_ms", "action", "producer", "key", "value"});
    const auto producer = node_ref(a, where, "producer");
    if (producer && !contains(producers_, *producer)) {
      r_.problem(where + "/producer", "the name of a producer (cluster.producers)",
                 "\"" + s.nodes[static_cast<size_t>(producer->value)] + "\"");
      return std::nullopt;
    }
    if (!a.contains("key") && !a.contains("value")) {
      r_.problem(where, "\"key\" or \"value\": the serializer to switch to", "neither");
      return std::nullopt;
    }
    proto::SetSerializer set;
    bool ok = producer.has_value();
    for (const char* which : {"key", "value"}) {
      if (!a.contains(which)) continue;
      const auto name = r_.string_at(a, where, which, true);
      if (!name) {
        ok = false;
        continue;
      }
      std::vector<client::ClientConfigProblem> problems;
      client::parse_producer_config({{std::string(which) + ".serializer", *name}}, problems);
      for (const auto& problem : problems) {
        r_.problem(JsonReader::child(where, which), "a serializer", problem.message);
        ok = false;
      }
      (std::string(which) == "key" ? set.key : set.value) = *name;
    }
    if (!ok) return std::nullopt;
    set.producer = *producer;
    return set;
  }
  r_.check_keys(a, where, {"at_ms", "action", "client"});
  const auto client = node_ref(a, where, "client");
  if (client && !contains(producers_, *client) && !contains(consumers_, *client)) {
    r_.problem(where + "/client", "the name of a producer or consumer",
               "\"" + s.nodes[static_cast<size_t>(client->value)] + "\"");
    return std::nullopt;
  }
  if (!client) return std::nullopt;
  return proto::CloseClient{*client};
}

// kafka-consumer-groups --reset-offsets --group G --topic T (--to-earliest | --to-latest |
// --to-offset N | --shift-by N) [--execute]
std::optional<proto::Action> ScenarioReader::read_reset_offsets(const Json& a,
                                                                const std::string& where,
                                                                Scenario& s) {
  r_.check_keys(
      a, where,
      {"at_ms", "action", "broker", "group", "topic", "to", "to_offset", "shift_by", "execute"});
  proto::ResetOffsets reset;
  reset.broker = NodeId{0};
  if (a.contains("broker")) {
    const auto broker = node_ref(a, where, "broker");
    if (broker && broker->value >= s.cluster->brokers) {
      r_.problem(where + "/broker", "the name of a broker",
                 "\"" + s.nodes[static_cast<size_t>(broker->value)] + "\"");
    } else if (broker) {
      reset.broker = *broker;
    }
  }
  const auto group = r_.string_at(a, where, "group", true);
  const auto topic = topic_ref(a, where, s);
  const int how = static_cast<int>(a.contains("to")) + static_cast<int>(a.contains("to_offset")) +
                  static_cast<int>(a.contains("shift_by"));
  if (how != 1) {
    r_.problem(where, "exactly one of \"to\" (earliest or latest), \"to_offset\", \"shift_by\"",
               how == 0 ? std::string("none") : std::to_string(how));
  }
  if (a.contains("to")) {
    const auto to = r_.string_at(a, where, "to", true);
    if (to == "earliest") {
      reset.strategy = proto::ResetOffsets::Strategy::kToEarliest;
    } else if (to == "latest") {
      reset.strategy = proto::ResetOffsets::Strategy::kToLatest;
    } else if (to) {
      r_.problem(where + "/to", "\"earliest\" or \"latest\"", "\"" + *to + "\"");
    }
  }
  if (a.contains("to_offset")) {
    reset.strategy = proto::ResetOffsets::Strategy::kToOffset;
    reset.value = r_.int_at(a, where, "to_offset", 0, INT64_MAX, 0).value_or(0);
  }
  if (a.contains("shift_by")) {
    reset.strategy = proto::ResetOffsets::Strategy::kShiftBy;
    reset.value = r_.int_at(a, where, "shift_by", INT64_MIN / 2, INT64_MAX / 2, 0).value_or(0);
  }
  reset.execute = r_.bool_at(a, where, "execute", false).value_or(false);
  if (!group || !topic) return std::nullopt;
  reset.group = *group;
  reset.topic = topic->first;
  return reset;
}

}  // namespace ksim::scenario
