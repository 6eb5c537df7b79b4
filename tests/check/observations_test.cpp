// Observations live in the trace: in step order, cut on a fork, written to the JSON Lines
// trace only on the steps that have some.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/trace/render.h"
#include "tests/world/fixture.h"

using namespace ksim;

namespace {

std::string jsonl(const trace::Trace& t) {
  std::ostringstream out;
  trace::write_jsonl(out, t, trace::NameTable{{"a", "b"}, {}, {}}, Step{0},
                     Step{static_cast<int64_t>(t.size())});
  return out.str();
}

trace::Trace three_steps() {
  trace::Trace t(trace::TraceHeader{.scenario = "s", .seed = 1});
  for (int i = 0; i < 3; ++i) {
    trace::TraceEntry e;
    e.node = NodeId{0};
    e.kind = trace::EventKind::kTimer;
    t.begin(e);
  }
  return t;
}

}  // namespace

TEST_CASE("observations are kept per step and cut with the trace", "[check][trace]") {
  // Goal: a fork (truncate) forgets the observations of the steps it drops.
  trace::Trace t = three_steps();
  t.observe({Step{1}, "log_matching", trace::ObservationClass::kKafkaGuarantee, "x"});
  t.observe({Step{2}, "poll_skip", trace::ObservationClass::kEngineInvariant, "y"});
  CHECK(t.observations(Step{0}).empty());
  REQUIRE(t.observations(Step{1}).size() == 1);
  CHECK(t.observations(Step{1})[0].invariant == "log_matching");
  t.truncate(Step{2});
  CHECK(t.observations().size() == 1);
  t.truncate(Step{0});
  CHECK(t.observations().empty());
}

TEST_CASE("the JSON Lines trace writes observations at the end of their step", "[check][trace]") {
  // Goal: readers find the invariant, its class and the detail; other steps keep their bytes.
  trace::Trace t = three_steps();
  const std::string before = jsonl(t);
  t.observe({Step{1}, "no_acknowledged_write_lost", trace::ObservationClass::kKafkaGuarantee,
             "acks1-0: \"lost\""});
  const std::string after = jsonl(t);
  std::istringstream a(before), b(after);
  std::string la, lb;
  int line = 0;
  while (std::getline(a, la) && std::getline(b, lb)) {
    if (line++ != 2) {
      CHECK(la == lb);
      continue;
    }
    const auto j = nlohmann::json::parse(lb);
    REQUIRE(j["observations"].size() == 1);
    CHECK(j["observations"][0]["invariant"] == "no_acknowledged_write_lost");
    CHECK(j["observations"][0]["class"] == "kafka_guarantee");
    CHECK(j["observations"][0]["detail"] == "acks1-0: \"lost\"");
    CHECK(lb.rfind(",\"observations\":[", std::string::npos) > lb.find("\"changes\":"));
  }
  CHECK(trace::trace_digest(t, {}) != 0);
}
