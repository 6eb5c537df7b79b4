// A lesson of scenarios/ loaded into an AppState with its file's document, as the viewer opens
// it (so it can be forked and saved).
#pragma once

#include <catch2/catch.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "cli/scenario_source.h"
#include "viz/app_state.h"

namespace ksim::viz::testing {

inline AppState lesson_app(const std::string& lesson) {
  std::ostringstream err;
  std::optional<cli::ScenarioDocument> d = cli::load_scenario_document(lesson, err);
  INFO(err.str());
  REQUIRE(d.has_value());
  return make_app_state(d->scenario, d->scenario.seed, {d->doc, d->path});
}

inline void seek(AppState& app, int64_t p) {
  app.pending.push_back(SeekTo{p});
  apply_commands(app);
}

}  // namespace ksim::viz::testing
