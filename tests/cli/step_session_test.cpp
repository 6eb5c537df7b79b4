#include "cli/step_session.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "cli/scenario_source.h"
#include "engine/trace/beat.h"

using namespace ksim;

namespace {

scenario::Scenario demo() {
  std::ostringstream err;
  auto s = cli::load_scenario(std::string(KSIM_SOURCE_DIR) + "/tests/fixtures/toy_ping.json", err);
  REQUIRE(s);
  return *s;
}

}  // namespace

TEST_CASE("next, back and jump move through the recorded run", "[cli][step]") {
  // Goal: n advances one event and prints its line, b goes back, j STEP shows that step.
  cli::StepSession session(demo(), 1);
  std::ostringstream out;
  session.command("n", out);
  CHECK(session.position() == 1);
  CHECK(out.str().find("      0 ") == 0);
  CHECK(out.str().find("start") != std::string::npos);
  session.command("n 10", out);
  CHECK(session.position() == 11);
  session.command("b 3", out);
  CHECK(session.position() == 8);
  std::ostringstream jumped;
  session.command("j 100", jumped);
  CHECK(session.position() == 101);
  CHECK(jumped.str().find("    100 ") == 0);
  CHECK_FALSE(session.command("q", out));
}

TEST_CASE("stepping past either end says so", "[cli][step]") {
  // Goal: back at the start stays at 0; next at the end reports the end; bad jumps explain.
  cli::StepSession session(demo(), 1);
  std::ostringstream out;
  session.command("b", out);
  CHECK(session.position() == 0);
  CHECK(out.str().find("at the start") != std::string::npos);
  std::ostringstream bad;
  session.command("j 999999", bad);
  CHECK(bad.str().find("jump needs a step between 0 and") == 0);
  session.command("j " + std::to_string(session.timeline().recorded() - 1), out);
  std::ostringstream end;
  session.command("n", end);
  CHECK(end.str().find("end of the run") == 0);
}

TEST_CASE("the interactive loop reads commands until quit", "[cli][step]") {
  // Goal: interact() runs typed commands (empty line = next) and stops at q.
  cli::StepSession session(demo(), 1);
  std::istringstream in("\n\nn 3\nq\nn\n");
  std::ostringstream out;
  session.interact(in, out);
  CHECK(session.position() == 5);
}

TEST_CASE("l moves to the next lesson beat, t to a time, d describes the cluster", "[cli][step]") {
  // Goal: beats skip exactly the quiet steps; a time jump lands on the first step at or after
  // it; describe prints Kafka's tools at the current position.
  std::ostringstream err;
  auto s = cli::load_scenario("poison_pill", err);
  REQUIRE(s);
  cli::StepSession session(*s, s->seed);
  const trace::Trace& t = session.timeline().trace();
  std::ostringstream out;
  session.command("t 19000", out);
  const int64_t p = session.position();
  REQUIRE(p > 0);
  CHECK(t.entry(Step{p - 1}).time < SimTime::from_ms(19000));
  CHECK(t.entry(Step{p}).time >= SimTime::from_ms(19000));
  int beats = 0;
  for (;;) {
    const int64_t before = session.position();
    std::ostringstream line;
    session.command("l", line);
    if (line.str().find("end of the run") != std::string::npos) break;
    ++beats;
    const int64_t beat = session.position() - 1;
    CHECK(trace::is_lesson_beat(t, Step{beat}));
    for (int64_t q = before; q < beat; ++q) CHECK_FALSE(trace::is_lesson_beat(t, Step{q}));
  }
  CHECK(beats >= 10);  // the seek at 20 s, what billing reads after it, its commits
  std::ostringstream described;
  session.command("d", described);
  CHECK(described.str().find("$ kafka-topics.sh --bootstrap-server localhost:9092 --describe "
                             "--exclude-internal\nTopic: orders\t") == 0);
  CHECK(described.str().find("\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET") !=
        std::string::npos);
}

TEST_CASE("a step that breaks a Kafka guarantee says so", "[cli][step]") {
  // Goal: kafkasim step records with the invariant checks (docs/invariants.md): jumping onto
  // the step where unclean_election loses committed records prints the observation.
  std::ostringstream err;
  const auto s = cli::load_scenario("unclean_election", err);
  REQUIRE(s);
  cli::StepSession session(*s, s->seed);
  const auto observations = session.timeline().trace().observations();
  REQUIRE_FALSE(observations.empty());
  const trace::Observation& first = observations.front();
  std::ostringstream out;
  session.command("j " + std::to_string(first.step.value), out);
  CHECK(out.str().find("observation " + first.invariant + " (kafka_guarantee): " + first.detail) !=
        std::string::npos);
}
