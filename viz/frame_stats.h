// Frame times for `kafkasim-viz --stats`: each frame's duration, summarized as the median and
// the 99th percentile (nearest rank), the figures the viewer's frame budget is judged by.
#pragma once

#include <string>
#include <vector>

namespace ksim::viz {

class FrameStats {
 public:
  void add(double ms) { ms_.push_back(ms); }
  size_t count() const { return ms_.size(); }
  // The q-quantile (0 < q <= 1) by nearest rank; 0 with no frames.
  double percentile(double q) const;
  // "frames 200  median 4.1 ms  p99 7.9 ms  (60 fps budget 16.7 ms)".
  std::string summary() const;

 private:
  std::vector<double> ms_;
};

}  // namespace ksim::viz
