// The terminal step-through: a timeline, a position, and the commands a learner types (next
// event, next lesson beat, back, jump to a step or a time, describe, where, help, quit). Pure
// over its streams so tests drive it.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "engine/scenario/scenario.h"
#include "engine/trace/render.h"
#include "engine/world/timeline.h"

namespace ksim::cli {

class StepSession {
 public:
  StepSession(const scenario::Scenario& s, uint64_t seed);

  // Runs one command line; returns false when the learner quit.
  bool command(const std::string& line, std::ostream& out);
  // Reads commands until quit or end of input.
  void interact(std::istream& in, std::ostream& out);

  int64_t position() const { return timeline_.position(); }
  const world::Timeline& timeline() const { return timeline_; }

 private:
  void show_last(std::ostream& out) const;
  void forward(int64_t count, std::ostream& out);
  // Moves past `count` lesson beats (engine/trace/beat.h), saying how many quiet steps it
  // skipped on the way.
  void forward_beats(int64_t count, std::ostream& out);

  trace::NameTable names_;
  world::Timeline timeline_;
  world::RunLimits limits_;
};

}  // namespace ksim::cli
