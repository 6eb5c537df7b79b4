// What the shell's tools share: finding the bootstrap broker, and topic auto-creation.
#include <fmt/format.h>

#include "cli/shell/tools.h"
#include "engine/sim/check.h"
#include "engine/world/inspect.h"

namespace ksim::cli::shell {

std::optional<std::string> reachable_bootstrap(const Session& s, const std::string& servers,
                                               std::ostream& err) {
  const std::optional<std::string> broker = s.bootstrap_broker(servers);
  if (broker && s.running(*broker)) return broker;
  err << fmt::format(
      "WARN Connection to node -1 ({}) could not be established. Broker may not be "
      "available. (org.apache.kafka.clients.NetworkClient)\n",
      servers);
  if (broker) {
    err << fmt::format("kafkasim: {} is down at this moment of the run\n", *broker);
  } else {
    const int32_t brokers = s.scenario().cluster ? s.scenario().cluster->brokers : 0;
    err << fmt::format(
        "kafkasim: no broker answers at {}: this cluster's {} broker(s) answer at broker-N:9092 "
        "and at localhost:9092 to localhost:{}\n",
        servers, brokers, 9092 + brokers - 1);
  }
  return std::nullopt;
}

const cluster::Broker& broker_node(const Session& s, const std::string& name) {
  for (size_t i = 0; i < s.world().nodes.size(); ++i) {
    if (s.world().nodes[i].name == name) {
      return std::get<cluster::Broker>(s.world().nodes[i].logic);
    }
  }
  KSIM_ASSERT(false, "bootstrap_broker names a broker of the world");
  __builtin_unreachable();
}

bool ensure_topic(Session& s, const std::string& topic, std::ostream& err) {
  const cluster::Broker* b = world::first_running_broker(s.world());
  if (b == nullptr || b->memory.image.topic(topic) != nullptr) return true;
  if (!b->config.auto_create_topics_enable) {
    err << fmt::format(
        "kafkasim: topic '{}' does not exist and the brokers have "
        "auto.create.topics.enable=false: Kafka's client waits for it until max.block.ms\n",
        topic);
    return false;
  }
  // Kafka creates it when the client's Metadata request names it; the shell creates it first,
  // with the same defaults (docs/shell.md).
  err << fmt::format(
      "WARN Error while fetching metadata with correlation id 1 : {{{}=LEADER_NOT_AVAILABLE}} "
      "(org.apache.kafka.clients.NetworkClient)\n",
      topic);
  const nlohmann::ordered_json create{{"action", "create_topic"},
                                      {"topic", topic},
                                      {"partitions", b->config.num_partitions},
                                      {"replication_factor", b->config.default_replication_factor}};
  if (!s.fork("", {create}, err)) return false;
  s.advance_until(
      [&](const world::World& w) {
        const cluster::Broker* any = world::first_running_broker(w);
        return any != nullptr && any->memory.image.topic(topic) != nullptr;
      },
      SimTime::from_s(5));
  return true;
}

}  // namespace ksim::cli::shell
