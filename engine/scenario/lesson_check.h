// Checking a lesson as it runs: each expectation is evaluated on the world right after its
// expect step, and a ledger remembers every record that was ever committed (below some
// replica's high watermark), so "committed records lost" can be told after an unclean election
// has rewritten those offsets.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/scenario/scenario.h"
#include "engine/trace/trace.h"
#include "engine/world/timeline.h"
#include "engine/world/world.h"

namespace ksim::scenario {

struct ExpectResult {
  int32_t index = 0;  // into Scenario::expects
  int64_t step = 0;   // the expect's step
  SimTime at;
  bool passed = false;
  std::string found;  // what the state held, in the expectation's terms
};

// Every record that has been below a high watermark: its id by partition and offset (0 where
// nothing was committed yet). The first committed id at an offset is kept: a different record
// there later means the committed one was lost.
class CommittedLedger {
 public:
  // Reads the high watermark advances of step `s` and the records they committed.
  void observe(const world::World& w, const trace::Trace& t, Step s);
  const std::map<kafka::TopicPartition, std::vector<uint64_t>>& records() const { return ids_; }

 private:
  std::map<kafka::TopicPartition, std::vector<uint64_t>> ids_;
};

class LessonCheck {
 public:
  explicit LessonCheck(const Scenario& s) : s_(s) {}

  // For world::Timeline::record: called after every recorded step.
  void observe(const world::World& w, const trace::Trace& t, Step s);
  // The same, as the observer record() takes. The check must outlive the recording.
  world::StepObserver observer() {
    return [this](const world::World& w, const trace::Trace& t, Step s) { observe(w, t, s); };
  }

  const std::vector<ExpectResult>& results() const { return results_; }
  bool all_passed() const;
  // Expectations whose step the run has not reached.
  std::vector<int32_t> pending() const;

 private:
  const Scenario& s_;
  CommittedLedger ledger_;
  std::vector<ExpectResult> results_;
};

// What an expectation asserts, in a learner's words: "group demo.1 is Stable",
// "lag of group demo.2 on demo_1 = 0".
std::string describe_expectation(const Expectation& e);

// Evaluates `e` on `w` (the ledger answers committed_records_lost).
ExpectResult evaluate(const Expectation& e, const world::World& w, const CommittedLedger& ledger);

}  // namespace ksim::scenario
