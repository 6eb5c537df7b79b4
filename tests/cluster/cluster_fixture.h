// A fixture that reads like a story: build a cluster from a scenario snippet, then crash,
// isolate, produce and run until a condition holds, every wait bounded by steps.
//   ClusterStory c(3, R"({"min.insync.replicas": 2})", "demo", 1, 3);
//   c.produce(-1, 5);
//   c.run_until([&] { return c.acked() == 1; });
#pragma once

#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/world.h"

namespace ksim::testing {

class ClusterStory {
 public:
  // A cluster of `brokers` brokers with `broker_configs` (a JSON object), one topic with
  // `partitions` partitions and replication factor `rf` (and `topic_configs`), one client, and
  // `controllers` KRaft voters. With several voters the topic is created at 6 s, once the
  // quorum has elected an active controller.
  ClusterStory(int brokers, const std::string& broker_configs, const std::string& topic,
               int partitions, int rf, const std::string& topic_configs = "{}", uint64_t seed = 1,
               int controllers = 1)
      : topic_(topic) {
    const std::string text =
        "{\"name\": \"story\", \"stop_at_ms\": 100000000, "
        "\"network\": {\"latency_ms\": 1}, \"cluster\": {\"brokers\": " +
        std::to_string(brokers) + ", \"controllers\": " + std::to_string(controllers) +
        ", \"configs\": " + broker_configs + ", \"topics\": [{\"name\": \"" + topic +
        "\", \"partitions\": " + std::to_string(partitions) +
        ", \"replication_factor\": " + std::to_string(rf) + ", \"configs\": " + topic_configs +
        (controllers > 1 ? ", \"at_ms\": 6000" : "") +
        "}], \"clients\": [{\"name\": \"client\", \"bootstrap\": [" + bootstrap_list(brokers) +
        "]}]}}";
    scenario::LoadResult r = scenario::load_text(text, "story.json");
    for (const auto& d : r.problems) FAIL(scenario::to_string(d));
    scenario_ = *r.scenario;
    world_ = scenario::build_world(scenario_, seed);
    brokers_ = brokers;
    controllers_ = controllers;
    // Brokers registered, topic created, ISR full.
    run_for_ms(controllers > 1 ? 7000 : 1000);
  }

  static std::string bootstrap_list(int brokers) {
    std::string list;
    for (int b = 1; b <= brokers; ++b) {
      list += (b > 1 ? ", \"broker-" : "\"broker-") + std::to_string(b) + "\"";
    }
    return list;
  }

  world::World& world() { return world_; }
  const trace::Trace& trace() const { return trace_; }
  // True when the trace shows `broker_id` truncating its log of partition p.
  bool truncated(int broker_id) const;
  NodeId broker_node(int broker_id) const { return NodeId{broker_id - 1}; }
  // The first controller node (admin actions sent there are forwarded to the active one).
  NodeId controller_node() const { return NodeId{brokers_}; }
  NodeId client_node() const { return NodeId{brokers_ + controllers_}; }
  // The active controller's node, or -1 when none is active.
  NodeId active_controller_node() const;
  kafka::TopicPartition tp(int partition = 0) const { return {topic_, partition}; }

  const cluster::Broker& broker(int id) const {
    return std::get<cluster::Broker>(world_.nodes[static_cast<size_t>(id - 1)].logic);
  }
  // The active controller (the first controller when none is active).
  const cluster::Controller& controller() const {
    const NodeId active = active_controller_node();
    const NodeId node = active.value >= 0 ? active : controller_node();
    return std::get<cluster::Controller>(world_.nodes[static_cast<size_t>(node.value)].logic);
  }
  const cluster::Controller& controller_at(NodeId node) const {
    return std::get<cluster::Controller>(world_.nodes[static_cast<size_t>(node.value)].logic);
  }
  const cluster::ScriptedClient& client() const {
    return std::get<cluster::ScriptedClient>(
        world_.nodes[static_cast<size_t>(client_node().value)].logic);
  }
  // The committed partition state, as the controller has it.
  proto::PartitionRecord partition(int p = 0) const {
    return *controller().memory.image.partition(tp(p));
  }
  int leader(int p = 0) const { return partition(p).leader; }
  const log::PartitionLog& log_of(int broker_id, int p = 0) const {
    return *broker(broker_id).disk.logs.find_log(tp(p));
  }
  // Record ids in a broker's log below its high watermark (or its whole log).
  std::set<uint64_t> records_in(int broker_id, bool below_hw_only, int p = 0) const;

  // --- actions, at the current simulated time ---
  void act(proto::Action a) { world_.schedule(world_.now(), std::move(a)); }
  void produce(int16_t acks, int count, int p = 0) {
    act(proto::ClientProduce{client_node(), tp(p), acks, count, std::nullopt});
  }
  void crash(int broker_id) { act(proto::CrashNode{broker_node(broker_id)}); }
  void restart(int broker_id) { act(proto::RestartNode{broker_node(broker_id)}); }
  // Cuts `broker_id` off from every other node (brokers, controller, client).
  void isolate(int broker_id);
  // Cuts the links between two brokers only, both ways.
  void cut(int a, int b) {
    act(proto::PartitionNetwork{{broker_node(a)}, {broker_node(b)}, false});
  }
  void heal() { act(proto::HealNetwork{}); }

  // --- running ---
  // Steps until `done()` holds; fails the test if it does not within `max_steps`.
  void run_until(const std::function<bool()>& done, int max_steps = 200000);
  void run_for_ms(int64_t ms, int max_steps = 2000000);

  // Produces and waits for the answer; on a retriable error (a stale leader, a disconnect, a
  // timeout) produces again, like a producer's retries, at most `attempts` times. Returns the
  // error of the last answer.
  kafka::ErrorCode produce_and_wait(int16_t acks, int count, int attempts = 5);

  // --- what the client saw ---
  int acked() const;  // produce requests answered without error
  const std::vector<cluster::ProduceOutcome>& outcomes() const { return client().memory.produced; }
  // Record ids of every record whose produce request was acknowledged without error.
  std::set<uint64_t> acked_records() const;

 private:
  std::string topic_;
  int brokers_ = 0;
  int controllers_ = 1;
  scenario::Scenario scenario_;
  world::World world_;
  trace::Trace trace_;
};

}  // namespace ksim::testing
