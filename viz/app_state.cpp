#include "viz/app_state.h"

#include <algorithm>
#include <cmath>

#include "engine/proto/action.h"
#include "engine/scenario/build.h"

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

AppState make_app_state(const scenario::Scenario& s, uint64_t seed) {
  AppState app{
      .scenario_name = s.name,
      .names = scenario::names_of(s),
      .timeline = world::Timeline(scenario::build_world(s, seed),
                                  trace::TraceHeader{.scenario = s.name, .seed = seed}),
      .notes = {},
      .playback = {},
      .selected = {},
      .previous = std::nullopt,
      .pending = {},
  };
  app.timeline.record(world::RunLimits{.until = s.stop_at});
  app.notes = find_notes(app.timeline.trace());
  go_to(app, 0);
  return app;
}

void apply_commands(AppState& app) {
  for (const Command& c : app.pending) {
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
          } else if constexpr (std::is_same_v<C, Select>) {
            app.selected = cmd.what;
          } else {
            static_assert(std::is_same_v<C, SetSpeed>, "every command is handled");
            app.playback.speed_sim_ms_per_s =
                std::clamp(cmd.sim_ms_per_s, Playback::kMinSpeed, Playback::kMaxSpeed);
          }
        },
        c);
  }
  app.pending.clear();
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
