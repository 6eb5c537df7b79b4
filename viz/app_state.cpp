#include "viz/app_state.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "engine/proto/action.h"
#include "engine/scenario/build.h"
#include "engine/trace/beat.h"
#include "viz/file_commands.h"
#include "viz/fork.h"

namespace ksim::viz {
namespace {

std::vector<NoteMark> find_notes(const trace::Trace& trace) {
  std::vector<NoteMark> notes;
  for (size_t i = 0; i < trace.size(); ++i) {
    const trace::TraceEntry& e = trace.entry(Step{static_cast<int64_t>(i)});
    if (e.kind == trace::EventKind::kAction &&
        e.what == static_cast<uint16_t>(proto::ActionKind::kNote)) {
      notes.push_back(
          {.step = static_cast<int64_t>(i), .index = static_cast<int32_t>(e.a), .pause = e.b != 0});
    }
  }
  return notes;
}

// Seeks to p and keeps `previous` the world one step before it.
void seek_keeping_previous(AppState& app, int64_t p) {
  const int64_t from = app.timeline.position();
  if (p == from && (p == 0 || app.previous)) return;
  if (p == 0) {
    app.previous.reset();
  } else if (p == from + 1) {
    app.previous = app.timeline.current();
  } else {
    app.timeline.seek(p - 1);
    app.previous = app.timeline.current();
  }
  app.timeline.seek(p);
}

// Moves to position p and shows the world's own instant there.
void go_to(AppState& app, int64_t p) {
  seek_keeping_previous(app, std::clamp<int64_t>(p, 0, app.timeline.recorded()));
  app.playback.view_time_us = static_cast<double>(app.timeline.current().now().us);
}

SimTime time_of_step(const AppState& app, int64_t step) {
  return app.timeline.trace().entry(Step{step}).time;
}

// The first step in [from, to) that carries a pausing note, or -1.
int64_t first_pause_between(const AppState& app, int64_t from, int64_t to) {
  for (const NoteMark& n : app.notes) {
    if (n.step >= from && n.step < to && n.pause) return n.step;
  }
  return -1;
}

void start_playing(AppState& app) {
  if (app.timeline.position() >= app.timeline.recorded()) go_to(app, 0);
  app.playback.playing = true;
}

}  // namespace

AppState make_app_state(const scenario::Scenario& s, uint64_t seed, RunSource source) {
  static uint64_t next_run_serial = 1;
  AppState app{
      .run_serial = next_run_serial++,
      .scenario_name = s.name,
      .scenario = s,
      .seed = seed,
      .source = std::move(source),
      .names = scenario::names_of(s),
      .timeline = world::Timeline(scenario::build_world(s, seed),
                                  trace::TraceHeader{.scenario = s.name, .seed = seed}),
      .notes = {},
      .expects = {},
      .marks = {},
      .fork_actions = {},
      .error = {},
      .status = {},
      .playback = {},
      .selected = {},
      .previous = std::nullopt,
      .pending = {},
  };
  scenario::LessonCheck check(app.scenario);
  check.record(app.timeline, world::RunLimits{.until = s.stop_at});
  app.expects = check.results();
  app.notes = find_notes(app.timeline.trace());
  app.marks = timeline_marks(app.timeline.trace(), app.names, app.expects);
  go_to(app, 0);
  return app;
}

void apply_commands(AppState& app) {
  // A fork rebuilds the app (and its pending list): apply a copy of the commands.
  const std::vector<Command> commands = std::move(app.pending);
  app.pending.clear();
  for (const Command& c : commands) {
    std::visit(
        [&](const auto& cmd) {
          using C = std::decay_t<decltype(cmd)>;
          if constexpr (std::is_same_v<C, SeekTo>) {
            go_to(app, cmd.position);
          } else if constexpr (std::is_same_v<C, StepBy>) {
            app.playback.playing = false;
            go_to(app, app.timeline.position() + cmd.delta);
          } else if constexpr (std::is_same_v<C, Play>) {
            start_playing(app);
          } else if constexpr (std::is_same_v<C, Pause>) {
            app.playback.playing = false;
          } else if constexpr (std::is_same_v<C, TogglePlay>) {
            if (app.playback.playing) {
              app.playback.playing = false;
            } else {
              start_playing(app);
            }
          } else if constexpr (std::is_same_v<C, StepBeats>) {
            app.playback.playing = false;
            go_to(app, beat_position(app.timeline.trace(), app.timeline.position(), cmd.delta));
          } else if constexpr (std::is_same_v<C, Select>) {
            app.selected = cmd.what;
          } else if constexpr (std::is_same_v<C, Fork>) {
            app.playback.playing = false;
            app.error = fork_run(app, cmd);
          } else if constexpr (std::is_same_v<C, OpenScenario>) {
            app.error = open_scenario(app, cmd);
          } else if constexpr (std::is_same_v<C, SaveFork>) {
            app.error = save_fork(app, cmd);
          } else if constexpr (std::is_same_v<C, ExportTrace>) {
            app.error = export_trace(app, cmd);
          } else {
            static_assert(std::is_same_v<C, SetSpeed>, "every command is handled");
            app.playback.speed_sim_ms_per_s =
                std::clamp(cmd.sim_ms_per_s, Playback::kMinSpeed, Playback::kMaxSpeed);
          }
        },
        c);
  }
}

void advance_playback(AppState& app, double wall_seconds) {
  if (!app.playback.playing) return;
  const int64_t recorded = app.timeline.recorded();
  const int64_t from = app.timeline.position();
  if (from >= recorded) {
    app.playback.playing = false;
    return;
  }
  double t = app.playback.view_time_us + wall_seconds * app.playback.speed_sim_ms_per_s * 1000.0;
  int64_t target = steps_until(app.timeline.trace(), SimTime::from_us(static_cast<int64_t>(t)));
  // The position only moves forward while playing.
  target = std::max(target, from);
  if (const int64_t stop = first_pause_between(app, from, target); stop >= 0) {
    go_to(app, stop + 1);
    app.playback.playing = false;
    return;
  }
  seek_keeping_previous(app, target);
  if (target >= recorded) {
    go_to(app, recorded);
    app.playback.playing = false;
    return;
  }
  // Invariant: the view time stays before the next step, so the picture is the world's.
  const double next_us = static_cast<double>(time_of_step(app, target).us);
  app.playback.view_time_us = std::clamp(t, static_cast<double>(app.timeline.current().now().us),
                                         std::nextafter(next_us, 0.0));
}

SimTime view_time(const AppState& app) {
  const SimTime now = app.timeline.current().now();
  const auto t = SimTime::from_us(static_cast<int64_t>(std::floor(app.playback.view_time_us)));
  return std::max(now, t);
}

int64_t steps_until(const trace::Trace& trace, SimTime t) {
  int64_t lo = 0;
  int64_t hi = static_cast<int64_t>(trace.size());
  while (lo < hi) {  // the first step later than t
    const int64_t mid = lo + (hi - lo) / 2;
    if (trace.entry(Step{mid}).time <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

const NoteMark* current_note(const AppState& app) {
  const int64_t p = app.timeline.position();
  const auto it = std::partition_point(app.notes.begin(), app.notes.end(),
                                       [&](const NoteMark& n) { return n.step < p; });
  return it == app.notes.begin() ? nullptr : &*(it - 1);
}

}  // namespace ksim::viz

namespace ksim::viz {

int64_t beat_position(const trace::Trace& trace, int64_t from, int64_t delta) {
  const auto steps = static_cast<int64_t>(trace.size());
  int64_t p = from;
  // Position p shows step p - 1 as the last one delivered.
  for (int64_t moved = 0; moved < std::abs(delta); ++moved) {
    if (delta > 0) {
      int64_t s = p;  // the next step to deliver
      while (s < steps && !trace::is_lesson_beat(trace, Step{s})) ++s;
      p = std::min(s + 1, steps);
    } else {
      int64_t s = p - 2;  // the step before the one shown
      while (s >= 0 && !trace::is_lesson_beat(trace, Step{s})) --s;
      p = std::max<int64_t>(s + 1, 0);
    }
  }
  return p;
}

namespace {

bool is_fault(proto::ActionKind k) {
  using proto::ActionKind;
  return k == ActionKind::kCrashNode || k == ActionKind::kRestartNode ||
         k == ActionKind::kPartitionNetwork || k == ActionKind::kHealNetwork ||
         k == ActionKind::kSetLink || k == ActionKind::kControlledShutdown;
}

}  // namespace

std::vector<TimelineMark> timeline_marks(const trace::Trace& trace, const trace::NameTable& names,
                                         const std::vector<scenario::ExpectResult>& expects) {
  std::vector<TimelineMark> marks;
  for (size_t i = 0; i < trace.size(); ++i) {
    const Step step{static_cast<int64_t>(i)};
    const trace::TraceEntry& e = trace.entry(step);
    if (e.kind != trace::EventKind::kAction) continue;
    const auto kind = static_cast<proto::ActionKind>(e.what);
    if (kind == proto::ActionKind::kNote) {
      marks.push_back({step.value, MarkKind::kNote, trace::describe_entry(e, names)});
    } else if (is_fault(kind)) {
      marks.push_back({step.value, MarkKind::kFault, trace::describe_entry(e, names)});
    }
  }
  for (const scenario::ExpectResult& r : expects) {
    const std::string what = static_cast<size_t>(r.index) < names.expects.size()
                                 ? names.expects[static_cast<size_t>(r.index)]
                                 : "expectation";
    marks.push_back(
        {r.step, r.passed ? MarkKind::kExpectPassed : MarkKind::kExpectFailed,
         fmt::format("expect: {} ({}; found {})", what, r.passed ? "passed" : "FAILED", r.found)});
  }
  for (const trace::Observation& o : trace.observations()) {
    marks.push_back(
        {o.step.value, MarkKind::kObservation, fmt::format("{}: {}", o.invariant, o.detail)});
  }
  std::stable_sort(marks.begin(), marks.end(),
                   [](const TimelineMark& a, const TimelineMark& b) { return a.step < b.step; });
  return marks;
}

}  // namespace ksim::viz
