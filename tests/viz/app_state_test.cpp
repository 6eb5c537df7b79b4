#include "viz/app_state.h"

#include <catch2/catch.hpp>

#include "engine/trace/beat.h"
#include "tests/viz/lesson_app.h"
#include "tests/viz/viz_fixture.h"
#include "viz/panel_layout.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

TEST_CASE("The viewer records the whole run and opens at position zero", "[viz]") {
  // Goal: make_app_state records up to the scenario's stop time and indexes its notes once.
  const AppState app = toy_app();
  CHECK(app.timeline.recorded() > 200);
  CHECK(app.timeline.position() == 0);
  CHECK_FALSE(app.playback.playing);
  CHECK(app.notes.size() == 3);
  CHECK(app.timeline.trace().entry(Step{app.timeline.recorded() - 1}).time <=
        SimTime::from_ms(3000));
}

TEST_CASE("Commands from panels change the position only when applied", "[viz]") {
  // Goal: panels queue commands; apply_commands runs them in order, clamps, and clears them.
  AppState app = toy_app();
  app.pending.push_back(SeekTo{50});
  CHECK(app.timeline.position() == 0);
  apply_commands(app);
  CHECK(app.timeline.position() == 50);
  CHECK(app.pending.empty());

  app.pending = {StepBy{1}, StepBy{1}, StepBy{-5}};
  apply_commands(app);
  CHECK(app.timeline.position() == 47);

  app.pending = {SeekTo{1'000'000}};
  apply_commands(app);
  CHECK(app.timeline.position() == app.timeline.recorded());
  app.pending = {SeekTo{-3}};
  apply_commands(app);
  CHECK(app.timeline.position() == 0);
  CHECK(view_time(app) == app.timeline.current().now());
}

TEST_CASE("Play, pause and speed commands drive playback", "[viz]") {
  // Goal: play toggles, speed is clamped, and playing at the end starts again from zero.
  AppState app = toy_app();
  app.pending = {TogglePlay{}};
  apply_commands(app);
  CHECK(app.playback.playing);
  app.pending = {Pause{}};
  apply_commands(app);
  CHECK_FALSE(app.playback.playing);
  app.pending = {SetSpeed{1e9}};
  apply_commands(app);
  CHECK(app.playback.speed_sim_ms_per_s == Playback::kMaxSpeed);

  app.pending = {SeekTo{app.timeline.recorded()}, Play{}};
  apply_commands(app);
  CHECK(app.playback.playing);
  CHECK(app.timeline.position() == 0);
}

TEST_CASE("Playback advances simulated time at the chosen speed", "[viz]") {
  // Goal: one wall second at S sim-ms/s shows the world at S ms, with every step up to then.
  AppState app = toy_app();
  app.pending = {SetSpeed{250}, Play{}};
  apply_commands(app);
  advance_playback(app, 0.5);
  advance_playback(app, 0.5);
  CHECK(app.playback.playing);
  CHECK(view_time(app) == SimTime::from_ms(250));
  CHECK(app.timeline.position() == steps_until(app.timeline.trace(), SimTime::from_ms(250)));
  CHECK(app.timeline.current().now() <= SimTime::from_ms(250));

  // Paused, nothing moves.
  app.pending = {Pause{}};
  apply_commands(app);
  const int64_t p = app.timeline.position();
  advance_playback(app, 10);
  CHECK(app.timeline.position() == p);
}

TEST_CASE("Playback stops at a note marked pause, then at the end of the run", "[viz]") {
  // Goal: the partition's narration (pause: true) halts playback right after its step.
  AppState app = toy_app();
  const NoteMark* pausing = nullptr;
  for (const NoteMark& n : app.notes) {
    if (n.pause) pausing = &n;
  }
  REQUIRE(pausing != nullptr);
  app.pending = {SetSpeed{Playback::kMaxSpeed}, Play{}};
  apply_commands(app);
  for (int i = 0; i < 100 && app.playback.playing; ++i) advance_playback(app, 0.1);
  CHECK_FALSE(app.playback.playing);
  CHECK(app.timeline.position() == pausing->step + 1);
  REQUIRE(current_note(app) != nullptr);
  CHECK(current_note(app)->step == pausing->step);

  app.pending = {Play{}};
  apply_commands(app);
  for (int i = 0; i < 100 && app.playback.playing; ++i) advance_playback(app, 0.1);
  CHECK_FALSE(app.playback.playing);
  CHECK(app.timeline.position() == app.timeline.recorded());
}

TEST_CASE("steps_until counts the steps at or before a time", "[viz]") {
  // Goal: the binary search behind playback matches a linear count.
  const AppState app = toy_app();
  const trace::Trace& t = app.timeline.trace();
  for (int64_t ms : {0, 1, 100, 105, 800, 1800, 2999, 5000}) {
    int64_t linear = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t.entry(Step{static_cast<int64_t>(i)}).time <= SimTime::from_ms(ms)) ++linear;
    }
    CHECK(steps_until(t, SimTime::from_ms(ms)) == linear);
  }
}

TEST_CASE("Panels tile the window without overlapping", "[viz]") {
  // Goal: below the menu bar, the view, the inspector over the side panel, and the time
  // controls cover the window exactly, at any size, and the view gets the most room.
  for (const auto& [w, h] : {std::pair{1280.0f, 800.0f}, std::pair{800.0f, 600.0f}}) {
    const float menu_h = 19;
    const PanelRects r = tile_panels(w, h, menu_h);
    CHECK(r.main.y == Approx(menu_h));
    CHECK(r.main.w + r.inspector.w == Approx(w));
    CHECK(r.inspector.w == Approx(r.side.w));
    CHECK(r.inspector.x == Approx(r.main.w));
    CHECK(r.side.y == Approx(r.inspector.y + r.inspector.h));
    CHECK(r.inspector.h + r.side.h == Approx(r.main.h));
    CHECK(menu_h + r.main.h + r.time.h == Approx(h));
    CHECK(r.time.y == Approx(r.main.y + r.main.h));
    CHECK(r.time.w == Approx(w));
    CHECK(r.main.w > r.side.w * 1.5f);
  }
}

TEST_CASE("Stepping by lesson beats skips the steps that change nothing visible", "[viz]") {
  // Goal: a beat step lands just after a step that engine/trace/beat.h calls a beat, every step
  // skipped on the way is not one, and going back returns to the previous beat.
  AppState app = lesson_app("replication_failover");
  const trace::Trace& t = app.timeline.trace();
  int64_t p = 0;
  int64_t hops = 0;
  while (p < app.timeline.recorded() && hops < 200) {
    const int64_t next = beat_position(t, p, 1);
    REQUIRE(next > p);
    for (int64_t s = p; s < next - 1; ++s) CHECK_FALSE(trace::is_lesson_beat(t, Step{s}));
    if (next < app.timeline.recorded()) CHECK(trace::is_lesson_beat(t, Step{next - 1}));
    CHECK(beat_position(t, next, -1) <= p + 1);
    p = next;
    ++hops;
  }
  CHECK(hops > 20);
  // The quiet steps are many: heartbeats, empty fetches, timers.
  CHECK(hops * 3 < app.timeline.recorded());
  CHECK(beat_position(t, 0, -1) == 0);
  CHECK(beat_position(t, app.timeline.recorded(), 1) == app.timeline.recorded());

  seek(app, 0);
  app.pending.push_back(StepBeats{3});
  apply_commands(app);
  CHECK(app.timeline.position() ==
        beat_position(t, beat_position(t, beat_position(t, 0, 1), 1), 1));
}

TEST_CASE("The timeline marks faults, notes, expectations and observations", "[viz]") {
  // Goal: the scrubber's markers come from the recorded run with the lesson's checks:
  // unclean_election crashes brokers, narrates, asserts, and loses committed records.
  const AppState app = lesson_app("unclean_election");
  int faults = 0;
  int notes = 0;
  int passed = 0;
  int observations = 0;
  for (const TimelineMark& m : app.marks) {
    REQUIRE(m.step >= 0);
    REQUIRE(m.step < app.timeline.recorded());
    switch (m.kind) {
      case MarkKind::kFault:
        ++faults;
        break;
      case MarkKind::kNote:
        ++notes;
        break;
      case MarkKind::kExpectPassed:
        ++passed;
        break;
      case MarkKind::kObservation:
        ++observations;
        CHECK_FALSE(m.label.empty());
        break;
      default:
        FAIL("unexpected mark " << m.label);
    }
  }
  CHECK(faults >= 2);
  CHECK(notes == static_cast<int>(app.notes.size()));
  CHECK(passed == static_cast<int>(app.scenario.expects.size()));
  CHECK(observations == static_cast<int>(app.timeline.trace().observations().size()));
  CHECK(observations >= 1);
  CHECK(
      std::is_sorted(app.marks.begin(), app.marks.end(),
                     [](const TimelineMark& a, const TimelineMark& b) { return a.step < b.step; }));
}
