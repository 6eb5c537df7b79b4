#include <catch2/catch.hpp>
#include <sstream>

#include "engine/trace/render.h"
#include "tests/world/fixture.h"

using namespace ksim;
using ksim::testing::toy_scenario;

namespace {

std::string jsonl_of(const scenario::Scenario& s, uint64_t seed) {
  world::Timeline t(scenario::build_world(s, seed),
                    trace::TraceHeader{.scenario = s.name, .seed = seed});
  t.record({.until = s.stop_at});
  std::ostringstream out;
  trace::write_jsonl(out, t.trace(), scenario::names_of(s), Step{0}, Step{t.recorded()});
  return out.str();
}

const char* kFaults = R"([{"at_ms": 600, "action": "crash", "node": "c"},
                          {"at_ms": 900, "action": "partition", "sides": [["a"], ["b"]], "one_way": true},
                          {"at_ms": 1200, "action": "restart", "node": "c"},
                          {"at_ms": 1500, "action": "heal"}])";
const char* kNoisyNet = R"({"latency_ms": 3, "jitter_ms": 4, "loss": 0.1})";

}  // namespace

TEST_CASE("the same seed gives a byte-identical trace", "[world][determinism]") {
  // Goal: two runs of one scenario and seed produce the same JSON Lines bytes.
  const auto s = toy_scenario(kFaults, kNoisyNet);
  const std::string first = jsonl_of(s, 1234);
  const std::string second = jsonl_of(s, 1234);
  REQUIRE(first.size() > 10000);
  CHECK(first == second);
}

TEST_CASE("another seed gives another trace", "[world][determinism]") {
  // Goal: the seed reaches the network's jitter and loss, so traces differ.
  const auto s = toy_scenario(kFaults, kNoisyNet);
  CHECK(jsonl_of(s, 1) != jsonl_of(s, 2));
}

TEST_CASE("a copied world continues exactly as the original", "[world][determinism]") {
  // Goal: the world is a value: a copy made mid-run steps to the identical world.
  const auto s = toy_scenario(kFaults, kNoisyNet);
  world::World a = scenario::build_world(s, 5);
  for (int i = 0; i < 300; ++i) world::step(a, nullptr);
  world::World b = a;
  for (int i = 0; i < 300; ++i) {
    world::step(a, nullptr);
    world::step(b, nullptr);
  }
  CHECK(a == b);
}
