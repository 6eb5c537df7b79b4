#include "viz/file_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/export/exporter.h"
#include "cli/scenario_source.h"
#include "viz/fork.h"

namespace ksim::viz {
namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  return file && (file << text) && file.flush();
}

}  // namespace

std::string open_scenario(AppState& app, const OpenScenario& open) {
  std::ostringstream problems;
  std::optional<cli::ScenarioDocument> loaded = cli::load_scenario_document(open.arg, problems);
  if (!loaded) {
    std::string text = problems.str();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text.empty() ? fmt::format("cannot open {}", open.arg) : text;
  }
  const int64_t position = app.timeline.position();
  const Selection selected = app.selected;
  const double speed = app.playback.speed_sim_ms_per_s;
  // A reload keeps the seed the run was shown with (--seed); another file brings its own.
  const uint64_t seed = open.keep_position ? app.seed : loaded->scenario.seed;
  app = make_app_state(loaded->scenario, seed, {std::move(loaded->doc), std::move(loaded->path)});
  app.status = fmt::format("opened {}", app.source.path);
  app.playback.speed_sim_ms_per_s = speed;
  if (open.keep_position) {
    app.selected = selected;
    app.status = fmt::format("reloaded {} (it changed on disk)", app.source.path);
    app.pending.push_back(SeekTo{std::min(position, app.timeline.recorded())});
    apply_commands(app);
  }
  return "";
}

std::string save_fork(AppState& app, const SaveFork& save) {
  if (app.source.document.is_null()) return "this run was not loaded from a file: nothing to save";
  if (!write_file(save.path, fork_document_text(app))) {
    return fmt::format("cannot write {}", save.path);
  }
  app.status = fmt::format(
      "saved {} ({} action(s) added by the viewer); replay it with "
      "`kafkasim run {}`",
      save.path, app.fork_actions.size(), save.path);
  return "";
}

std::string export_trace(AppState& app, const ExportTrace& e) {
  const auto& formats = cli::export_formats();
  const auto format = std::find_if(formats.begin(), formats.end(),
                                   [&](const cli::ExportFormat& f) { return f.name == e.format; });
  if (format == formats.end()) return fmt::format("unknown export format \"{}\"", e.format);
  const int64_t recorded = app.timeline.recorded();
  if (e.from < 0 || e.to > recorded || e.from > e.to) {
    return fmt::format("the window {}..{} is not within the run's {} steps", e.from, e.to,
                       recorded);
  }
  // An exporter may seek the timeline to read the state at a step: come back afterwards.
  const int64_t position = app.timeline.position();
  cli::ExportInput in{app.scenario, app.timeline, app.names, Step{e.from}, Step{e.to}, app.expects};
  const std::string text = format->write(in);
  app.pending.push_back(SeekTo{position});
  apply_commands(app);
  if (!write_file(e.path, text)) return fmt::format("cannot write {}", e.path);
  app.status =
      fmt::format("{}: {} steps ({} to {}) as {}", e.path, e.to - e.from, e.from, e.to, e.format);
  return "";
}

std::vector<LessonEntry> list_lessons(const std::string& dir) {
  std::vector<LessonEntry> lessons;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".json") continue;
    LessonEntry l{e.path().stem().string(), ""};
    std::ifstream in(e.path());
    const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_object() && doc.contains("summary") && doc["summary"].is_string()) {
      l.summary = doc["summary"].get<std::string>();
    }
    lessons.push_back(std::move(l));
  }
  std::sort(lessons.begin(), lessons.end(),
            [](const LessonEntry& a, const LessonEntry& b) { return a.name < b.name; });
  return lessons;
}

std::string export_file_name(const AppState& app, const std::string& format, int64_t from,
                             int64_t to) {
  std::string ext = format;
  if (format == "markdown") ext = "md";
  if (format == "chrome") ext = "json";
  if (format == "shiviz") ext = "log";
  if (format == "mermaid") ext = "mmd";
  return fmt::format("{}-{}-{}.{}", app.scenario_name, from, to, ext);
}

}  // namespace ksim::viz
