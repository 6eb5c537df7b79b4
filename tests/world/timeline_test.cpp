#include "engine/world/timeline.h"

#include <catch2/catch.hpp>

#include "tests/world/fixture.h"

using namespace ksim;
using ksim::testing::toy_scenario;

namespace {

scenario::Scenario faulty_scenario() {
  return toy_scenario(R"([{"at_ms": 700, "action": "crash", "node": "b"},
                          {"at_ms": 1300, "action": "restart", "node": "b"},
                          {"at_ms": 1600, "action": "partition", "sides": [["a"], ["c"]]},
                          {"at_ms": 2200, "action": "heal"}])",
                      R"({"latency_ms": 4, "jitter_ms": 3, "loss": 0.05})");
}

world::Timeline recorded_demo(int64_t every) {
  const auto s = faulty_scenario();
  world::Timeline t(scenario::build_world(s, 9), {}, every);
  t.record({.until = s.stop_at});
  return t;
}

// The world at position p, computed from scratch by stepping a fresh world.
world::World replayed_from_start(int64_t p) {
  world::World fresh = scenario::build_world(faulty_scenario(), 9);
  while (fresh.steps_done < p) REQUIRE(world::step(fresh, nullptr) == world::StepResult::kStepped);
  return fresh;
}

}  // namespace

TEST_CASE("seeking backward then forward reproduces the identical world", "[world][timeline]") {
  // Goal: every position reached by seeking equals the world reached by stepping from zero,
  // whichever direction the seek came from.
  world::Timeline t = recorded_demo(/*every=*/16);
  REQUIRE(t.recorded() > 150);
  for (int64_t p : {t.recorded(), int64_t{100}, int64_t{3}, int64_t{150}, int64_t{0}, int64_t{16},
                    t.recorded() - 1, int64_t{47}}) {
    t.seek(p);
    CHECK(t.position() == p);
    CHECK(t.current() == replayed_from_start(p));
  }
  t.seek(t.recorded());
  CHECK(t.current() == t.head());
}

TEST_CASE("checkpoints are taken every K steps", "[world][timeline]") {
  // Goal: a run of N steps keeps floor(N / K) + 1 checkpoints (one at position 0).
  world::Timeline t = recorded_demo(/*every=*/32);
  CHECK(t.checkpoint_count() == static_cast<size_t>(t.recorded() / 32 + 1));
}

TEST_CASE("recording stops at the time limit and can be extended", "[world][timeline]") {
  // Goal: record() never delivers an event after `until`, and a later call continues exactly.
  const auto s = toy_scenario("[]");
  world::Timeline once(scenario::build_world(s, 1), {});
  once.record({.until = SimTime::from_ms(2000)});
  world::Timeline twice(scenario::build_world(s, 1), {});
  twice.record({.until = SimTime::from_ms(1000)});
  CHECK(twice.head().now() <= SimTime::from_ms(1000));
  twice.record({.until = SimTime::from_ms(2000)});
  CHECK(twice.recorded() == once.recorded());
  CHECK(twice.head() == once.head());
}

TEST_CASE("a step limit stops the recording exactly", "[world][timeline]") {
  // Goal: max_steps bounds the trace length.
  const auto s = toy_scenario("[]");
  world::Timeline t(scenario::build_world(s, 1), {});
  t.record({.until = s.stop_at, .max_steps = 42});
  CHECK(t.recorded() == 42);
  CHECK(t.trace().size() == 42);
}
