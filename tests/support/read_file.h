// Reads a whole file as bytes (tests compare files byte for byte).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ksim::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ksim::testing
