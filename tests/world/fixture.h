// A small toy world for engine tests: three nodes a, b, c with a given network and actions,
// built through the scenario loader so tests exercise the same path as lessons.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/timeline.h"

namespace ksim::testing {

inline scenario::Scenario toy_scenario(const std::string& timeline_json,
                                       const std::string& network_json = "{\"latency_ms\": 5}",
                                       int stop_at_ms = 3000) {
  const std::string text = "{\"name\": \"t\", \"stop_at_ms\": " + std::to_string(stop_at_ms) +
                           ", \"network\": " + network_json +
                           ", \"toy\": {\"nodes\": [\"a\", \"b\", \"c\"], \"ping_interval_ms\": "
                           "100}, \"timeline\": " +
                           timeline_json + "}";
  scenario::LoadResult r = scenario::load_text(text, "test.json");
  for (const auto& d : r.problems) FAIL(scenario::to_string(d));
  REQUIRE(r.scenario);
  return *r.scenario;
}

inline const toy::ToyNode& toy_node(const world::World& w, int i) {
  return std::get<toy::ToyNode>(w.nodes[static_cast<size_t>(i)].logic);
}

// Steps `w` until simulated time passes `t` (bounded by `max_steps`).
inline void run_until(world::World& w, SimTime t, int max_steps = 100000) {
  for (int i = 0; i < max_steps; ++i) {
    if (world::step(w, nullptr, t) != world::StepResult::kStepped) return;
  }
  FAIL("run_until did not reach the time within its step budget");
}

}  // namespace ksim::testing
