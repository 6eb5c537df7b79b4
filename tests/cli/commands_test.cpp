#include "cli/commands.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace ksim;

namespace {
// The walking skeleton's toy world: quick to run, with a crash and a partition.
const std::string kToy = std::string(KSIM_SOURCE_DIR) + "/tests/fixtures/toy_ping.json";
}  // namespace

TEST_CASE("run prints a summary with the trace digest", "[cli][run]") {
  // Goal: `kafkasim run` on the toy world succeeds and reports steps, time and a digest that two
  // runs share.
  std::ostringstream out1, out2, err;
  CHECK(cli::run_command({.scenario = kToy}, out1, err) == 0);
  CHECK(cli::run_command({.scenario = kToy}, out2, err) == 0);
  CHECK(out1.str() == out2.str());
  CHECK(out1.str().find("scenario   toy_ping\n") == 0);
  CHECK(out1.str().find("sim time   3000 ms") != std::string::npos);
  CHECK(out1.str().find("digest     ") != std::string::npos);
  CHECK(err.str().empty());
}

TEST_CASE("run honours --seed and --steps", "[cli][run]") {
  // Goal: another seed changes the digest; --steps bounds the run.
  std::ostringstream a, b, c, err;
  cli::run_command({.scenario = kToy, .seed = 1}, a, err);
  cli::run_command({.scenario = kToy, .seed = 2}, b, err);
  cli::run_command({.scenario = kToy, .max_steps = 10}, c, err);
  const auto digest = [](const std::string& s) { return s.substr(s.find("digest")); };
  CHECK(digest(a.str()) != digest(b.str()));
  CHECK(c.str().find("steps      10\n") != std::string::npos);
}

TEST_CASE("run --trace - writes the JSON Lines trace", "[cli][run]") {
  // Goal: the trace goes to stdout after the summary, header first.
  std::ostringstream out, err;
  CHECK(cli::run_command({.scenario = kToy, .max_steps = 5, .trace_file = "-"}, out, err) == 0);
  CHECK(out.str().find("{\"format\":\"kafkasim-trace\",\"version\":1,\"scenario\":\"toy_ping\"") !=
        std::string::npos);
  CHECK(out.str().find("{\"step\":4,") != std::string::npos);
  CHECK(out.str().find("{\"step\":5,") == std::string::npos);
}

TEST_CASE("run lists the guarantees a lesson breaks under observations", "[cli][run][check]") {
  // Goal: acks=1's lost acknowledged records are an observation (exit 0: the lesson expects
  // them), in the summary and in the trace; a run that breaks nothing prints no block.
  std::ostringstream out, err;
  CHECK(cli::run_command({.scenario = "acks_under_leader_crash", .trace_file = "-"}, out, err) ==
        0);
  const std::string text = out.str();
  const size_t block = text.find("observations:\n");
  REQUIRE(block != std::string::npos);
  CHECK(text.find("kafka_guarantee  no_acknowledged_write_lost: acks1-0: 2 acknowledged record(s) "
                  "lost at offset(s) 3..4 (sent by p1)",
                  block) != std::string::npos);
  CHECK(text.find(",\"observations\":[{\"invariant\":\"no_acknowledged_write_lost\","
                  "\"class\":\"kafka_guarantee\"") != std::string::npos);
  CHECK(err.str().find("ENGINE INVARIANT") == std::string::npos);
  std::ostringstream quiet, quiet_err;
  CHECK(cli::run_command({.scenario = kToy}, quiet, quiet_err) == 0);
  CHECK(quiet.str().find("observations:") == std::string::npos);
}

TEST_CASE("an unknown scenario is a clear error", "[cli][run]") {
  // Goal: a name that is neither a file nor a lesson exits 2 and says where it looked.
  std::ostringstream out, err;
  CHECK(cli::run_command({.scenario = "demo_9"}, out, err) == 2);
  CHECK(err.str().find("no scenario file or lesson named \"demo_9\"") != std::string::npos);
}

TEST_CASE("validate reports every problem of a broken file and exits 2", "[cli][validate]") {
  // Goal: validate lists ok files and each diagnostic of broken ones.
  std::ostringstream out, err;
  const std::string broken =
      std::string(KSIM_SOURCE_DIR) + "/tests/scenario/broken/wrong_types.json";
  CHECK(cli::validate_command({"consumer_groups", broken}, out, err) == 2);
  CHECK(out.str().find("ok  ") == 0);
  CHECK(err.str().find("/seed: expected an integer >= 0, found -1") != std::string::npos);
  CHECK(err.str().find("3 problems in") != std::string::npos);
}

TEST_CASE("lessons lists each lesson with its summary", "[cli][lessons]") {
  // Goal: one line per lesson: name, tab, summary.
  std::ostringstream out, err;
  CHECK(cli::lessons_command(out, err) == 0);
  CHECK(out.str().find("\nidempotence\tA lost ProduceResponse") != std::string::npos);
  CHECK(out.str().find("\ncontroller_failover\tThree KRaft controllers") != std::string::npos);
  // Sorted by name.
  std::vector<std::string> names;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);)
    names.push_back(line.substr(0, line.find('\t')));
  CHECK(names.size() >= 5);
  CHECK(std::is_sorted(names.begin(), names.end()));
}

TEST_CASE("the terminal replay prints every step", "[cli][step]") {
  // Goal: `kafkasim step --replay` prints one line per recorded step and the end.
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(cli::step_command({.scenario = kToy, .replay = true}, in, out, err) == 0);
  CHECK(out.str().find("end of the run: ") != std::string::npos);
  CHECK(out.str().find("crash") != std::string::npos);
}

TEST_CASE("describe --topics shows the cluster at a moment of the lesson", "[cli][describe]") {
  // Goal: in replication_failover, broker-2 leads orders-0 until it crashes at 4 s and is
  // fenced about 9 s after its last heartbeat; at 12 s broker-3 leads and broker-2 has left the
  // ISR, in kafka-topics' layout.
  std::ostringstream before, after, err;
  CHECK(cli::describe_command({.scenario = "replication_failover", .at_ms = 2000, .topics = true},
                              before, err) == 0);
  CHECK(cli::describe_command({.scenario = "replication_failover", .at_ms = 12000, .topics = true},
                              after, err) == 0);
  CHECK(before.str().find("\tTopic: orders\tPartition: 0\tLeader: 2\tReplicas: 2,3,1\t"
                          "Isr: 2,3,1\tElr: \tLastKnownElr: \n") != std::string::npos);
  CHECK(after.str().find("\tTopic: orders\tPartition: 0\tLeader: 3\tReplicas: 2,3,1\tIsr: 3,1\t"
                         "Elr: \tLastKnownElr: \n") != std::string::npos);
  CHECK(before.str().find("Topic: orders\tTopicId: ") == 0);
  CHECK(err.str().empty());
}

TEST_CASE("describe explains what it cannot do", "[cli][describe]") {
  // Goal: no --topics, or a toy scenario, is a clear error with exit code 2.
  std::ostringstream out, err;
  CHECK(cli::describe_command({.scenario = "replication_failover"}, out, err) == 2);
  CHECK(err.str().find("say what to describe: --topics") != std::string::npos);
  std::ostringstream err2;
  CHECK(cli::describe_command({.scenario = kToy, .topics = true}, out, err2) == 2);
  CHECK(err2.str().find("has no Kafka cluster") != std::string::npos);
}
