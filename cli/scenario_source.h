// Finding and loading the SCENARIO argument of every command: a path to a .json file, or the
// name of a lesson in scenarios/ (the KAFKASIM_SCENARIOS environment variable overrides where
// lessons are looked up). Diagnostics go to the given stream, one per line.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/scenario/loader.h"

namespace ksim::cli {

// The lessons folder: $KAFKASIM_SCENARIOS, else the source tree's scenarios/.
std::string lessons_dir();

// `arg` itself when it names an existing file, else lessons_dir()/arg.json.
std::string resolve_scenario_path(const std::string& arg);

// Loads and reports; nullopt (after printing every problem to `err`) when the file is bad.
std::optional<scenario::Scenario> load_scenario(
    const std::string& arg, std::ostream& err,
    scenario::Variant variant = scenario::Variant::kLesson);

// A scenario with its file's JSON document and path: for the commands that change a scenario
// and save it (shell, explore), keeping the file's key order.
struct ScenarioDocument {
  scenario::Scenario scenario;
  nlohmann::ordered_json doc;
  std::string path;
};
std::optional<ScenarioDocument> load_scenario_document(const std::string& arg, std::ostream& err);

}  // namespace ksim::cli
