// The loaded run and everything the viewer does to it. Panels read an AppState through a const
// reference and push Commands; the frame loop applies them between frames (apply_commands) and
// moves playback forward (advance_playback). Nothing here knows ImGui, so tests drive the
// viewer's behaviour without a window. The run is recorded with the lesson's checks (each
// expectation's result, the invariants' observations), so the timeline can mark them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/scenario/lesson_check.h"
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
// Move by `delta` lesson beats (engine/trace/beat.h): past steps that change nothing a learner
// can see.
struct StepBeats {
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

// Fork the run at the current position with scenario timeline actions, as the scenario file
// writes them without their time (`{"action": "crash", "node": "broker-2"}`): they are
// anchored right after the last step delivered, so the saved fork replays exactly
// (viz/fork.h). `label` narrates the fork in a note ("viewer: crash broker-2").
struct Fork {
  std::string label;
  std::vector<nlohmann::ordered_json> actions;
};

// Open a scenario file or a lesson name in place of the current run. With `keep_position`
// (a reload after the file changed) the viewer returns to the same position if it still exists.
struct OpenScenario {
  std::string arg;
  bool keep_position = false;
};
// Write the run's scenario document, with the viewer's forks, to `path`.
struct SaveFork {
  std::string path;
};
// Write steps [from, to) in one of the CLI's export formats (cli/export/exporter.h) to `path`.
struct ExportTrace {
  std::string format;
  int64_t from = 0;
  int64_t to = 0;
  std::string path;
};

using Command = std::variant<SeekTo, StepBy, StepBeats, Play, Pause, TogglePlay, SetSpeed, Select,
                             Fork, OpenScenario, SaveFork, ExportTrace>;

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

// What the timeline scrubber marks.
enum class MarkKind { kFault, kNote, kExpectPassed, kExpectFailed, kObservation, kFork };

struct TimelineMark {
  int64_t step = 0;
  MarkKind kind = MarkKind::kNote;
  std::string label;  // the tooltip: "crash broker-2", "expect: group demo.1 is Stable (passed)"
};

// The file a run came from, kept as its JSON document so a fork can add to it and be saved.
struct RunSource {
  nlohmann::ordered_json document;  // null when the run was built from a Scenario alone
  std::string path;                 // where it was read; "" when none
};

struct AppState {
  // Distinguishes runs: each make_app_state (an open, a reload, a fork) gets a new serial, so
  // what a panel caches for a position is not reused for another run's.
  uint64_t run_serial = 0;
  std::string scenario_name;
  scenario::Scenario scenario;
  uint64_t seed = 0;
  RunSource source;
  trace::NameTable names;
  world::Timeline timeline;
  std::vector<NoteMark> notes;                  // every note in the recording, by step: built once
  std::vector<scenario::ExpectResult> expects;  // by expectation, for those the run reached
  std::vector<TimelineMark> marks;              // by step
  // The actions the viewer added (with their anchors), in order: what a saved fork adds.
  std::vector<nlohmann::ordered_json> fork_actions;
  std::string error;   // why the last command failed, shown until the next one succeeds
  std::string status;  // what the last file command did ("saved ...")
  Playback playback;
  Selection selected;
  // The world one step before the current position (nullopt at position 0): what the inspector
  // and the views compare with to show what the last step changed. Kept in step with seeks.
  std::optional<world::World> previous;
  std::vector<Command> pending;  // filled by panels, drained by apply_commands
};

// Builds the world, records the run up to the scenario's stop time with the lesson's checks, and
// starts at position 0. With a `source`, the run can be forked and saved.
AppState make_app_state(const scenario::Scenario& s, uint64_t seed, RunSource source = {});

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

// The position `delta` lesson beats away from `from` (a beat at step s is shown at position
// s + 1); the first or last position when there are no more beats that way.
int64_t beat_position(const trace::Trace& trace, int64_t from, int64_t delta);

// The expectation results and observations as marks, with the faults and notes of the trace.
std::vector<TimelineMark> timeline_marks(const trace::Trace& trace, const trace::NameTable& names,
                                         const std::vector<scenario::ExpectResult>& expects);

}  // namespace ksim::viz
