// Checks that a checked-in generated document matches what the code generates now, and
// rewrites it when KSIM_UPDATE_DOCS=1 (the explicit switch that updates generated docs).
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace ksim::testing {

// `relative_path` is from the repository root; `regenerate` is the command to print.
inline void check_generated_doc(const std::string& relative_path, const std::string& expected,
                                const std::string& regenerate) {
  const std::string path = std::string(KSIM_SOURCE_DIR) + "/" + relative_path;
  const char* update = std::getenv("KSIM_UPDATE_DOCS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << expected;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream actual;
  actual << in.rdbuf();
  if (actual.str() != expected) {
    std::cerr << path << " is out of date. Regenerate it with:\n  " << regenerate << "\n";
  }
  CHECK(actual.str() == expected);
}

}  // namespace ksim::testing
