#include "viz/scrubber.h"

namespace ksim::viz {
namespace {

int importance(MarkKind k) {
  switch (k) {
    case MarkKind::kObservation:
      return 5;
    case MarkKind::kExpectFailed:
      return 4;
    case MarkKind::kFork:
      return 3;
    case MarkKind::kFault:
      return 2;
    case MarkKind::kExpectPassed:
      return 1;
    case MarkKind::kNote:
      return 0;
  }
  return 0;
}

}  // namespace

std::vector<ScrubberTick> scrubber_ticks(const std::vector<TimelineMark>& marks, int64_t recorded,
                                         float width, float merge_px) {
  std::vector<ScrubberTick> ticks;
  if (recorded <= 0 || width <= 0) return ticks;
  for (size_t i = 0; i < marks.size(); ++i) {
    // A mark at step s is seen from position s + 1.
    const auto position = static_cast<double>(marks[i].step + 1);
    const float x = static_cast<float>(position / static_cast<double>(recorded) * width);
    if (!ticks.empty() && x - ticks.back().x < merge_px) {
      ScrubberTick& t = ticks.back();
      ++t.count;
      if (importance(marks[i].kind) > importance(t.kind)) t.kind = marks[i].kind;
      continue;
    }
    ticks.push_back({.x = x, .kind = marks[i].kind, .first = i, .count = 1, .step = marks[i].step});
  }
  return ticks;
}

Rgba mark_color(MarkKind kind) {
  switch (kind) {
    case MarkKind::kObservation:
      return {255, 80, 200, 255};
    case MarkKind::kExpectFailed:
      return {240, 60, 60, 255};
    case MarkKind::kFork:
      return {80, 200, 255, 255};
    case MarkKind::kFault:
      return {255, 150, 40, 255};
    case MarkKind::kExpectPassed:
      return {80, 210, 100, 255};
    case MarkKind::kNote:
      return {200, 200, 200, 255};
  }
  return {200, 200, 200, 255};
}

}  // namespace ksim::viz
