// Reads a scenario file into a checked Scenario, or collects every problem with it. Never
// half-loads: on any problem there is no scenario, only the full list of diagnostics. Never
// crashes, on any input however large or deeply nested: the JSON library's exceptions stop
// here and nesting is bounded before parsing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario/diagnostic.h"
#include "engine/scenario/scenario.h"

namespace ksim::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when `problems` is empty
  std::vector<Diagnostic> problems;
};

// Limits on what a scenario file may be.
inline constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;
inline constexpr int kMaxNesting = 64;

// Which version of a lesson to load: as written, or its contrast variant (the file's
// "contrast" settings applied first; a file without one is a problem).
enum class Variant : uint8_t { kLesson, kContrast };

// The timeline's action keywords and the expectations' "what" values, as the loader accepts
// them (docs/scenario.schema.json must list the same).
const std::vector<std::string>& action_names();
const std::vector<std::string>& expectation_names();

// `file` names the source in diagnostics.
LoadResult load_text(std::string_view text, const std::string& file,
                     Variant variant = Variant::kLesson);
LoadResult load_file(const std::string& path, Variant variant = Variant::kLesson);

}  // namespace ksim::scenario
