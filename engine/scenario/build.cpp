#include "engine/scenario/build.h"

#include <fmt/format.h>

#include "engine/client/client_config.h"
#include "engine/cluster/broker_config.h"
#include "engine/scenario/lesson_check.h"
#include "engine/sim/check.h"

namespace ksim::scenario {
namespace {

void add_toy_nodes(const Scenario& s, world::World& w) {
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    toy::ToyNode node;
    node.id = NodeId{static_cast<int32_t>(i)};
    node.ping_interval = s.ping_interval;
    for (size_t j = 0; j < s.nodes.size(); ++j) {
      if (j != i) node.peers.push_back(NodeId{static_cast<int32_t>(j)});
    }
    w.add_node(s.nodes[i], std::move(node));
  }
}

std::vector<NodeId> node_ids(const Scenario& s, const std::vector<std::string>& names) {
  std::vector<NodeId> ids;
  for (const std::string& name : names) {
    for (size_t i = 0; i < s.nodes.size(); ++i) {
      if (s.nodes[i] == name) ids.push_back(NodeId{static_cast<int32_t>(i)});
    }
  }
  return ids;
}

// Nodes in the loader's order: broker-1..broker-N, the controller, then the clients.
void add_cluster_nodes(const Scenario& s, uint64_t seed, world::World& w) {
  const ClusterSpec& c = *s.cluster;
  std::vector<cluster::BrokerConfigProblem> problems;
  const cluster::BrokerConfig config = cluster::parse_broker_config(c.broker_configs, problems);
  // Invariant: the loader reported every config problem before a scenario exists.
  KSIM_ASSERT(problems.empty(), "broker configs were validated by the loader");
  std::vector<NodeId> voters;
  for (int32_t i = 0; i < c.controllers; ++i) voters.push_back(NodeId{c.brokers + i});
  for (int32_t i = 0; i < c.brokers; ++i) {
    cluster::Broker b;
    b.broker_id = i + 1;
    b.id = NodeId{i};
    b.controllers = voters;
    if (static_cast<size_t>(i) < c.racks.size()) b.rack = c.racks[static_cast<size_t>(i)];
    b.config = config;
    b.member_id_rng = Prng::stream(seed, fmt::format("member-ids-{}", i + 1));
    b.disk.logs = log::LogManager(log::LogManagerConfig{
        config.log_initial_task_delay_ms, config.log_retention_check_interval_ms,
        config.log_cleaner_backoff_ms, config.log_cleaner_enable});
    w.add_node(s.nodes[static_cast<size_t>(i)], std::move(b));
  }
  for (size_t i = 0; i < voters.size(); ++i) {
    cluster::Controller ctl;
    ctl.id = voters[i];
    ctl.voters = voters;
    ctl.seed = seed;
    ctl.config = config;
    // Every voter draws placements from the same stream: whichever is active places alike.
    ctl.placement_rng = Prng::stream(seed, "placement");
    ctl.election_rng = Prng::stream(seed, fmt::format("election-{}", i));
    w.add_node(s.nodes[static_cast<size_t>(voters[i].value)], std::move(ctl));
  }
  for (const ClusterSpec::Client& spec : c.clients) {
    cluster::ScriptedClient client;
    client.id = NodeId{static_cast<int32_t>(w.nodes.size())};
    client.name = spec.name;
    client.bootstrap = node_ids(s, spec.bootstrap);
    w.add_node(spec.name, std::move(client));
  }
  for (const ClusterSpec::Producer& spec : c.producers) {
    client::Producer p;
    p.id = NodeId{static_cast<int32_t>(w.nodes.size())};
    p.name = spec.name;
    std::vector<client::ClientConfigProblem> problems;
    p.config = client::parse_producer_config(spec.configs, problems);
    KSIM_ASSERT(problems.empty(), "producer configs were validated by the loader");
    p.rng = Prng::stream(seed, "producer-" + spec.name);
    p.memory.metadata.bootstrap = node_ids(s, spec.bootstrap);
    w.add_node(spec.name, std::move(p));
  }
  for (const ClusterSpec::Consumer& spec : c.consumers) {
    client::Consumer consumer;
    consumer.id = NodeId{static_cast<int32_t>(w.nodes.size())};
    consumer.name = spec.name;
    std::vector<client::ClientConfigProblem> problems;
    consumer.config = client::parse_consumer_config(spec.configs, problems);
    KSIM_ASSERT(problems.empty(), "consumer configs were validated by the loader");
    consumer.assignment = spec.assign;
    consumer.subscription = spec.subscribe;
    consumer.processing_us_per_record = spec.processing_us_per_record;
    consumer.poll_timeout_ms = spec.poll_timeout_ms;
    consumer.memory.metadata.bootstrap = node_ids(s, spec.bootstrap);
    w.add_node(spec.name, std::move(consumer));
  }
}

// When each node starts: at zero, except clients given a start time or a step to start after.
struct StartWhen {
  SimTime at;
  std::optional<int64_t> after_step;
};
StartWhen start_when(const Scenario& s, const std::string& name) {
  if (!s.cluster) return {};
  for (const ClusterSpec::Producer& p : s.cluster->producers) {
    if (p.name == name) return {p.start_at, p.start_after_step};
  }
  for (const ClusterSpec::Consumer& c : s.cluster->consumers) {
    if (c.name == name) return {c.start_at, c.start_after_step};
  }
  return {};
}

// The scenario's topics, created by the controller (as kafka-topics --create would).
void schedule_topics(const ClusterSpec& c, world::World& w) {
  const NodeId controller{c.brokers};
  for (const TopicSpec& t : c.topics) {
    w.schedule(t.create_at, proto::CreateTopic{controller, t.name, t.partitions,
                                               t.replication_factor, t.configs});
  }
}

}  // namespace

world::World build_world(const Scenario& s, uint64_t seed) {
  world::World w;
  w.seed = seed;
  w.rt.network = Network(s.network);
  w.rt.network_rng = Prng::stream(seed, "network");
  if (s.cluster) {
    add_cluster_nodes(s, seed, w);
  } else {
    add_toy_nodes(s, w);
  }
  // Every node starts at time zero, before anything else scheduled then (equal times run in
  // the order they were scheduled).
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const StartWhen when = start_when(s, w.nodes[i].name);
    const proto::StartNode start{NodeId{static_cast<int32_t>(i)}};
    if (when.after_step) {
      w.anchor(*when.after_step, start);
    } else {
      w.schedule(when.at, start);
    }
  }
  if (s.cluster) schedule_topics(*s.cluster, w);
  for (const TimedAction& a : s.timeline) {
    if (a.after_step) {
      w.anchor(*a.after_step, a.action);
    } else {
      w.schedule(a.at, a.action);
    }
  }
  return w;
}

trace::NameTable names_of(const Scenario& s) {
  std::vector<std::string> expects;
  for (const Expectation& e : s.expects) expects.push_back(describe_expectation(e));
  return trace::NameTable{s.nodes, s.notes, expects};
}

}  // namespace ksim::scenario
