// The viewer's file commands: open, reload after an edit, a broken file's error in the window,
// save a fork, export a window of steps.
#include "viz/file_commands.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/scenario_source.h"
#include "tests/viz/lesson_app.h"
#include "viz/fork.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("kafkasim-viz-test-" + name)).string();
}

}  // namespace

TEST_CASE("Opening a lesson replaces the run; a broken file leaves it and says why",
          "[viz][file]") {
  AppState app = lesson_app("replication_failover");
  seek(app, 300);
  app.pending.push_back(OpenScenario{"consumer_groups"});
  apply_commands(app);
  CHECK(app.error.empty());
  CHECK(app.scenario_name == "consumer_groups");
  CHECK(app.timeline.position() == 0);
  CHECK(app.status.find("opened ") == 0);

  const std::string broken = temp_path("broken.json");
  write(broken, R"({"name": "broken", "cluster": {"brokers": 0}})");
  app.pending.push_back(OpenScenario{broken});
  apply_commands(app);
  CHECK(app.scenario_name == "consumer_groups");  // unchanged
  CHECK(app.error.find(broken) != std::string::npos);
  CHECK(app.error.find("brokers") != std::string::npos);

  app.pending.push_back(OpenScenario{"no_such_lesson"});
  apply_commands(app);
  CHECK(app.error.find("no_such_lesson") != std::string::npos);
  CHECK(app.scenario_name == "consumer_groups");
}

TEST_CASE("A reload after an edit keeps the position", "[viz][file]") {
  // Goal: a teacher edits a note and sees it at once, where they were.
  const std::string path = temp_path("reload.json");
  std::filesystem::copy_file(std::string(KSIM_SOURCE_DIR) + "/scenarios/replication_failover.json",
                             path, std::filesystem::copy_options::overwrite_existing);
  AppState app = lesson_app(path);
  seek(app, 500);
  std::string text = read_file(path);
  const std::string old_name = "\"name\": \"replication_failover\"";
  REQUIRE(text.find(old_name) != std::string::npos);
  text.replace(text.find(old_name), old_name.size(), "\"name\": \"replication_edited\"");
  write(path, text);
  app.pending.push_back(OpenScenario{path, true});
  apply_commands(app);
  CHECK(app.error.empty());
  CHECK(app.scenario_name == "replication_edited");
  CHECK(app.timeline.position() == 500);
  CHECK(app.status.find("reloaded") == 0);
}

TEST_CASE("A saved fork is the scenario with the viewer's actions", "[viz][file]") {
  AppState app = lesson_app("replication_failover");
  seek(app, 200);
  app.pending.push_back(heal_all());
  const std::string path = temp_path("fork.json");
  app.pending.push_back(SaveFork{path});
  apply_commands(app);
  REQUIRE(app.error.empty());
  const nlohmann::ordered_json saved = nlohmann::ordered_json::parse(read_file(path));
  const nlohmann::ordered_json& last = saved["timeline"].back();
  CHECK(last["after_step"] == 199);
  CHECK(last["action"] == "heal");
  CHECK(app.status.find("kafkasim run " + path) != std::string::npos);

  app.pending.push_back(SaveFork{"/nonexistent-dir/fork.json"});
  apply_commands(app);
  CHECK(app.error == "cannot write /nonexistent-dir/fork.json");
}

TEST_CASE("Exporting a window of steps writes the CLI's format and keeps the position",
          "[viz][file]") {
  AppState app = lesson_app("replication_failover");
  seek(app, 400);
  const std::string path = temp_path("window.jsonl");
  app.pending.push_back(ExportTrace{"jsonl", 100, 150, path});
  apply_commands(app);
  REQUIRE(app.error.empty());
  CHECK(app.timeline.position() == 400);
  std::istringstream lines(read_file(path));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) ++count;
  CHECK(count == 51);  // the header, then steps 100..149
  CHECK(export_file_name(app, "markdown", 100, 150) == "replication_failover-100-150.md");

  app.pending.push_back(ExportTrace{"jsonl", 10, 1'000'000, path});
  apply_commands(app);
  CHECK(app.error.find("not within the run") != std::string::npos);
  app.pending.push_back(ExportTrace{"pdf", 0, 10, path});
  apply_commands(app);
  CHECK(app.error == "unknown export format \"pdf\"");
}

TEST_CASE("The lesson list names every lesson with its summary", "[viz][file]") {
  const std::vector<LessonEntry> lessons = list_lessons(cli::lessons_dir());
  REQUIRE(lessons.size() >= 20);
  CHECK(std::is_sorted(lessons.begin(), lessons.end(),
                       [](const LessonEntry& a, const LessonEntry& b) { return a.name < b.name; }));
  const auto demo = std::find_if(lessons.begin(), lessons.end(),
                                 [](const LessonEntry& l) { return l.name == "demo_1"; });
  REQUIRE(demo != lessons.end());
  CHECK(demo->summary.find("demo_1") != std::string::npos);
  for (const LessonEntry& l : lessons) CHECK_FALSE(l.summary.empty());
  CHECK(list_lessons("/nonexistent-dir").empty());
}
