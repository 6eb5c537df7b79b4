#include "engine/scenario/loader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/read_file.h"

using namespace ksim;
namespace fs = std::filesystem;

namespace {

const fs::path kBroken = fs::path(KSIM_SOURCE_DIR) / "tests/scenario/broken";

}  // namespace

TEST_CASE("every broken scenario file gets exactly its expected diagnostics", "[scenario]") {
  // Goal: each file in tests/scenario/broken/ yields no scenario and exactly the diagnostics
  // (file, JSON pointer or line:column, expected, found) of its .expected twin.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kBroken)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    const scenario::LoadResult r =
        scenario::load_text(ksim::testing::read_file(entry.path()), name);
    std::string got;
    for (const auto& d : r.problems) got += scenario::to_string(d) + "\n";
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".expected");
    INFO("file " << name);
    CHECK_FALSE(r.scenario.has_value());
    CHECK(got == ksim::testing::read_file(expected_path));
  }
  CHECK(files >= 15);
}

TEST_CASE("every lesson in scenarios/ loads without problems", "[scenario]") {
  // Goal: the shipped lessons are valid scenario files.
  int lessons = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(KSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++lessons;
    const scenario::LoadResult r = scenario::load_file(entry.path().string());
    for (const auto& d : r.problems) FAIL(scenario::to_string(d));
    CHECK(r.scenario.has_value());
  }
  CHECK(lessons >= 1);
}

TEST_CASE("the toy world loads with its nodes, network and timeline", "[scenario]") {
  // Goal: the loader keeps every value of the file, converting units exactly.
  const auto r =
      scenario::load_file(std::string(KSIM_SOURCE_DIR) + "/tests/fixtures/toy_ping.json");
  REQUIRE(r.scenario);
  const scenario::Scenario& s = *r.scenario;
  CHECK(s.name == "toy_ping");
  CHECK(s.nodes == std::vector<std::string>{"a", "b", "c"});
  CHECK(s.network.latency == SimTime::from_ms(5));
  CHECK(s.network.jitter == SimTime::from_ms(3));
  CHECK(s.network.loss_ppm == 10'000);
  CHECK(s.stop_at == SimTime::from_ms(3000));
  REQUIRE(s.timeline.size() == 7);
  CHECK(std::get<proto::CrashNode>(s.timeline[1].action).node == NodeId{1});
  CHECK(s.timeline[1].at == SimTime::from_ms(800));
  CHECK(s.notes.size() == 3);
  CHECK(std::get<proto::Note>(s.timeline[5].action).pause);
}

TEST_CASE("a missing file is one clear problem", "[scenario]") {
  // Goal: no crash and no scenario for a path that does not exist.
  const auto r = scenario::load_file("/nonexistent/nowhere.json");
  CHECK_FALSE(r.scenario);
  REQUIRE(r.problems.size() == 1);
  CHECK(scenario::to_string(r.problems[0]) ==
        "/nonexistent/nowhere.json: (top level): expected a readable scenario file, found no "
        "such file");
}

TEST_CASE("garbage input never crashes the loader", "[scenario]") {
  // Goal: random bytes, huge numbers and odd unicode give diagnostics, never a crash.
  const std::vector<std::string> inputs = {
      "",
      "\xff\xfe\x00",
      "{\"name\": \"x\", \"seed\": 18446744073709551616, \"toy\": {\"nodes\": [\"a\"]}}",
      "{\"name\": \"x\", \"seed\": 1e400, \"toy\": {\"nodes\": [\"a\"]}}",
      "{\"name\": \"x\", \"toy\": {\"nodes\": [\"a\"]}, \"timeline\": [null, 3, {}]}",
      "{\"name\": \"\\u0000\", \"toy\": {\"nodes\": [[[[]]]]}}",
      std::string(100000, '{'),
      "\"just a string\"",
  };
  for (const std::string& in : inputs) {
    const auto r = scenario::load_text(in, "fuzz.json");
    CHECK_FALSE(r.scenario);
    CHECK_FALSE(r.problems.empty());
  }
}
