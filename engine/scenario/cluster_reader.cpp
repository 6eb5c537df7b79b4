// The scenario's "cluster" section: brokers, racks, broker configs, topics and clients.
#include <fmt/format.h>

#include "engine/cluster/broker_config.h"
#include "engine/log/topic_config.h"
#include "engine/scenario/scenario_reader.h"

namespace ksim::scenario {
namespace {

constexpr int32_t kMaxBrokers = 1000;

// Kafka configs are strings; a scenario may write 2 or true for "2" or "true".
std::optional<std::string> config_value(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_float()) return v.dump();
  return std::nullopt;
}

}  // namespace

std::map<std::string, std::string> read_configs(JsonReader& r, const Json& obj,
                                                const std::string& where, const char* key_name) {
  std::map<std::string, std::string> out;
  const Json* configs = r.object_at(obj, where, key_name, false);
  if (configs == nullptr) return out;
  for (const auto& [key, value] : configs->items()) {
    const auto text = config_value(value);
    if (!text) {
      r.problem(JsonReader::child(JsonReader::child(where, key_name), key),
                "a config value (string, number or bool)", JsonReader::describe(value));
      continue;
    }
    out[key] = *text;
  }
  return out;
}

void ScenarioReader::read_cluster(const Json& doc, Scenario& s) {
  const Json* cluster = r_.object_at(doc, "", "cluster", true);
  if (cluster == nullptr) return;
  const std::string where = "/cluster";
  r_.check_keys(*cluster, where,
                {"brokers", "controllers", "racks", "configs", "topics", "clients", "producers",
                 "consumers"});
  ClusterSpec c;
  c.brokers = static_cast<int32_t>(
      r_.int_at(*cluster, where, "brokers", 1, kMaxBrokers, std::nullopt).value_or(0));
  if (const Json* racks = r_.array_at(*cluster, where, "racks", false)) {
    if (static_cast<int32_t>(racks->size()) != c.brokers) {
      r_.problem(where + "/racks", fmt::format("one rack per broker ({} names)", c.brokers),
                 fmt::format("{} names", racks->size()));
    }
    for (size_t i = 0; i < racks->size(); ++i) {
      const Json& rack = (*racks)[i];
      if (!rack.is_string() && !rack.is_null()) {
        r_.problem(JsonReader::child(where + "/racks", i), "a rack name or null",
                   JsonReader::describe(rack));
        continue;
      }
      c.racks.push_back(rack.is_null() ? std::nullopt
                                       : std::optional<std::string>(rack.get<std::string>()));
    }
  }
  c.broker_configs = read_configs(r_, *cluster, where);
  std::vector<cluster::BrokerConfigProblem> problems;
  cluster::parse_broker_config(c.broker_configs, problems);
  for (const auto& p : problems) {
    r_.problem(JsonReader::child(where + "/configs", p.key), "a valid broker config", p.message);
  }
  for (int32_t i = 1; i <= c.brokers; ++i) {
    add_node(fmt::format("broker-{}", i), where + "/brokers", s);
  }
  c.controllers =
      static_cast<int32_t>(r_.int_at(*cluster, where, "controllers", 1, 5, 1).value_or(1));
  controller_ = NodeId{static_cast<int32_t>(s.nodes.size())};
  if (c.controllers == 1) {
    add_node("controller", where, s);
  } else {
    for (int32_t i = 1; i <= c.controllers; ++i) {
      add_node(fmt::format("controller-{}", i), where + "/controllers", s);
    }
  }
  read_topics(*cluster, c);
  s.cluster = std::move(c);
  read_clients(*cluster, s);
  read_producers(*cluster, s);
  read_consumers(*cluster, s);
}

void ScenarioReader::read_topics(const Json& cluster, ClusterSpec& c) {
  const Json* topics = r_.array_at(cluster, "/cluster", "topics", false);
  if (topics == nullptr) return;
  for (size_t i = 0; i < topics->size(); ++i) {
    const Json& t = (*topics)[i];
    const std::string where = JsonReader::child("/cluster/topics", i);
    if (!t.is_object()) {
      r_.problem(where, "a topic object", JsonReader::describe(t));
      continue;
    }
    r_.check_keys(t, where, {"name", "partitions", "replication_factor", "configs", "at_ms"});
    TopicSpec spec;
    spec.name = r_.string_at(t, where, "name", true).value_or("");
    spec.partitions =
        static_cast<int32_t>(r_.int_at(t, where, "partitions", 1, 10000, 1).value_or(1));
    const auto rf = r_.int_at(t, where, "replication_factor", 1, 32767, 1);
    if (rf && *rf > c.brokers && c.brokers > 0) {
      r_.problem(
          where + "/replication_factor",
          fmt::format("a replication factor of at most {} (the cluster's brokers)", c.brokers),
          std::to_string(*rf));
    }
    spec.replication_factor = static_cast<int16_t>(rf.value_or(1));
    spec.configs = read_configs(r_, t, where);
    const log::ConfigParseResult parsed = log::parse_topic_config(spec.configs);
    for (const auto& p : parsed.problems) {
      r_.problem(JsonReader::child(where + "/configs", p.key), "a valid topic config", p.message);
    }
    spec.create_at =
        SimTime::from_ms(r_.int_at(t, where, "at_ms", 0, 1'000'000'000'000, 100).value_or(100));
    if (topic_partitions_.count(spec.name) != 0) {
      r_.problem(where + "/name", "a topic name not used by another topic",
                 "\"" + spec.name + "\"");
    }
    topic_partitions_[spec.name] = spec.partitions;
    const auto policy = spec.configs.find("cleanup.policy");
    if (policy != spec.configs.end() && policy->second.find("compact") != std::string::npos) {
      compacted_topics_.insert(spec.name);
    }
    c.topics.push_back(std::move(spec));
  }
}

std::vector<std::string> ScenarioReader::read_bootstrap(const Json& c, const std::string& where,
                                                        const Scenario& s) {
  std::vector<std::string> bootstrap;
  if (const Json* boot = r_.array_at(c, where, "bootstrap", false)) {
    for (size_t j = 0; j < boot->size(); ++j) {
      const Json& b = (*boot)[j];
      const std::string here = JsonReader::child(where + "/bootstrap", j);
      const auto it = b.is_string() ? node_ids_.find(b.get<std::string>()) : node_ids_.end();
      if (it == node_ids_.end() || it->second.value >= s.cluster->brokers) {
        r_.problem(
            here,
            "the name of a broker (broker-1 .. broker-" + std::to_string(s.cluster->brokers) + ")",
            JsonReader::describe(b));
        continue;
      }
      bootstrap.push_back(b.get<std::string>());
    }
  } else {
    bootstrap.push_back("broker-1");
  }
  return bootstrap;
}

void ScenarioReader::read_clients(const Json& cluster, Scenario& s) {
  const Json* clients = r_.array_at(cluster, "/cluster", "clients", false);
  if (clients == nullptr) return;
  for (size_t i = 0; i < clients->size(); ++i) {
    const Json& c = (*clients)[i];
    const std::string where = JsonReader::child("/cluster/clients", i);
    if (!c.is_object()) {
      r_.problem(where, "a client object", JsonReader::describe(c));
      continue;
    }
    r_.check_keys(c, where, {"name", "bootstrap"});
    ClusterSpec::Client client;
    client.name = r_.string_at(c, where, "name", true).value_or("");
    client.bootstrap = read_bootstrap(c, where, s);
    if (!client.name.empty() && add_node(client.name, where + "/name", s)) {
      scripted_clients_.push_back(NodeId{static_cast<int32_t>(s.nodes.size() - 1)});
    }
    s.cluster->clients.push_back(std::move(client));
  }
}

}  // namespace ksim::scenario
