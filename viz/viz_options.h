// The command line of kafkasim-viz, parsed by hand (a few flags do not justify CLI11's compile
// time in this target):
//   kafkasim-viz [SCENARIO] [--at STEP] [--seed N] [--view NAME] [--screenshot FILE]
//                [--size WxH] [--stats] [--select SPEC]
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ksim::viz {

// The view in the main area.
enum class ViewName { kCluster, kPartitions, kGroups };
// "cluster", "partitions", "groups".
const char* view_name(ViewName v);

struct VizOptions {
  std::string scenario;                   // a path or a lesson name; empty: the lesson list
  std::optional<int64_t> at;              // the position to open at (events delivered)
  std::optional<uint64_t> seed;           // default: the scenario's
  std::optional<std::string> screenshot;  // write a PNG and exit instead of opening a window
  ViewName view = ViewName::kCluster;
  std::optional<std::string> select;  // viz/selection_spec.h, resolved once the run is loaded
  int width = 1280;
  int height = 800;
  // Print frame times (median, 99th percentile) at exit; with --screenshot, over
  // kStatsFrames frames drawn before the picture is taken.
  bool stats = false;
  bool help = false;
};

struct ParsedOptions {
  std::optional<VizOptions> options;  // set when `error` is empty
  std::string error;
};

ParsedOptions parse_viz_options(const std::vector<std::string>& args);

extern const char* const kVizUsage;

}  // namespace ksim::viz
