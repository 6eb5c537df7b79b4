#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/trace/render.h"
#include "tests/world/fixture.h"

using namespace ksim;
using ksim::testing::toy_scenario;

namespace {

std::vector<nlohmann::json> jsonl_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

std::string demo_jsonl() {
  const auto s = toy_scenario(R"([{"at_ms": 300, "action": "crash", "node": "b"},
                                   {"at_ms": 400, "action": "note", "text": "b is \"down\""}])");
  world::Timeline t(scenario::build_world(s, 3), trace::TraceHeader{.scenario = s.name, .seed = 3});
  t.record({.until = SimTime::from_ms(600)});
  std::ostringstream out;
  trace::write_jsonl(out, t.trace(), scenario::names_of(s), Step{0}, Step{t.recorded()});
  return out.str();
}

// True when any number anywhere in `j` is not an integer.
bool has_float(const nlohmann::json& j) {
  if (j.is_number_float()) return true;
  if (j.is_structured()) {
    for (const auto& child : j) {
      if (has_float(child)) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("the JSON Lines trace starts with its header", "[trace][jsonl]") {
  // Goal: the first line names the format, version, scenario, seed and nodes.
  const auto lines = jsonl_lines(demo_jsonl());
  REQUIRE(lines.size() > 2);
  const auto& h = lines[0];
  CHECK(h["format"] == "kafkasim-trace");
  CHECK(h["version"] == 1);
  CHECK(h["scenario"] == "t");
  CHECK(h["seed"] == 3);
  CHECK(h["nodes"] == nlohmann::json::array({"a", "b", "c"}));
  CHECK(h["notes"] == nlohmann::json::array({"b is \"down\""}));
}

TEST_CASE("every step line has the documented keys in a fixed order", "[trace][jsonl]") {
  // Goal: docs/trace-format.md's key order holds on every line, and every number is an integer.
  const std::string text = demo_jsonl();
  const auto lines = jsonl_lines(text);
  const std::vector<std::string> keys = {"step", "time_us", "node",   "kind",  "what",
                                         "from", "drop",    "error",  "cause", "a",
                                         "b",    "records", "changes"};
  std::istringstream in(text);
  std::string raw;
  std::getline(in, raw);  // header
  int64_t step = 0;
  while (std::getline(in, raw)) {
    size_t pos = 0;
    for (const std::string& k : keys) {
      const size_t at = raw.find("\"" + k + "\":", pos);
      REQUIRE(at != std::string::npos);
      pos = at;
    }
    const auto j = nlohmann::json::parse(raw);
    CHECK(j["step"] == step++);
    CHECK_FALSE(has_float(j));
    CHECK(j["time_us"].is_number_integer());
    for (const auto& c : j["changes"]) {
      CHECK(c["from"].is_number_integer());
      CHECK(c["to"].is_number_integer());
    }
  }
}

TEST_CASE("narration and crashes appear in the trace", "[trace][jsonl]") {
  // Goal: the crash action changes b's "up" from 1 to 0 and the note is an action step.
  const auto lines = jsonl_lines(demo_jsonl());
  bool crash = false, note = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l["what"] == "crash") {
      crash = true;
      CHECK(l["node"] == "b");
      CHECK(l["cause"] == -1);
      REQUIRE(l["changes"].size() == 2);
      CHECK(l["changes"][0]["field"] == "up");
      CHECK(l["changes"][0]["from"] == 1);
      CHECK(l["changes"][0]["to"] == 0);
    }
    if (l["what"] == "note") {
      note = true;
      CHECK(l["node"] == "scenario");
      CHECK(l["a"] == 0);
    }
  }
  CHECK(crash);
  CHECK(note);
}
