// The command line of kafkasim-viz, parsed by hand (two flags do not justify CLI11's compile
// time in this target):
//   kafkasim-viz SCENARIO [--at STEP] [--seed N] [--screenshot FILE [--size WxH]]
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ksim::viz {

struct VizOptions {
  std::string scenario;                   // a path or a lesson name
  std::optional<int64_t> at;              // the position to open at (events delivered)
  std::optional<uint64_t> seed;           // default: the scenario's
  std::optional<std::string> screenshot;  // write a PNG and exit instead of opening a window
  int width = 1280;
  int height = 800;
  bool help = false;
};

struct ParsedOptions {
  std::optional<VizOptions> options;  // set when `error` is empty
  std::string error;
};

ParsedOptions parse_viz_options(const std::vector<std::string>& args);

extern const char* const kVizUsage;

}  // namespace ksim::viz
