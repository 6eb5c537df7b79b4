// The lesson library checks itself: every lesson's expectations hold, every contrast variant
// (one setting flipped) fails at least one of them, and every lesson's trace is the same on
// each run and matches its checked-in digest. KSIM_UPDATE_GOLDEN=1 rewrites
// tests/scenario/lesson_digests.txt (the explicit switch for an intended change).
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/scenario/build.h"
#include "engine/scenario/lesson_check.h"
#include "engine/scenario/loader.h"
#include "engine/world/timeline.h"

using namespace ksim;
namespace fs = std::filesystem;

namespace {

const fs::path kLessons = fs::path(KSIM_SOURCE_DIR) / "scenarios";
const fs::path kDigests = fs::path(KSIM_SOURCE_DIR) / "tests/scenario/lesson_digests.txt";

std::vector<fs::path> lesson_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kLessons)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

scenario::Scenario load(const fs::path& file, scenario::Variant variant) {
  scenario::LoadResult r = scenario::load_file(file.string(), variant);
  for (const auto& d : r.problems) FAIL(scenario::to_string(d));
  REQUIRE(r.scenario);
  return std::move(*r.scenario);
}

struct Outcome {
  uint64_t digest = 0;
  std::vector<std::string> failed;               // the expectations that did not hold
  std::vector<trace::Observation> observations;  // violated invariants (docs/invariants.md)
};

Outcome run(const scenario::Scenario& s) {
  world::Timeline t(scenario::build_world(s, s.seed),
                    trace::TraceHeader{.scenario = s.name, .seed = s.seed});
  scenario::LessonCheck check(s);
  check.record(t, world::RunLimits{.until = s.stop_at});
  Outcome o;
  o.digest = trace::trace_digest(t.trace(), scenario::names_of(s));
  o.observations.assign(t.trace().observations().begin(), t.trace().observations().end());
  for (const scenario::ExpectResult& r : check.results()) {
    if (!r.passed) {
      o.failed.push_back(
          fmt::format("{}: found {}", scenario::describe_expectation(s.expects[r.index]), r.found));
    }
  }
  for (int32_t i : check.pending()) {
    o.failed.push_back(scenario::describe_expectation(s.expects[i]) + ": never reached");
  }
  return o;
}

std::map<std::string, std::string> read_digests() {
  std::map<std::string, std::string> digests;
  std::ifstream in(kDigests);
  std::string name, digest;
  while (in >> name >> digest) digests[name] = digest;
  return digests;
}

}  // namespace

TEST_CASE("every lesson's expectations hold", "[lessons]") {
  // Goal: a lesson shows what its narration says; each one narrates and asserts something.
  const auto files = lesson_files();
  CHECK(files.size() >= 20);
  for (const fs::path& file : files) {
    INFO("lesson " << file.filename().string());
    const scenario::Scenario s = load(file, scenario::Variant::kLesson);
    CHECK(s.name == file.stem().string());
    CHECK_FALSE(s.summary.empty());
    CHECK_FALSE(s.notes.empty());
    CHECK(s.expects.size() >= 2);
    const Outcome o = run(s);
    for (const std::string& f : o.failed) FAIL_CHECK(f);
  }
}

TEST_CASE("every lesson's contrast variant fails at least one expectation", "[lessons]") {
  // Goal: expectations that cannot fail teach nothing; flipping the lesson's setting breaks one.
  for (const fs::path& file : lesson_files()) {
    INFO("lesson " << file.filename().string());
    const scenario::Scenario lesson = load(file, scenario::Variant::kLesson);
    REQUIRE(lesson.contrast.has_value());
    const scenario::Scenario variant = load(file, scenario::Variant::kContrast);
    CHECK(variant.is_contrast);
    CHECK_FALSE(run(variant).failed.empty());
  }
}

TEST_CASE("every lesson's trace repeats and matches its golden digest", "[lessons]") {
  // Goal: same lesson, same seed, byte-identical trace, today and in every later commit (an
  // intended change updates the digests with KSIM_UPDATE_GOLDEN=1).
  const bool update = std::getenv("KSIM_UPDATE_GOLDEN") != nullptr;
  const auto golden = read_digests();
  std::ostringstream rewritten;
  for (const fs::path& file : lesson_files()) {
    const std::string name = file.stem().string();
    INFO("lesson " << name);
    const scenario::Scenario s = load(file, scenario::Variant::kLesson);
    const uint64_t first = run(s).digest;
    CHECK(run(s).digest == first);
    const std::string digest = fmt::format("{:016x}", first);
    rewritten << name << " " << digest << "\n";
    if (update) continue;
    const auto it = golden.find(name);
    INFO("no digest for it in tests/scenario/lesson_digests.txt: run with KSIM_UPDATE_GOLDEN=1");
    REQUIRE(it != golden.end());
    CHECK(it->second == digest);
  }
  if (update) std::ofstream(kDigests) << rewritten.str();
}

namespace {

// The Kafka guarantees each lesson breaks on purpose (docs/invariants.md); every other lesson and
// variant breaks none. Keyed "lesson" or "lesson --contrast".
const std::map<std::string, std::set<std::string>>& expected_observations() {
  static const std::map<std::string, std::set<std::string>> kExpected = {
      // acks=1: broker-1 acknowledged 2 records alone, then crashed.
      {"acks_under_leader_crash", {"no_acknowledged_write_lost"}},
      // enable.idempotence=false: a retried batch is written twice.
      {"idempotence", {"duplicate"}},
      {"idempotence --contrast", {"duplicate"}},
      // acks=1 to a leader cut off from the cluster.
      {"isolated_leader", {"no_acknowledged_write_lost"}},
      // min.insync.replicas=1 lets the leader commit alone; then an unclean election.
      {"min_insync_replicas", {"no_acknowledged_write_lost", "leader_completeness"}},
      // acks=1 records of a leader that crashed.
      {"replication_failover", {"no_acknowledged_write_lost"}},
      // unclean.leader.election.enable=true: committed records lost, replicas disagree.
      {"unclean_election", {"no_acknowledged_write_lost", "leader_completeness", "log_matching"}},
  };
  return kExpected;
}

}  // namespace

TEST_CASE(
    "every lesson and contrast keeps the engine invariants and breaks exactly its Kafka "
    "guarantees",
    "[lessons][check]") {
  // Goal: an engine invariant never fails (that would be a kafkasim bug), and each lesson shows
  // the guarantee violations it teaches, and no other.
  for (const fs::path& file : lesson_files()) {
    for (const auto variant : {scenario::Variant::kLesson, scenario::Variant::kContrast}) {
      const std::string key =
          file.stem().string() + (variant == scenario::Variant::kContrast ? " --contrast" : "");
      INFO("lesson " << key);
      const Outcome o = run(load(file, variant));
      std::set<std::string> guarantees;
      for (const trace::Observation& obs : o.observations) {
        if (obs.kind == trace::ObservationClass::kEngineInvariant) {
          FAIL_CHECK("engine invariant " << obs.invariant << " at step " << obs.step.value << ": "
                                         << obs.detail);
        } else {
          guarantees.insert(obs.invariant);
        }
      }
      const auto expected = expected_observations().find(key);
      CHECK(guarantees == (expected == expected_observations().end() ? std::set<std::string>{}
                                                                     : expected->second));
    }
  }
}
