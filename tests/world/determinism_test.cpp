#include <catch2/catch.hpp>
#include <filesystem>
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

TEST_CASE("every lesson gives a byte-identical trace twice", "[world][determinism]") {
  // Goal: determinism holds for every shipped lesson, toy and cluster alike.
  int lessons = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(KSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json") continue;
    const scenario::LoadResult r = scenario::load_file(entry.path().string());
    REQUIRE(r.scenario);
    INFO("lesson " << r.scenario->name);
    CHECK(jsonl_of(*r.scenario, r.scenario->seed) == jsonl_of(*r.scenario, r.scenario->seed));
    ++lessons;
  }
  CHECK(lessons >= 2);
}

TEST_CASE("seeking in a cluster lesson reproduces the world exactly", "[world][determinism]") {
  // Goal: brokers, logs (shared segments and batches), the controller and in-flight fetches
  // come back identical after a seek backward and forward.
  const scenario::LoadResult r =
      scenario::load_file(std::string(KSIM_SOURCE_DIR) + "/scenarios/replication_failover.json");
  REQUIRE(r.scenario);
  world::Timeline t(scenario::build_world(*r.scenario, 1), {}, 64);
  t.record({.until = r.scenario->stop_at});
  REQUIRE(t.recorded() > 300);
  for (int64_t p : {int64_t{250}, int64_t{10}, t.recorded(), int64_t{130}}) {
    t.seek(p);
    world::World expected = scenario::build_world(*r.scenario, 1);
    while (expected.steps_done < p) world::step(expected, nullptr);
    CHECK(t.current() == expected);
  }
}
