// The scrubber's markers: positions along the bar, merging of crowded marks, the kind shown.
#include "viz/scrubber.h"

#include <catch2/catch.hpp>

#include "tests/viz/lesson_app.h"

using namespace ksim::viz;

TEST_CASE("Scrubber ticks sit at their positions and merge when crowded", "[viz]") {
  const std::vector<TimelineMark> marks = {
      {9, MarkKind::kNote, "a"},           // position 10 of 100: x = 100
      {10, MarkKind::kFault, "b"},         // x = 110
      {11, MarkKind::kNote, "c"},          // x = 120
      {49, MarkKind::kExpectPassed, "d"},  // x = 500
      {49, MarkKind::kObservation, "e"},   // merged, and wins
      {99, MarkKind::kNote, "f"},          // x = 1000, the end
  };
  const std::vector<ScrubberTick> t = scrubber_ticks(marks, 100, 1000);
  REQUIRE(t.size() == 5);
  CHECK(t[0].x == Approx(100));
  CHECK(t[1].x == Approx(110));
  CHECK(t[1].kind == MarkKind::kFault);
  CHECK(t[3].x == Approx(500));
  CHECK(t[3].count == 2);
  CHECK(t[3].first == 3);
  CHECK(t[3].kind == MarkKind::kObservation);
  CHECK(t[3].step == 49);
  CHECK(t[4].x == Approx(1000));

  // Narrower: the first three fall within 4 px and merge; the fault outranks the notes.
  const std::vector<ScrubberTick> narrow = scrubber_ticks(marks, 100, 100);
  REQUIRE(narrow.size() == 3);
  CHECK(narrow[0].count == 3);
  CHECK(narrow[0].kind == MarkKind::kFault);
  CHECK(scrubber_ticks(marks, 0, 100).empty());
}

TEST_CASE("A long lesson's marks stay a readable number of ticks", "[viz]") {
  // Goal: demo_1's many notes on a 1264 px scrubber never make more ticks than pixels / 4.
  const AppState app = ksim::viz::testing::lesson_app("demo_1");
  REQUIRE(app.marks.size() > 10);
  const std::vector<ScrubberTick> t = scrubber_ticks(app.marks, app.timeline.recorded(), 1264);
  CHECK(t.size() <= 1264 / 4 + 1);
  size_t covered = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    covered += t[i].count;
    if (i > 0) CHECK(t[i].x - t[i - 1].x >= 4);
  }
  CHECK(covered == app.marks.size());
}
