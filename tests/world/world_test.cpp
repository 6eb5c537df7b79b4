#include "engine/world/world.h"

#include <catch2/catch.hpp>

#include "tests/world/fixture.h"

using namespace ksim;
using ksim::testing::run_until;
using ksim::testing::toy_node;
using ksim::testing::toy_scenario;

TEST_CASE("a crash loses memory, keeps the disk, and cancels pending timers", "[world][crash]") {
  // Goal: after b crashes its counters are zero, its pongs on disk remain, and none of its
  // timers fires while it is down (it sends nothing).
  const auto s = toy_scenario(R"([{"at_ms": 1000, "action": "crash", "node": "b"}])");
  world::World w = scenario::build_world(s, 1);
  run_until(w, SimTime::from_ms(999));
  const int64_t pongs_before = toy_node(w, 1).memory.pongs_received;
  const size_t disk_before = toy_node(w, 1).disk.pong_records.size();
  REQUIRE(pongs_before > 0);
  REQUIRE(disk_before == static_cast<size_t>(pongs_before));

  run_until(w, SimTime::from_ms(1000));
  CHECK_FALSE(w.rt.status[1].up);
  CHECK(toy_node(w, 1).memory.pongs_received == 0);
  CHECK(toy_node(w, 1).memory.pings_sent == 0);
  CHECK(toy_node(w, 1).disk.pong_records.size() == disk_before);

  trace::Trace t;
  for (int i = 0;
       i < 1000 && world::step(w, &t, SimTime::from_ms(2000)) == world::StepResult::kStepped; ++i) {
  }
  for (size_t i = 0; i < t.size(); ++i) {
    const trace::TraceEntry& e = t.entry(Step{static_cast<int64_t>(i)});
    // b's ping timer never fires while it is down; messages to b die on arrival.
    CHECK_FALSE((e.kind == trace::EventKind::kTimer && e.node == NodeId{1}));
    if (e.node == NodeId{1}) CHECK(e.kind == trace::EventKind::kDrop);
    if (e.node == NodeId{1}) CHECK(e.drop == DropReason::kReceiverDown);
  }
}

TEST_CASE("a restarted node resumes from its disk with fresh memory", "[world][crash]") {
  // Goal: after restart b pings again, its memory counts from zero and its disk keeps growing.
  const auto s = toy_scenario(R"([{"at_ms": 500, "action": "crash", "node": "b"},
                                   {"at_ms": 1000, "action": "restart", "node": "b"}])");
  world::World w = scenario::build_world(s, 1);
  run_until(w, SimTime::from_ms(1000));
  const size_t disk_at_restart = toy_node(w, 1).disk.pong_records.size();
  CHECK(w.rt.status[1].up);
  CHECK(w.rt.status[1].incarnation == 1);
  run_until(w, SimTime::from_ms(2000));
  CHECK(toy_node(w, 1).memory.pings_sent == 10);  // one per 100 ms since the restart
  CHECK(toy_node(w, 1).disk.pong_records.size() > disk_at_restart);
  CHECK(static_cast<int64_t>(toy_node(w, 1).disk.pong_records.size()) >
        toy_node(w, 1).memory.pongs_received);
}

TEST_CASE("messages across a partition die and flow again after heal", "[world][network]") {
  // Goal: while a is cut off, every message between a and the others is dropped as link_cut;
  // after heal, a receives pongs again.
  const auto s =
      toy_scenario(R"([{"at_ms": 1000, "action": "partition", "sides": [["a"], ["b", "c"]]},
                                   {"at_ms": 2000, "action": "heal"}])");
  world::World w = scenario::build_world(s, 1);
  run_until(w, SimTime::from_ms(1020));  // messages sent before the cut are still delivered
  const int64_t a_pongs = toy_node(w, 0).memory.pongs_received;
  trace::Trace t;
  while (world::step(w, &t, SimTime::from_ms(1990)) == world::StepResult::kStepped) {
  }
  CHECK(toy_node(w, 0).memory.pongs_received == a_pongs);
  int cut_drops = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const trace::TraceEntry& e = t.entry(Step{static_cast<int64_t>(i)});
    const bool crosses = (e.node == NodeId{0}) != (e.from == NodeId{0});
    if (e.kind == trace::EventKind::kDeliver) CHECK_FALSE(crosses);
    if (e.kind == trace::EventKind::kDrop) {
      CHECK(e.drop == DropReason::kLinkCut);
      ++cut_drops;
    }
  }
  CHECK(cut_drops > 10);
  run_until(w, SimTime::from_ms(2500));
  CHECK(toy_node(w, 0).memory.pongs_received > a_pongs);
}

TEST_CASE("every traced step names the step that caused it", "[world][trace]") {
  // Goal: a pong's cause is the ping's delivery, whose cause is the timer step that sent it;
  // scenario actions have no cause.
  const auto s = toy_scenario("[]");
  world::Timeline t(scenario::build_world(s, 1), {});
  t.record({.until = SimTime::from_ms(300)});
  const trace::Trace& tr = t.trace();
  bool checked = false;
  for (size_t i = 0; i < tr.size(); ++i) {
    const trace::TraceEntry& e = tr.entry(Step{static_cast<int64_t>(i)});
    if (e.kind == trace::EventKind::kAction) CHECK(e.cause == kNoStep);
    if (e.kind != trace::EventKind::kDeliver || e.what != 1 /* Pong */) continue;
    const trace::TraceEntry& ping = tr.entry(e.cause);
    CHECK(ping.kind == trace::EventKind::kDeliver);
    CHECK(ping.what == 0 /* Ping */);
    CHECK(ping.node == e.from);
    CHECK(ping.a == e.a);  // same sequence number
    const trace::TraceEntry& tick = tr.entry(ping.cause);
    CHECK(tick.kind == trace::EventKind::kTimer);
    CHECK(tick.node == e.node);
    CHECK(tr.records(e.cause)[0] == tr.records(Step{static_cast<int64_t>(i)})[0]);
    checked = true;
  }
  CHECK(checked);
}
