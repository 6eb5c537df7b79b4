// Shared helpers of the viewer's tests: the toy world (tests/fixtures/toy_ping.json) and the
// cluster fixtures loaded into an AppState, and finders for the steps a test wants to stand on (a
// crash, the partition, ...).
#pragma once

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "engine/proto/action.h"
#include "engine/scenario/loader.h"
#include "viz/app_state.h"
#include "viz/cluster_layout.h"

namespace ksim::viz::testing {

inline scenario::Scenario toy_ping() {
  scenario::LoadResult r =
      scenario::load_file(std::string(KSIM_SOURCE_DIR) + "/tests/fixtures/toy_ping.json");
  REQUIRE(r.problems.empty());
  REQUIRE(r.scenario.has_value());
  return *r.scenario;
}

inline AppState toy_app() {
  const scenario::Scenario s = toy_ping();
  return make_app_state(s, s.seed);
}

// A scenario of tests/viz (cluster_3.json, cluster_7.json) loaded into an AppState.
inline AppState viz_fixture_app(const std::string& file) {
  scenario::LoadResult r = scenario::load_file(std::string(KSIM_SOURCE_DIR) + "/tests/viz/" + file);
  REQUIRE(r.problems.empty());
  REQUIRE(r.scenario.has_value());
  return make_app_state(*r.scenario, r.scenario->seed);
}

// The first step performing `action`, or -1.
inline int64_t first_action_step(const AppState& app, proto::ActionKind action) {
  const trace::Trace& t = app.timeline.trace();
  for (size_t i = 0; i < t.size(); ++i) {
    const trace::TraceEntry& e = t.entry(Step{static_cast<int64_t>(i)});
    if (e.kind == trace::EventKind::kAction && e.what == static_cast<uint16_t>(action)) {
      return static_cast<int64_t>(i);
    }
  }
  return -1;
}

inline const Rect kCanvas{0, 0, 800, 600};
// The cluster panel's canvas in a 1280x800 window (below the title bar and two legend rows).
inline const Rect kPanelCanvas{8, 78, 726, 550};

}  // namespace ksim::viz::testing
