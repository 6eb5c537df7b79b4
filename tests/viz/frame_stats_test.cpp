#include "viz/frame_stats.h"

#include <catch2/catch.hpp>

using ksim::viz::FrameStats;

TEST_CASE("Frame statistics give the median and the 99th percentile by nearest rank", "[viz]") {
  FrameStats s;
  CHECK(s.percentile(0.5) == 0);
  for (int i = 1; i <= 200; ++i) s.add(i == 200 ? 100.0 : 5.0 + i % 3);  // one slow frame
  CHECK(s.count() == 200);
  CHECK(s.percentile(0.5) == Approx(6.0));
  CHECK(s.percentile(0.99) == Approx(7.0));  // rank 198 of 200: not the single outlier
  CHECK(s.percentile(1.0) == Approx(100.0));
  CHECK(s.summary() == "frames 200  median 6.00 ms  p99 7.00 ms  (60 fps budget 16.67 ms)");
}
