// A fixture for the invariant checker: a healthy cluster (3 brokers, topic t with 2 partitions
// and RF 3, an acks=all producer p, a group g with consumers c1 and c2) run with the checker
// watching every step. A test then breaks one thing by hand (a log, a high watermark, a
// consumer's position) and hands the checker a step that touches it, as the engine would.
//   CheckStory story;
//   story.leader_log(tp).set_high_watermark(1);
//   story.hand_step(story.leader_node(tp), {story.change(story.leader(tp), tp, kHighWatermark, 3,
//   1)}); CHECK(story.found("high_watermark_monotonic") ...);
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/check/checker.h"
#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/inspect.h"

namespace ksim::testing {

class CheckStory {
 public:
  explicit CheckStory(int64_t run_ms = 16000) {
    const std::string text = R"({
      "name": "check", "seed": 1, "stop_at_ms": 100000000, "network": {"latency_ms": 2},
      "cluster": {
        "brokers": 3,
        "topics": [{"name": "t", "partitions": 2, "replication_factor": 3}],
        "producers": [{"name": "p"}],
        "consumers": [
          {"name": "c1", "subscribe": ["t"], "configs": {"group.id": "g", "auto.commit.interval.ms": 1000, "auto.offset.reset": "earliest"}},
          {"name": "c2", "subscribe": ["t"], "configs": {"group.id": "g", "auto.commit.interval.ms": 1000, "auto.offset.reset": "earliest"}}
        ]
      },
      "timeline": [
        {"at_ms": 1000, "action": "send", "producer": "p", "topic": "t", "count": 40, "every_ms": 100,
         "keys": ["a", "d"]}
      ]})";
    scenario::LoadResult r = scenario::load_text(text, "check.json");
    for (const auto& d : r.problems) FAIL(scenario::to_string(d));
    REQUIRE(r.scenario);
    world_ = scenario::build_world(*r.scenario, 1);
    const SimTime until = SimTime::from_ms(run_ms);
    for (int i = 0; i < 2'000'000; ++i) {
      if (world::step(world_, &trace_, until) != world::StepResult::kStepped) break;
      checker_.observe(world_, trace_, Step{static_cast<int64_t>(trace_.size()) - 1});
    }
  }

  world::World& world() { return world_; }
  trace::Trace& trace() { return trace_; }
  check::InvariantChecker& checker() { return checker_; }
  kafka::TopicPartition tp(int p) const { return {"t", p}; }

  template <typename Logic>
  Logic& logic(const std::string& name) {
    for (world::Node& n : world_.nodes) {
      if (n.name == name) return std::get<Logic>(n.logic);
    }
    FAIL("no node " << name);
    throw std::logic_error("unreachable");
  }
  NodeId node(const std::string& name) const {
    for (size_t i = 0; i < world_.nodes.size(); ++i) {
      if (world_.nodes[i].name == name) return NodeId{static_cast<int32_t>(i)};
    }
    FAIL("no node " << name);
    return NodeId{-1};
  }
  cluster::Broker& broker(int id) { return logic<cluster::Broker>("broker-" + std::to_string(id)); }
  int leader(const kafka::TopicPartition& tp) const {
    const cluster::Broker* b = world::partition_leader(world_, tp);
    REQUIRE(b != nullptr);
    return b->broker_id;
  }
  // An ISR member that does not lead.
  int follower(const kafka::TopicPartition& tp) {
    for (int32_t id : world::hosted(broker(leader(tp)), tp)->isr) {
      if (id != leader(tp)) return id;
    }
    FAIL("no follower in the ISR of " << kafka::to_string(tp));
    return -1;
  }
  log::PartitionLog& log(int broker_id, const kafka::TopicPartition& tp) {
    log::PartitionLog* l = broker(broker_id).disk.logs.find_log(tp);
    REQUIRE(l != nullptr);
    return *l;
  }
  cluster::HostedPartition& hosted(int broker_id, const kafka::TopicPartition& tp) {
    return broker(broker_id).memory.partitions.at(tp);
  }
  // The partition with the most records (the sticky partitioner may favour one).
  kafka::TopicPartition busiest() {
    return log(leader(tp(0)), tp(0)).high_watermark() >= log(leader(tp(1)), tp(1)).high_watermark()
               ? tp(0)
               : tp(1);
  }

  // A state change of broker `broker_id`'s replica of `tp`, as the trace records it.
  trace::StateChange change(int broker_id, const kafka::TopicPartition& tp, trace::Field field,
                            int64_t from, int64_t to) {
    cluster::Broker& b = broker(broker_id);
    const int32_t topic_id = b.memory.image.topic(tp.topic)->topic_id;
    return trace::StateChange{
        {trace::EntityKind::kReplica, b.id.value, trace::partition_index(topic_id, tp.partition)},
        field,
        from,
        to};
  }

  // A step on `node` that made `changes`, handed to the checker. Returns its observations.
  std::vector<trace::Observation> hand_step(NodeId node,
                                            const std::vector<trace::StateChange>& changes) {
    const size_t before = trace_.observations().size();
    trace::TraceEntry e;
    e.time = world_.now();
    e.node = node;
    e.kind = trace::EventKind::kAction;
    const Step s = trace_.begin(e);
    for (const trace::StateChange& c : changes) trace_.add_change(c);
    checker_.observe(world_, trace_, s);
    return {trace_.observations().begin() + static_cast<std::ptrdiff_t>(before),
            trace_.observations().end()};
  }
  std::vector<trace::Observation> finish() {
    const size_t before = trace_.observations().size();
    checker_.finish(world_, trace_);
    return {trace_.observations().begin() + static_cast<std::ptrdiff_t>(before),
            trace_.observations().end()};
  }

  // Appends a record to what consumer `name` has processed and moves its position past it, as
  // poll() would.
  void consume(const std::string& name, const kafka::TopicPartition& tp, int64_t offset,
               uint64_t id) {
    client::ConsumedRecord r;
    r.tp = tp;
    r.offset = offset;
    r.id = RecordId{id};
    r.value = "hand-made";
    r.at = world_.now();
    client::Consumer& c = logic<client::Consumer>(name);
    c.consumed.push_back(r);
    if (const auto it = c.memory.assigned.find(tp); it != c.memory.assigned.end()) {
      it->second.position = offset + 1;
    }
  }
  // The id of the record at `offset` on the leader.
  uint64_t id_at(const kafka::TopicPartition& tp, int64_t offset) {
    const kafka::Record* r = world::record_at(log(leader(tp), tp), offset);
    REQUIRE(r != nullptr);
    return r->id.value;
  }

 private:
  world::World world_;
  trace::Trace trace_;
  check::InvariantChecker checker_;
};

// The observation named `invariant` among `found`, or nullptr.
inline const trace::Observation* named(const std::vector<trace::Observation>& found,
                                       const std::string& invariant) {
  for (const trace::Observation& o : found) {
    if (o.invariant == invariant) return &o;
  }
  return nullptr;
}

}  // namespace ksim::testing
