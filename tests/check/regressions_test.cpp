// Regressions found by the invariant checker (docs/invariants.md#found). Each scenario came from
// a seeded fault search (random crashes, restarts and network partitions with clean leader
// elections); each once broke a Kafka guarantee that only an unclean election may break.
#include <catch2/catch.hpp>
#include <string>

#include "engine/scenario/build.h"
#include "engine/scenario/lesson_check.h"
#include "engine/scenario/loader.h"

using namespace ksim;

namespace {

// A restarted broker replayed the metadata log record by record and acted on each old state:
// leading t-0 again at epoch 0 with the old ISR [1] for a moment, it moved its high watermark
// from 308 to 322, over records its real ISR [1, 3] never had; broker-3 then led without them.
const char* kStaleIsrOnRestart =
    R"({"name": "replay60", "seed": 60, "stop_at_ms": 60000, "network": {"latency_ms": 2}, "cluster": {"brokers": 3, "topics": [{"name": "t", "partitions": 2, "replication_factor": 3, "configs": {"min.insync.replicas": "1"}}], "producers": [{"name": "pa", "configs": {"acks": "all", "request.timeout.ms": 3000}}, {"name": "p1", "configs": {"acks": "1", "request.timeout.ms": 3000}}], "consumers": [{"name": "c1", "subscribe": ["t"], "configs": {"group.id": "g", "auto.offset.reset": "earliest", "session.timeout.ms": 10000}}, {"name": "c2", "subscribe": ["t"], "configs": {"group.id": "g", "auto.offset.reset": "earliest", "session.timeout.ms": 10000}}, {"name": "c3", "configs": {"auto.offset.reset": "earliest"}, "assign": [{"topic": "t", "partition": 0}]}]}, "timeline": [
  {"at_ms": 1000, "action": "send", "producer": "pa", "topic": "t", "count": 200, "every_ms": 250},
  {"at_ms": 1100, "action": "send", "producer": "p1", "topic": "t", "count": 200, "every_ms": 250},
  {"at_ms": 10545, "action": "crash", "node": "c1"},
  {"at_ms": 12164, "action": "restart", "node": "c1"},
  {"at_ms": 12306, "action": "partition", "sides": [["broker-2"], ["broker-1", "broker-3", "c1", "c2", "pa", "p1", "controller"]]},
  {"at_ms": 18039, "action": "crash", "node": "c1"},
  {"at_ms": 19905, "action": "crash", "node": "broker-3"},
  {"at_ms": 21517, "action": "restart", "node": "c1"},
  {"at_ms": 25555, "action": "crash", "node": "c1"},
  {"at_ms": 29852, "action": "restart", "node": "c1"},
  {"at_ms": 30941, "action": "heal"},
  {"at_ms": 36265, "action": "restart", "node": "broker-3"},
  {"at_ms": 39377, "action": "crash", "node": "broker-3"},
  {"at_ms": 41670, "action": "crash", "node": "broker-1"},
  {"at_ms": 46649, "action": "restart", "node": "broker-1"},
  {"at_ms": 48199, "action": "crash", "node": "c2"},
  {"at_ms": 49968, "action": "restart", "node": "c2"},
  {"at_ms": 50302, "action": "heal"},
  {"at_ms": 52000, "action": "restart", "node": "broker-3"},
  {"at_ms": 52000, "action": "heal"}
]})";

// The same replay made a restarted broker lead __consumer_offsets-3 at epoch 0 for a moment,
// which rewrote its leader-epoch cache: later a follower whose epoch-0 records diverged was not
// told to truncate, and kept different records below both high watermarks.
const char* kStaleEpochOnRestart =
    R"({"name": "replay29", "seed": 29, "stop_at_ms": 60000, "network": {"latency_ms": 2}, "cluster": {"brokers": 3, "topics": [{"name": "t", "partitions": 3, "replication_factor": 3, "configs": {"min.insync.replicas": "2"}}], "producers": [{"name": "pa", "configs": {"acks": "all", "request.timeout.ms": 3000}}, {"name": "p1", "configs": {"acks": "1", "request.timeout.ms": 3000}}], "consumers": [{"name": "c1", "subscribe": ["t"], "configs": {"group.id": "g", "auto.offset.reset": "earliest", "session.timeout.ms": 10000}}, {"name": "c2", "subscribe": ["t"], "configs": {"group.id": "g", "auto.offset.reset": "earliest", "session.timeout.ms": 10000}}, {"name": "c3", "configs": {"auto.offset.reset": "earliest"}, "assign": [{"topic": "t", "partition": 0}]}]}, "timeline": [
  {"at_ms": 1000, "action": "send", "producer": "pa", "topic": "t", "count": 200, "every_ms": 250},
  {"at_ms": 1100, "action": "send", "producer": "p1", "topic": "t", "count": 200, "every_ms": 250},
  {"at_ms": 8462, "action": "crash", "node": "broker-3"},
  {"at_ms": 11778, "action": "partition", "sides": [["broker-1"], ["broker-2", "broker-3", "c1", "c2", "pa", "p1", "controller"]]},
  {"at_ms": 12542, "action": "crash", "node": "broker-2"},
  {"at_ms": 18384, "action": "restart", "node": "broker-2"},
  {"at_ms": 27723, "action": "partition", "sides": [["pa"], ["broker-1", "broker-2", "broker-3", "c1", "c2", "p1", "controller"]]},
  {"at_ms": 29856, "action": "partition", "sides": [["broker-2"], ["broker-1", "broker-3", "c1", "c2", "pa", "p1", "controller"]]},
  {"at_ms": 32153, "action": "partition", "sides": [["c1"], ["broker-1", "broker-2", "broker-3", "c2", "pa", "p1", "controller"]]},
  {"at_ms": 37261, "action": "heal"},
  {"at_ms": 42214, "action": "heal"},
  {"at_ms": 45158, "action": "crash", "node": "broker-1"},
  {"at_ms": 52000, "action": "restart", "node": "broker-1"},
  {"at_ms": 52000, "action": "restart", "node": "broker-3"},
  {"at_ms": 52000, "action": "heal"},
  {"at_ms": 53392, "action": "heal"}
]})";

std::vector<trace::Observation> observations(const std::string& text) {
  scenario::LoadResult r = scenario::load_text(text, "regression.json");
  for (const auto& d : r.problems) FAIL(scenario::to_string(d));
  REQUIRE(r.scenario);
  world::Timeline t(scenario::build_world(*r.scenario, r.scenario->seed), {});
  scenario::LessonCheck check(*r.scenario);
  check.record(t, world::RunLimits{.until = r.scenario->stop_at});
  return {t.trace().observations().begin(), t.trace().observations().end()};
}

bool any_named(const std::vector<trace::Observation>& found, const std::string& name) {
  for (const trace::Observation& o : found) {
    if (o.invariant == name) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a restarted broker does not commit records with an ISR it had long ago",
          "[check][regression]") {
  // Goal: metadata caught up after a restart applies the partition's current state only.
  const auto found = observations(kStaleIsrOnRestart);
  CHECK_FALSE(any_named(found, "leader_completeness"));
  CHECK_FALSE(any_named(found, "log_matching"));
  // acks=1 still loses what it loses.
  CHECK(any_named(found, "no_acknowledged_write_lost"));
}

TEST_CASE("a restarted broker keeps its leader-epoch history, so followers truncate",
          "[check][regression]") {
  // Goal: no replica keeps divergent records below its high watermark after clean elections.
  const auto found = observations(kStaleEpochOnRestart);
  CHECK_FALSE(any_named(found, "log_matching"));
  CHECK_FALSE(any_named(found, "leader_completeness"));
}
