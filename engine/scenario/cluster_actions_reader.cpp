// Timeline actions that need a Kafka cluster: the scripted clients' produce and fetch, topic
// administration, preferred-leader election and a broker's controlled shutdown.
#include <fmt/format.h>

#include <algorithm>

#include "engine/log/topic_config.h"
#include "engine/scenario/scenario_reader.h"

namespace ksim::scenario {
namespace {

// acks as Kafka writes it: "all", -1, 0 or 1.
std::optional<int16_t> read_acks(JsonReader& r, const Json& a, const std::string& where) {
  const auto it = a.find("acks");
  if (it == a.end()) return int16_t{-1};  // Kafka 3.x's default: all
  if (it->is_string() && it->get<std::string>() == "all") return int16_t{-1};
  if (it->is_number_integer()) {
    const int64_t v = it->get<int64_t>();
    if (v == -1 || v == 0 || v == 1) return static_cast<int16_t>(v);
  }
  r.problem(where + "/acks", "\"all\", -1, 0 or 1", JsonReader::describe(*it));
  return std::nullopt;
}

}  // namespace

std::string ScenarioReader::expected_topic(const std::string& found) const {
  std::vector<std::string> known;
  for (const auto& [t, n] : topic_partitions_) known.push_back(t);
  return with_hint("a topic the scenario creates", found, known);
}

std::optional<std::pair<std::string, int32_t>> ScenarioReader::topic_ref(const Json& a,
                                                                         const std::string& where,
                                                                         const Scenario&) {
  const auto name = r_.string_at(a, where, "topic", true);
  if (!name) return std::nullopt;
  const auto it = topic_partitions_.find(*name);
  if (it == topic_partitions_.end()) {
    r_.problem(where + "/topic", expected_topic(*name), "\"" + *name + "\"");
    return std::nullopt;
  }
  return *it;
}

std::optional<proto::Action> ScenarioReader::read_cluster_action(const Json& a,
                                                                 const std::string& where,
                                                                 const std::string& kind,
                                                                 Scenario& s) {
  if (kind == "produce" || kind == "fetch") {
    if (kind == "produce") {
      r_.check_keys(a, where,
                    {"at_ms", "action", "client", "topic", "partition", "acks", "count", "key"});
    } else {
      r_.check_keys(a, where, {"at_ms", "action", "client", "topic", "partition", "offset"});
    }
    const auto client = node_ref(a, where, "client");
    const auto topic = topic_ref(a, where, s);
    const int64_t max_partition = topic ? topic->second - 1 : INT32_MAX;
    const auto partition = r_.int_at(a, where, "partition", 0, max_partition, 0);
    const bool is_client = client && std::find(scripted_clients_.begin(), scripted_clients_.end(),
                                               *client) != scripted_clients_.end();
    if (client && !is_client) {
      r_.problem(where + "/client", "the name of a scripted client (cluster.clients)",
                 "\"" + s.nodes[client->value] + "\"");
    }
    if (kind == "fetch") {
      const auto offset = r_.int_at(a, where, "offset", 0, INT64_MAX, 0);
      if (!is_client || !topic || !partition || !offset) return std::nullopt;
      return proto::ClientFetch{*client, {topic->first, static_cast<int32_t>(*partition)}, *offset};
    }
    const auto acks = read_acks(r_, a, where);
    const auto count = r_.int_at(a, where, "count", 1, 100000, 1);
    const auto key = r_.string_at(a, where, "key", false);
    if (!is_client || !topic || !partition || !acks || !count) return std::nullopt;
    return proto::ClientProduce{*client,
                                {topic->first, static_cast<int32_t>(*partition)},
                                *acks,
                                static_cast<int32_t>(*count),
                                key};
  }
  if (kind == "send" || kind == "seek" || kind == "commit" || kind == "close" ||
      kind == "set_serializer" || kind == "reset_offsets") {
    return read_client_action(a, where, kind, s);
  }
  if (kind == "controlled_shutdown") {
    r_.check_keys(a, where, {"at_ms", "action", "node"});
    const auto node = node_ref(a, where, "node");
    if (!node) return std::nullopt;
    if (node->value >= s.cluster->brokers) {
      r_.problem(where + "/node", "the name of a broker", "\"" + s.nodes[node->value] + "\"");
      return std::nullopt;
    }
    return proto::ControlledShutdown{*node};
  }
  if (kind == "create_topic") {
    r_.check_keys(a, where,
                  {"at_ms", "action", "topic", "partitions", "replication_factor", "configs"});
    const auto name = r_.string_at(a, where, "topic", true);
    const auto partitions = r_.int_at(a, where, "partitions", 1, 10000, 1);
    const auto rf = r_.int_at(a, where, "replication_factor", 1, s.cluster->brokers, 1);
    std::map<std::string, std::string> configs;
    if (const Json* c = r_.object_at(a, where, "configs", false)) {
      for (const auto& [k, v] : c->items())
        configs[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
    if (!name || !partitions || !rf) return std::nullopt;
    return proto::CreateTopic{controller_, *name, static_cast<int32_t>(*partitions),
                              static_cast<int16_t>(*rf), configs};
  }
  if (kind == "delete_topic") {
    r_.check_keys(a, where, {"at_ms", "action", "topic"});
    const auto topic = topic_ref(a, where, s);
    if (!topic) return std::nullopt;
    return proto::DeleteTopic{controller_, topic->first};
  }
  if (kind == "alter_topic_config") {
    r_.check_keys(a, where, {"at_ms", "action", "topic", "set", "delete"});
    const auto topic = topic_ref(a, where, s);
    proto::AlterTopicConfig alter{
        controller_, topic ? topic->first : "", read_configs(r_, a, where, "set"), {}};
    const log::ConfigParseResult parsed = log::parse_topic_config(alter.set);
    for (const auto& p : parsed.problems) {
      r_.problem(JsonReader::child(where + "/set", p.key), "a valid topic config", p.message);
    }
    if (const Json* removed = r_.array_at(a, where, "delete", false)) {
      for (size_t i = 0; i < removed->size(); ++i) {
        const Json& key = (*removed)[i];
        if (!key.is_string()) {
          r_.problem(JsonReader::child(where + "/delete", i), "a topic config key",
                     JsonReader::describe(key));
          continue;
        }
        alter.remove.push_back(key.get<std::string>());
      }
    }
    if (alter.set.empty() && alter.remove.empty()) {
      r_.problem(where, "\"set\" (configs to set) or \"delete\" (keys to remove)", "neither");
      return std::nullopt;
    }
    if (!topic || !parsed.ok()) return std::nullopt;
    return alter;
  }
  if (kind == "add_partitions") {
    r_.check_keys(a, where, {"at_ms", "action", "topic", "partitions"});
    const auto topic = topic_ref(a, where, s);
    const auto created = topic ? created_partitions_.find(topic->first) : created_partitions_.end();
    const int32_t before = created == created_partitions_.end() ? 0 : created->second;
    const auto total = r_.int_at(a, where, "partitions", before + 1, 10000, std::nullopt);
    if (!topic || !total) return std::nullopt;
    return proto::AddPartitions{controller_, topic->first, static_cast<int32_t>(*total)};
  }
  r_.check_keys(a, where, {"at_ms", "action"});
  return proto::ElectPreferredLeaders{controller_};
}

}  // namespace ksim::scenario
