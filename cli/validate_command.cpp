#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "cli/scenario_source.h"

namespace ksim::cli {

int validate_command(const std::vector<std::string>& scenarios, std::ostream& out,
                     std::ostream& err) {
  int failures = 0;
  for (const std::string& arg : scenarios) {
    const auto lesson = load_scenario(arg, err);
    // A lesson's contrast variant must be a valid scenario too.
    const bool ok = lesson && (!lesson->contrast ||
                               load_scenario(arg, err, scenario::Variant::kContrast).has_value());
    if (ok) {
      out << "ok  " << resolve_scenario_path(arg) << "\n";
    } else {
      ++failures;
    }
  }
  return failures == 0 ? 0 : 2;
}

int lessons_command(std::ostream& out, std::ostream& err) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(lessons_dir(), ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) {
    err << "kafkasim: cannot read the lessons folder " << lessons_dir() << "\n";
    return 1;
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    const scenario::LoadResult r = scenario::load_file(f.string());
    out << f.stem().string() << "\t"
        << (r.scenario ? r.scenario->summary : "(broken file: run kafkasim validate)") << "\n";
  }
  return 0;
}

}  // namespace ksim::cli
