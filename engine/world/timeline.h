// The timeline: a recorded run that can be viewed at any step, backward or forward. It keeps
// the trace, a checkpoint (a copy of the world) every `checkpoint_every` steps, and the world
// at the current position. Seeking restores the nearest checkpoint at or before the target and
// replays without recording. Position p means "p events delivered": the world before step p.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/trace/trace.h"
#include "engine/world/world.h"

namespace ksim::world {

struct RunLimits {
  SimTime until = SimTime::never();  // deliver no event after this time
  int64_t max_steps = INT64_MAX;     // total steps in the trace at most
};

// Called after each recorded step with the world just after it (a lesson's checks). It may add
// observations to the trace (trace::Trace::observe, engine/check's invariants), nothing else.
using StepObserver = std::function<void(const World&, trace::Trace&, Step)>;
// Called once a recording is over, with the world at its end: whole-run checks, whose
// observations go to the trace's last step.
using RunObserver = std::function<void(const World&, trace::Trace&)>;

// The checkpoint interval of a run nobody will seek (kafkasim run, a benchmark): only the start
// is kept. A checkpoint copies the whole world, so a run of thousands of partitions would spend
// gigabytes on copies it never restores.
inline constexpr int64_t kRecordOnly = INT64_MAX;

class Timeline {
 public:
  Timeline(World initial, trace::TraceHeader header, int64_t checkpoint_every = 1024);

  // Extends the recording within `limits`; returns the number of steps added. The current
  // position does not move.
  int64_t record(RunLimits limits, const StepObserver& observe = nullptr);
  // Runs `check` on the world at the end of the recording (whole-run validations).
  void conclude(const RunObserver& check) { check(head_, trace_); }
  // True when the last record() stopped because no event was left.
  bool exhausted() const { return exhausted_; }

  int64_t recorded() const { return head_.steps_done; }
  const trace::Trace& trace() const { return trace_; }
  const World& head() const { return head_; }

  int64_t position() const { return current_.steps_done; }
  const World& current() const { return current_; }
  // Requires: 0 <= p <= recorded().
  void seek(int64_t p);

  size_t checkpoint_count() const { return checkpoints_.size(); }
  int64_t checkpoint_every() const { return every_; }

 private:
  int64_t every_;
  std::vector<World> checkpoints_;  // checkpoints_[i] is the world at position i * every_
  World head_;                      // the world at the end of the recording
  World current_;                   // the world at the viewed position
  trace::Trace trace_;
  bool exhausted_ = false;
};

}  // namespace ksim::world
