// Shrinking a failing explore run to a small repro: drop faults one at a time, then halve the
// scenario's sends, keeping each cut that still breaks the same invariant. Greedy, as
// Jepsen's and QuickCheck's shrinkers are: a local minimum, found in a bounded number of runs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/explore/fault_schedule.h"

namespace ksim::cli::explore {

// The scenario document with `faults` in its timeline, run with `seed`.
nlohmann::ordered_json with_faults(const nlohmann::ordered_json& doc,
                                   const std::vector<Fault>& faults, const scenario::Scenario& s,
                                   uint64_t seed);

struct Shrunk {
  nlohmann::ordered_json doc;  // the repro: the smallest document that still breaks it
  std::vector<Fault> faults;
  int64_t runs = 0;   // runs the shrinking took
  int64_t at_ms = 0;  // when the violation shows in the repro
};

// Shrinks a run of `doc` + `faults` that broke `invariant`.
Shrunk shrink(const nlohmann::ordered_json& doc, const scenario::Scenario& s,
              std::vector<Fault> faults, uint64_t seed, const std::string& invariant,
              int64_t budget_steps);

}  // namespace ksim::cli::explore
