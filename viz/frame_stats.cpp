#include "viz/frame_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ksim::viz {

double FrameStats::percentile(double q) const {
  if (ms_.empty()) return 0;
  std::vector<double> sorted = ms_;
  std::sort(sorted.begin(), sorted.end());
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

std::string FrameStats::summary() const {
  return fmt::format("frames {}  median {:.2f} ms  p99 {:.2f} ms  (60 fps budget 16.67 ms)",
                     ms_.size(), percentile(0.5), percentile(0.99));
}

}  // namespace ksim::viz
