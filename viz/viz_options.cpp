#include "viz/viz_options.h"

#include <charconv>

namespace ksim::viz {

const char* const kVizUsage =
    "usage: kafkasim-viz [SCENARIO] [--at STEP] [--seed N] [--view NAME]\n"
    "                    [--screenshot FILE] [--size WxH] [--stats] [--select SPEC]\n"
    "  SCENARIO          a scenario file or a lesson name (e.g. demo_1); none: pick a lesson\n"
    "  --at STEP         open at position STEP (STEP events delivered; default 0)\n"
    "  --seed N          seed of the run (default: the scenario's)\n"
    "  --view NAME       the view shown: cluster (default), partitions or groups\n"
    "  --screenshot FILE render the window at --at STEP to a PNG file and exit\n"
    "  --size WxH        window size in pixels (default 1280x800)\n"
    "  --stats           print frame times (median and 99th percentile) when done\n"
    "  --select SPEC     select for the inspector: node:NAME, replica:TOPIC-P@BROKER or\n"
    "                    record:TOPIC-P@BROKER:OFFSET\n";

const char* view_name(ViewName v) {
  switch (v) {
    case ViewName::kCluster:
      return "cluster";
    case ViewName::kPartitions:
      return "partitions";
    case ViewName::kGroups:
      return "groups";
  }
  return "cluster";
}

namespace {

template <typename T>
bool parse_number(const std::string& text, T& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && ptr == end;
}

bool parse_size(const std::string& text, int& w, int& h) {
  const size_t x = text.find('x');
  if (x == std::string::npos) return false;
  return parse_number(text.substr(0, x), w) && parse_number(text.substr(x + 1), h) && w >= 64 &&
         h >= 64 && w <= 8192 && h <= 8192;
}

}  // namespace

ParsedOptions parse_viz_options(const std::vector<std::string>& args) {
  VizOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      o.help = true;
      return {o, ""};
    }
    const bool takes_value = a == "--at" || a == "--seed" || a == "--screenshot" || a == "--size" ||
                             a == "--view" || a == "--select";
    if (takes_value && i + 1 >= args.size()) return {std::nullopt, a + " needs a value"};
    if (a == "--at") {
      int64_t at = 0;
      if (!parse_number(args[++i], at) || at < 0) {
        return {std::nullopt, "--at expects a step number >= 0, found \"" + args[i] + "\""};
      }
      o.at = at;
    } else if (a == "--seed") {
      uint64_t seed = 0;
      if (!parse_number(args[++i], seed)) {
        return {std::nullopt, "--seed expects a number, found \"" + args[i] + "\""};
      }
      o.seed = seed;
    } else if (a == "--screenshot") {
      o.screenshot = args[++i];
    } else if (a == "--size") {
      if (!parse_size(args[++i], o.width, o.height)) {
        return {std::nullopt, "--size expects WxH (64..8192 each), found \"" + args[i] + "\""};
      }
    } else if (a == "--view") {
      const std::string& name = args[++i];
      bool known = false;
      for (ViewName v : {ViewName::kCluster, ViewName::kPartitions, ViewName::kGroups}) {
        if (name == view_name(v)) {
          o.view = v;
          known = true;
        }
      }
      if (!known) {
        return {std::nullopt,
                "--view expects cluster, partitions or groups, found \"" + name + "\""};
      }
    } else if (a == "--select") {
      o.select = args[++i];
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a.starts_with("-")) {
      return {std::nullopt, "unknown option \"" + a + "\""};
    } else if (o.scenario.empty()) {
      o.scenario = a;
    } else {
      return {std::nullopt, "one scenario only, found a second: \"" + a + "\""};
    }
  }
  if (o.scenario.empty() && o.screenshot) return {std::nullopt, "--screenshot needs a SCENARIO"};
  return {o, ""};
}

}  // namespace ksim::viz
