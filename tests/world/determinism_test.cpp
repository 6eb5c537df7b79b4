#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
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

// Every lesson of scenarios/, loaded.
std::vector<scenario::Scenario> every_lesson() {
  std::vector<scenario::Scenario> all;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(KSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".json") continue;
    const scenario::LoadResult r = scenario::load_file(entry.path().string());
    REQUIRE(r.scenario);
    all.push_back(*r.scenario);
  }
  return all;
}

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
  for (const scenario::Scenario& s : every_lesson()) {
    INFO("lesson " << s.name);
    CHECK(jsonl_of(s, s.seed) == jsonl_of(s, s.seed));
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

TEST_CASE("a checkpoint restored and replayed gives every lesson's digest",
          "[world][determinism]") {
  // Goal: a copy of the world taken halfway through a lesson (a checkpoint), stepped on with
  // the trace recorded so far, ends with the same trace digest as the run that never stopped.
  // The Release and the sanitizer builds both check the lessons' golden digests
  // (tests/scenario/lesson_digests.txt), so they also agree with each other.
  int lessons = 0;
  for (const scenario::Scenario& s : every_lesson()) {
    INFO("lesson " << s.name);
    const trace::TraceHeader header{.scenario = s.name, .seed = s.seed};
    trace::Trace full(header);
    world::World straight = scenario::build_world(s, s.seed);
    while (world::step(straight, &full, s.stop_at) == world::StepResult::kStepped) {
    }
    REQUIRE(full.size() > 10);

    trace::Trace resumed(header);
    std::optional<world::World> checkpoint;
    {
      world::World first_half = scenario::build_world(s, s.seed);
      const int64_t k = static_cast<int64_t>(full.size()) / 2;
      while (first_half.steps_done < k) world::step(first_half, &resumed, s.stop_at);
      checkpoint = first_half;  // the copy a timeline keeps; the original goes out of scope
    }
    while (world::step(*checkpoint, &resumed, s.stop_at) == world::StepResult::kStepped) {
    }
    CHECK(trace::trace_digest(resumed, scenario::names_of(s)) ==
          trace::trace_digest(full, scenario::names_of(s)));
    ++lessons;
  }
  CHECK(lessons >= 20);
}
