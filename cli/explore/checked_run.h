// One explore run: a scenario (with its faults) run with the invariant checker on, in two
// phases. The safety phase runs the scenario to its heal time (its stop time, by which every
// fault has ended). The converge phase then runs on, within a step budget, until the cluster
// has recovered: every broker running and unfenced, every partition led by a running broker
// with its whole replica set in sync, no send waiting for its answer, every group with
// members Stable. When the budget runs out
// first, the run says which of those did not hold.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/scenario/scenario.h"
#include "engine/trace/trace.h"
#include "engine/world/world.h"

namespace ksim::cli::explore {

// A violated invariant and the simulated time of the step that first showed it.
struct Violation {
  trace::Observation observation;
  int64_t at_ms = 0;
};

struct RunResult {
  int64_t steps = 0;
  std::vector<Violation> violations;  // in step order
  bool converged = false;
  std::string not_converged;        // why, when it did not
  int64_t converged_after_ms = -1;  // simulated time from heal to convergence
};

// Runs `s` (already carrying its faults) with `seed`; the converge phase may take at most
// `budget_steps` steps.
RunResult run_checked(const scenario::Scenario& s, uint64_t seed, int64_t budget_steps);

// What keeps the cluster of `w` from having converged, or "" when it has.
std::string unconverged(const world::World& w);

}  // namespace ksim::cli::explore
