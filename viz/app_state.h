// The loaded run and everything the viewer does to it. Panels read an AppState through a const
// reference and push Commands; the frame loop applies them between frames (apply_commands) and
// moves playback forward (advance_playback). Nothing here knows ImGui, so tests drive the
// viewer's behaviour without a window.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/scenario/scenario.h"
#include "engine/trace/render.h"
#include "engine/world/timeline.h"
#include "viz/selection.h"

namespace ksim::viz {

// Go to position p (p events delivered), clamped to the recording.
struct SeekTo {
  int64_t position = 0;
};
// Move by `delta` events (negative: back).
struct StepBy {
  int64_t delta = 0;
};
struct Play {};
struct Pause {};
struct TogglePlay {};
// Playback speed in simulated milliseconds per wall-clock second.
struct SetSpeed {
  double sim_ms_per_s = 0;
};

// Select something for the inspector (std::monostate clears the selection).
struct Select {
  Selection what;
};

using Command = std::variant<SeekTo, StepBy, Play, Pause, TogglePlay, SetSpeed, Select>;

// A narration note of the scenario and the step that shows it.
struct NoteMark {
  int64_t step = 0;
  int32_t index = 0;   // into names.notes
  bool pause = false;  // playback stops here
};

struct Playback {
  static constexpr double kMinSpeed = 1;
  static constexpr double kMaxSpeed = 2000;
  bool playing = false;
  double speed_sim_ms_per_s = 50;
  // The instant drawn, in simulated microseconds: the current world's time, or later while
  // playing (messages glide between events). Invariant: now <= view_time_us < next step's time.
  double view_time_us = 0;
};

struct AppState {
  std::string scenario_name;
  trace::NameTable names;
  world::Timeline timeline;
  std::vector<NoteMark> notes;  // every note in the recording, by step: built once
  Playback playback;
  Selection selected;
  // The world one step before the current position (nullopt at position 0): what the inspector
  // and the views compare with to show what the last step changed. Kept in step with seeks.
  std::optional<world::World> previous;
  std::vector<Command> pending;  // filled by panels, drained by apply_commands
};

// Builds the world, records the run up to the scenario's stop time, and starts at position 0.
AppState make_app_state(const scenario::Scenario& s, uint64_t seed);

// Applies and clears the pending commands, in order.
void apply_commands(AppState& app);

// Moves playback on by `wall_seconds` of real time: the view time advances at the chosen
// speed and the position follows it. Stops at the end and at notes marked "pause".
void advance_playback(AppState& app, double wall_seconds);

// The simulated instant to draw.
SimTime view_time(const AppState& app);

// How many recorded steps happen at or before `t`.
int64_t steps_until(const trace::Trace& trace, SimTime t);

// The latest note shown at or before the current position, or nullptr.
const NoteMark* current_note(const AppState& app);

}  // namespace ksim::viz
