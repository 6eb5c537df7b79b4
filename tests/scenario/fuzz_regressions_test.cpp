// Inputs that crashed the loader (found by or for the fuzzer, tests/fuzz/, scripts/fuzz) and a
// few hand-made extreme ones, kept in tests/scenario/fuzz_regressions/: each one, as the lesson and
// as its contrast variant, must give diagnostics or a scenario that builds and steps.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine/scenario/loader.h"
#include "tests/fuzz/exercise.h"
#include "tests/support/read_file.h"

using namespace ksim;
namespace fs = std::filesystem;

namespace {

const fs::path kRegressions = fs::path(KSIM_SOURCE_DIR) / "tests/scenario/fuzz_regressions";

// The diagnostics of `name` in that folder, one per line.
std::string problems_of(const std::string& name, scenario::Variant variant) {
  const scenario::LoadResult r =
      scenario::load_text(ksim::testing::read_file(kRegressions / name), name, variant);
  std::string got;
  for (const auto& d : r.problems) got += scenario::to_string(d) + "\n";
  return got;
}

}  // namespace

TEST_CASE("every fuzz regression input loads or is diagnosed, and runs when it loads",
          "[scenario][fuzz]") {
  // Goal: what once crashed the loader or the engine now gives a diagnostic or a scenario,
  // exactly as the fuzzer exercises it (a crash here aborts the test binary).
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kRegressions)) {
    ++files;
    const std::string text = ksim::testing::read_file(entry.path());
    for (const auto variant : {scenario::Variant::kLesson, scenario::Variant::kContrast}) {
      INFO("file " << entry.path().filename().string() << ", contrast "
                   << (variant == scenario::Variant::kContrast));
      const fuzz::Exercised e = fuzz::exercise(text, variant);
      CHECK(e.loaded != (e.problems > 0));
      if (e.loaded && !e.over_budget) CHECK(e.steps > 0);
    }
  }
  CHECK(files >= 5);
}

TEST_CASE("a contrast pointer the lesson cannot hold is a diagnostic, not an exception",
          "[scenario][fuzz]") {
  // Goal: a pointer below a number, a non-index below an array, or an index far past an
  // array's end (crashes found while writing the fuzz target) is reported where it is
  // written, in the lesson as in its contrast variant.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"contrast_pointer_into_number.json", "/stop_at_ms/a"},
      {"contrast_pointer_bad_array_index.json", "/timeline/abc"},
      {"contrast_pointer_far_past_array.json", "/timeline/99999999"},
  };
  for (const auto& [name, pointer] : cases) {
    std::string escaped;
    for (const char c : pointer) escaped += c == '/' ? std::string("~1") : std::string(1, c);
    const std::string expected = name + ": /contrast/set/" + escaped +
                                 ": expected a JSON pointer into the lesson, below an existing "
                                 "object or array, found \"" +
                                 pointer + "\"\n";
    for (const auto variant : {scenario::Variant::kLesson, scenario::Variant::kContrast}) {
      INFO(name << ", contrast " << (variant == scenario::Variant::kContrast));
      CHECK(problems_of(name, variant) == expected);
    }
  }
}

TEST_CASE("a contrast may append to an array through its end", "[scenario][fuzz]") {
  // Goal: "/timeline/-" (RFC 6901's end of an array) stays a valid contrast setting: the
  // contrast variant of extreme_values_that_load.json gains a heal action.
  const std::string text = ksim::testing::read_file(kRegressions / "extreme_values_that_load.json");
  const scenario::LoadResult lesson = scenario::load_text(text, "x.json");
  const scenario::LoadResult contrast =
      scenario::load_text(text, "x.json", scenario::Variant::kContrast);
  REQUIRE(lesson.scenario);
  REQUIRE(contrast.scenario);
  CHECK(contrast.scenario->timeline.size() == lesson.scenario->timeline.size() + 1);
  CHECK(contrast.scenario->network.loss_ppm == 0);
}
