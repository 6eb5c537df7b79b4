#include "cli/scenario_source.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ksim::cli {

std::string lessons_dir() {
  if (const char* env = std::getenv("KAFKASIM_SCENARIOS"); env != nullptr && *env != '\0') {
    return env;
  }
  return KSIM_SCENARIOS_DIR;
}

std::string resolve_scenario_path(const std::string& arg) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec)) return arg;
  const std::filesystem::path lesson = std::filesystem::path(lessons_dir()) / (arg + ".json");
  if (std::filesystem::is_regular_file(lesson, ec)) return lesson.string();
  return arg;
}

std::optional<scenario::Scenario> load_scenario(const std::string& arg, std::ostream& err,
                                                scenario::Variant variant) {
  const std::string path = resolve_scenario_path(arg);
  scenario::LoadResult result = scenario::load_file(path, variant);
  if (!result.scenario && result.problems.size() == 1 &&
      result.problems[0].found == "no such file") {
    err << "kafkasim: no scenario file or lesson named \"" << arg << "\" (looked for " << arg
        << " and " << lessons_dir() << "/" << arg << ".json; `kafkasim lessons` lists them)\n";
    return std::nullopt;
  }
  for (const scenario::Diagnostic& d : result.problems) err << to_string(d) << "\n";
  if (!result.problems.empty()) {
    err << result.problems.size() << (result.problems.size() == 1 ? " problem" : " problems")
        << " in " << path << "\n";
  }
  return result.scenario;
}

std::optional<ScenarioDocument> load_scenario_document(const std::string& arg, std::ostream& err) {
  std::optional<scenario::Scenario> s = load_scenario(arg, err);
  if (!s) return std::nullopt;
  const std::string path = resolve_scenario_path(arg);
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  // The loader has just read this very text: it is JSON.
  return ScenarioDocument{*std::move(s), nlohmann::ordered_json::parse(text.str()), path};
}

}  // namespace ksim::cli
