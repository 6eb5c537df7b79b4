// The viewer's file commands: open a scenario (or reload it after an edit), save the forked
// scenario, export a window of steps in one of the CLI's formats. Each returns "" on success
// (and says what it did in app.status) or the error to show in the window; a failed command
// leaves the run as it was.
#pragma once

#include <string>
#include <vector>

#include "viz/app_state.h"

namespace ksim::viz {

std::string open_scenario(AppState& app, const OpenScenario& open);
std::string save_fork(AppState& app, const SaveFork& save);
std::string export_trace(AppState& app, const ExportTrace& e);

struct LessonEntry {
  std::string name;  // the file's stem: what `kafkasim-viz NAME` opens
  std::string summary;
};
// The lessons in `dir` (*.json, by name) with their summaries, for the lesson list; a file that
// does not parse is listed without a summary (opening it shows its problems).
std::vector<LessonEntry> list_lessons(const std::string& dir);

// A default file name for an export: "<scenario>-<from>-<to>.<extension of the format>".
std::string export_file_name(const AppState& app, const std::string& format, int64_t from,
                             int64_t to);

}  // namespace ksim::viz
