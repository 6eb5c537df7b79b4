// The timeline scrubber's markers: each TimelineMark at its x position along the scrubber, with
// marks closer than a few pixels merged into one tick (a long lesson has hundreds of notes and
// heartbeat-dense faults), the tick showing its most important kind: an observation over a
// failed expectation over a fork over a fault over a passed expectation over a note.
#pragma once

#include <cstdint>
#include <vector>

#include "viz/app_state.h"
#include "viz/geometry.h"

namespace ksim::viz {

struct ScrubberTick {
  float x = 0;  // from the scrubber's left edge
  MarkKind kind = MarkKind::kNote;
  size_t first = 0;  // index of its first mark in the marks passed in
  size_t count = 0;  // marks merged into it
  int64_t step = 0;  // the step of its first mark: a click seeks just after it
};

// Ticks for `marks` (sorted by step) on a scrubber `width` pixels wide over positions
// 0..recorded; marks within `merge_px` of a tick's first mark join it.
std::vector<ScrubberTick> scrubber_ticks(const std::vector<TimelineMark>& marks, int64_t recorded,
                                         float width, float merge_px = 4);

// The colour of a mark kind, shared by the scrubber and the lesson panel.
Rgba mark_color(MarkKind kind);

}  // namespace ksim::viz
