// What the fuzzer and its regression test do with one input: load it as the lesson and as its
// contrast variant, and for each variant that loads, build the world and deliver its first
// steps with the lesson's checks watching. The loader promises diagnostics, never a crash, on
// any input (engine/scenario/loader.h); a scenario it accepts must also build and run without
// tripping an engine assertion, so construction and the first steps are fuzzed as well.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "engine/scenario/build.h"
#include "engine/scenario/lesson_check.h"
#include "engine/scenario/loader.h"
#include "engine/trace/trace.h"
#include "engine/world/world.h"

namespace ksim::fuzz {

// Steps per loaded variant: enough for brokers to register, topics to be created and the first
// records to flow, few enough that an input stays within milliseconds so the fuzzer keeps
// hundreds of executions per second.
inline constexpr int64_t kMaxSteps = 2000;

// The largest world that is built and run; a bigger scenario is only loaded. Steps are not the
// only cost: one send step can append a million records, and building 1,000 brokers sizes the
// network's link tables once per node added (O(nodes^3)), so a valid file at the loader's
// limits takes minutes under the sanitizers and would stall the fuzzer (and fail it with a
// timeout). Every lesson is far below these (at most 9 nodes, 18 replicas, 1,000 records).
inline constexpr size_t kMaxNodes = 64;
inline constexpr int64_t kMaxReplicas = 256;  // partitions x replication factor, all topics
inline constexpr int64_t kMaxRecords = 2000;  // records the timeline asks clients to send

inline bool within_budget(const scenario::Scenario& s) {
  if (s.nodes.size() > kMaxNodes) return false;
  if (!s.cluster) return true;
  const int64_t brokers = s.cluster->brokers;
  int64_t replicas = 0;
  int64_t records = 0;
  for (const scenario::TopicSpec& t : s.cluster->topics) {
    replicas += int64_t{t.partitions} * t.replication_factor;
  }
  for (const scenario::TimedAction& a : s.timeline) {
    if (const auto* c = std::get_if<proto::CreateTopic>(&a.action)) {
      replicas += int64_t{c->partitions} * c->replication_factor;
    } else if (const auto* p = std::get_if<proto::AddPartitions>(&a.action)) {
      replicas += int64_t{p->total} * brokers;  // at most one replica per broker
    } else if (const auto* send = std::get_if<proto::ProducerSend>(&a.action)) {
      records += send->count;
    } else if (const auto* produce = std::get_if<proto::ClientProduce>(&a.action)) {
      records += produce->count;
    }
  }
  return replicas <= kMaxReplicas && records <= kMaxRecords;
}

struct Exercised {
  bool loaded = false;       // a scenario came out (then there were no problems)
  bool over_budget = false;  // it loaded but was too large to build and run
  size_t problems = 0;       // diagnostics reported
  int64_t steps = 0;         // events delivered after building the world
};

inline Exercised exercise(std::string_view text, scenario::Variant variant) {
  Exercised e;
  scenario::LoadResult r = scenario::load_text(text, "fuzz.json", variant);
  e.problems = r.problems.size();
  if (!r.scenario) return e;
  e.loaded = true;
  const scenario::Scenario& s = *r.scenario;
  if (!within_budget(s)) {
    e.over_budget = true;
    return e;
  }
  world::World w = scenario::build_world(s, s.seed);
  // A trace and the lesson's checks, as `kafkasim run` has them: they read every step's
  // changes, so their code is fuzzed too.
  trace::Trace trace(trace::TraceHeader{.scenario = s.name, .seed = s.seed});
  scenario::LessonCheck check(s);
  while (e.steps < kMaxSteps) {
    if (world::step(w, &trace, s.stop_at) != world::StepResult::kStepped) break;
    check.observe(w, trace, Step{w.steps_done - 1});
    ++e.steps;
  }
  return e;
}

}  // namespace ksim::fuzz
