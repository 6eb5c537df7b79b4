// Lesson beats: the steps a learner would want to stop at. A step is noise if and only if it
// changes no state a learner can see: no scenario action, no state change beyond bookkeeping
// (a metadata offset), no records carried (a produce, a replica's or a consumer's fetch), no
// acknowledgement reaching a producer, no client message lost. Stepping by beats skips the
// heartbeats, empty fetches and timers that keep a cluster alive but tell no story.
#pragma once

#include "engine/trace/trace.h"

namespace ksim::trace {

bool is_lesson_beat(const Trace& trace, Step step);

}  // namespace ksim::trace
