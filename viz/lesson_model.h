// What the lesson tab lists, computed without ImGui: each note as a chapter (its step, time and
// first line), each expectation with its status at the current position, each observation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "viz/app_state.h"

namespace ksim::viz {

struct Chapter {
  int64_t step = 0;
  double at_s = 0;
  std::string title;  // the note's first sentence, at most ~70 characters
  bool pause = false;
  bool current = false;  // the note shown at the current position
  bool future = false;   // not reached yet
};
std::vector<Chapter> chapters(const AppState& app);

// Pending until the run reaches the expectation's step, then what the check found.
enum class ExpectStatus { kPending, kPassed, kFailed };
struct ExpectRow {
  std::string what;  // "group demo.1 is Stable"
  ExpectStatus status = ExpectStatus::kPending;
  int64_t step = -1;  // -1: the run never reaches it
  std::string found;  // shown once reached
};
std::vector<ExpectRow> expect_rows(const AppState& app);

// True when playback stopped at a note marked "pause": the learner reads, then continues.
bool waiting_at_pause(const AppState& app);

}  // namespace ksim::viz
