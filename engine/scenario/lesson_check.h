// Checking a lesson as it runs: each expectation is evaluated on the world right after its
// expect step, and the invariants of engine/check are checked after every step (their
// violations go to the trace as observations). The checker's ledger remembers every record that
// was ever committed (below some replica's high watermark), so "committed records lost" can be
// told after an unclean election has rewritten those offsets.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/check/checker.h"
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

// The record of what was ever committed, kept by the invariant checker (engine/check).
using CommittedLedger = check::CommittedLedger;

class LessonCheck {
 public:
  explicit LessonCheck(const Scenario& s) : s_(s) {}

  // For world::Timeline::record: called after every recorded step.
  void observe(const world::World& w, trace::Trace& t, Step s);
  // The same, as the observer record() takes. The check must outlive the recording.
  world::StepObserver observer() {
    return [this](const world::World& w, trace::Trace& t, Step s) { observe(w, t, s); };
  }
  // Records `limits` of `t` with this check as the observer, then runs the invariants'
  // whole-run validations on the end of the recording.
  void record(world::Timeline& t, world::RunLimits limits);
  // The whole-run validations alone (after a record() with observer()).
  void finish(world::Timeline& t);

  const check::InvariantChecker& invariants() const { return invariants_; }

  const std::vector<ExpectResult>& results() const { return results_; }
  bool all_passed() const;
  // Expectations whose step the run has not reached.
  std::vector<int32_t> pending() const;

 private:
  const Scenario& s_;
  check::InvariantChecker invariants_;
  std::vector<ExpectResult> results_;
};

// What an expectation asserts, in a learner's words: "group demo.1 is Stable",
// "lag of group demo.2 on demo_1 = 0".
std::string describe_expectation(const Expectation& e);

// Evaluates `e` on `w` (the ledger answers committed_records_lost).
ExpectResult evaluate(const Expectation& e, const world::World& w, const CommittedLedger& ledger);

}  // namespace ksim::scenario
