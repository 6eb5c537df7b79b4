// The lesson tab's lists: chapters from the notes, expectations pending until their step then
// passed or failed as the check found, and playback waiting at a pausing note.
#include "viz/lesson_model.h"

#include <catch2/catch.hpp>

#include "tests/viz/lesson_app.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

TEST_CASE("Chapters are the lesson's notes, the current one marked", "[viz][lesson]") {
  AppState app = lesson_app("demo_1");
  REQUIRE(app.notes.size() >= 5);
  const NoteMark third = app.notes[2];
  seek(app, third.step + 1);
  const std::vector<Chapter> list = chapters(app);
  REQUIRE(list.size() == app.notes.size());
  for (size_t i = 0; i < list.size(); ++i) {
    CHECK(list[i].step == app.notes[i].step);
    CHECK(list[i].current == (i == 2));
    CHECK(list[i].future == (i > 2));
    CHECK(list[i].title.size() <= 70);
    CHECK_FALSE(list[i].title.empty());
  }
  // The first note (t = 0) opens the lesson and waits for the learner.
  CHECK(list[0].at_s == Approx(0.0));
  CHECK(list[0].pause);
}

TEST_CASE("Expectations are pending until their step, then show what was found", "[viz][lesson]") {
  AppState app = lesson_app("consumer_groups");
  REQUIRE_FALSE(app.scenario.expects.empty());
  REQUIRE(app.expects.size() == app.scenario.expects.size());
  for (const ExpectRow& r : expect_rows(app)) CHECK(r.status == ExpectStatus::kPending);

  const scenario::ExpectResult first = app.expects.front();
  seek(app, first.step + 1);
  const std::vector<ExpectRow> rows = expect_rows(app);
  REQUIRE(rows.size() == app.scenario.expects.size());
  CHECK(rows.front().step == first.step);
  CHECK(rows.front().status == ExpectStatus::kPassed);
  CHECK(rows.front().found == first.found);
  CHECK(rows.front().what == app.names.expects[static_cast<size_t>(first.index)]);

  seek(app, app.timeline.recorded());
  for (const ExpectRow& r : expect_rows(app)) CHECK(r.status == ExpectStatus::kPassed);
}

TEST_CASE("A failed expectation shows as failed with what was found", "[viz][lesson]") {
  // A copy of the lesson that also asserts a wrong generation.
  AppState app = lesson_app("consumer_groups");
  REQUIRE(app.source.document.contains("timeline"));
  nlohmann::ordered_json doc = app.source.document;
  doc["timeline"].push_back({{"at_ms", 20000},
                             {"action", "expect"},
                             {"what", "generation"},
                             {"group", "demo.1"},
                             {"equals", 7}});
  const scenario::LoadResult r = scenario::load_text(doc.dump(), "consumer_groups_wrong.json");
  REQUIRE(r.scenario.has_value());
  AppState wrong = make_app_state(*r.scenario, r.scenario->seed);
  seek(wrong, wrong.timeline.recorded());
  int failed = 0;
  for (const ExpectRow& row : expect_rows(wrong)) {
    if (row.status == ExpectStatus::kFailed) {
      ++failed;
      CHECK(row.what.find("demo.1") != std::string::npos);
      CHECK(row.found != "7");
    }
  }
  CHECK(failed == 1);
}

TEST_CASE("Playback stops at a pausing note and waits for Continue", "[viz][lesson]") {
  AppState app = lesson_app("demo_1");
  const auto pause = std::find_if(app.notes.begin() + 1, app.notes.end(),
                                  [](const NoteMark& n) { return n.pause; });
  REQUIRE(pause != app.notes.end());
  seek(app, pause->step - 5);
  app.pending.push_back(Play{});
  apply_commands(app);
  for (int frame = 0; frame < 100000 && app.playback.playing; ++frame) {
    advance_playback(app, 1.0 / 60);
  }
  CHECK(app.timeline.position() == pause->step + 1);
  CHECK(waiting_at_pause(app));
  app.pending.push_back(Play{});  // Continue
  apply_commands(app);
  CHECK_FALSE(waiting_at_pause(app));
}
