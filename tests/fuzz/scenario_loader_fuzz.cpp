// libFuzzer target: any bytes, given to the scenario loader as a lesson and as its contrast
// variant, must give diagnostics or a scenario, never a crash, a sanitizer report or an engine
// assertion; a scenario that loads is also built and stepped (tests/fuzz/exercise.h).
// Built by the `fuzz` preset, run by scripts/fuzz; each crash it finds becomes a file in
// tests/scenario/fuzz_regressions/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/exercise.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Both variants: the contrast one rewrites the document through JSON pointers taken from the
  // input itself before reading it, a path the lesson variant never takes.
  ksim::fuzz::exercise(text, ksim::scenario::Variant::kLesson);
  ksim::fuzz::exercise(text, ksim::scenario::Variant::kContrast);
  return 0;
}
