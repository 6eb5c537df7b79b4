// A fixture for client stories: a scenario written inline, run step by step to a time, with the
// producers, consumers and brokers at hand by name.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/world.h"

namespace ksim::testing {

class ClientStory {
 public:
  explicit ClientStory(const std::string& json, uint64_t seed = 1) {
    scenario::LoadResult r = scenario::load_text(json, "story.json");
    for (const auto& d : r.problems) FAIL(scenario::to_string(d));
    scenario_ = *r.scenario;
    world_ = scenario::build_world(scenario_, seed);
  }

  void run_to_ms(int64_t ms) {
    const SimTime until = SimTime::from_ms(ms);
    for (int i = 0; i < 5'000'000; ++i) {
      if (world::step(world_, &trace_, until) != world::StepResult::kStepped) return;
    }
    FAIL("the story did not reach its time within 5 million steps");
  }

  NodeId node(const std::string& name) const {
    for (size_t i = 0; i < scenario_.nodes.size(); ++i) {
      if (scenario_.nodes[i] == name) return NodeId{static_cast<int32_t>(i)};
    }
    FAIL("no node " + name);
    return NodeId{-1};
  }
  template <typename T>
  const T& logic(const std::string& name) const {
    return std::get<T>(world_.nodes[static_cast<size_t>(node(name).value)].logic);
  }
  const client::Producer& producer(const std::string& name) const {
    return logic<client::Producer>(name);
  }
  const client::Consumer& consumer(const std::string& name) const {
    return logic<client::Consumer>(name);
  }
  const cluster::Broker& broker(int id) const {
    return logic<cluster::Broker>("broker-" + std::to_string(id));
  }
  const log::PartitionLog& log_of(int broker_id, const kafka::TopicPartition& tp) const {
    const log::PartitionLog* log = broker(broker_id).disk.logs.find_log(tp);
    REQUIRE(log != nullptr);
    return *log;
  }
  // The values in a replica's log, in offset order.
  std::vector<std::string> values(int broker_id, const kafka::TopicPartition& tp) const {
    std::vector<std::string> out;
    const log::PartitionLog& log = log_of(broker_id, tp);
    for (size_t i = 0; i < log.segment_count(); ++i) {
      for (const kafka::BatchPtr& b : log.segment(i).batches()) {
        for (const kafka::BatchRecord& r : b->records) out.push_back(r.record.value.value_or(""));
      }
    }
    return out;
  }
  const trace::Trace& trace() const { return trace_; }
  world::World& world() { return world_; }

 private:
  scenario::Scenario scenario_;
  world::World world_;
  trace::Trace trace_;
};

}  // namespace ksim::testing
