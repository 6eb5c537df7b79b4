#include "engine/world/timeline.h"

#include "engine/sim/check.h"

namespace ksim::world {

Timeline::Timeline(World initial, trace::TraceHeader header, int64_t checkpoint_every)
    : every_(checkpoint_every), head_(initial), current_(initial), trace_(std::move(header)) {
  KSIM_ASSERT(every_ > 0, "checkpoint interval must be positive");
  KSIM_ASSERT(initial.steps_done == 0, "a timeline starts before its first step");
  checkpoints_.push_back(std::move(initial));
}

int64_t Timeline::record(RunLimits limits, const StepObserver& observe) {
  const int64_t before = head_.steps_done;
  exhausted_ = false;
  while (head_.steps_done < limits.max_steps) {
    const StepResult r = step(head_, &trace_, limits.until);
    if (r == StepResult::kNoEvents) exhausted_ = true;
    if (r != StepResult::kStepped) break;
    if (observe) observe(head_, trace_, Step{head_.steps_done - 1});
    if (head_.steps_done % every_ == 0) checkpoints_.push_back(head_);
  }
  return head_.steps_done - before;
}

void Timeline::seek(int64_t p) {
  KSIM_ASSERT(p >= 0 && p <= recorded(), "seek outside the recorded run");
  const int64_t base = p / every_;
  const int64_t base_position = base * every_;
  // Replay from the current world when it lies between the checkpoint and the target.
  if (!(current_.steps_done <= p && current_.steps_done >= base_position)) {
    current_ = checkpoints_[static_cast<size_t>(base)];
  }
  while (current_.steps_done < p) {
    const StepResult r = step(current_, nullptr);
    KSIM_ASSERT(r == StepResult::kStepped, "replay ran out of events before the recorded position");
  }
}

}  // namespace ksim::world
