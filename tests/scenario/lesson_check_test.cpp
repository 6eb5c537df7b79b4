// The lesson machinery on small scenarios whose answers are known: actions anchored to a step,
// contrast variants, expectations that hold, fail or are never reached, and a topic config
// altered while the cluster runs.
#include "engine/scenario/lesson_check.h"

#include <catch2/catch.hpp>

#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/timeline.h"

using namespace ksim;

namespace {

scenario::Scenario parse(const std::string& text,
                         scenario::Variant variant = scenario::Variant::kLesson) {
  scenario::LoadResult r = scenario::load_text(text, "test.json", variant);
  for (const auto& d : r.problems) FAIL(scenario::to_string(d));
  REQUIRE(r.scenario);
  return std::move(*r.scenario);
}

struct Run {
  world::Timeline timeline;
  std::vector<scenario::ExpectResult> results;
  std::vector<int32_t> pending;
};

Run run(const scenario::Scenario& s, world::RunLimits limits) {
  Run r{world::Timeline(scenario::build_world(s, s.seed), {}), {}, {}};
  scenario::LessonCheck check(s);
  r.timeline.record(limits, check.observer());
  r.results = check.results();
  r.pending = check.pending();
  return r;
}

const char* kRetention = R"({
  "name": "retention", "seed": 1, "stop_at_ms": 40000,
  "cluster": {
    "brokers": 1,
    "topics": [{"name": "t", "configs": {"segment.ms": 2000}}],
    "producers": [{"name": "p"}]
  },
  "timeline": [
    {"at_ms": 1000, "action": "send", "producer": "p", "topic": "t", "count": 20, "every_ms": 500},
    {"at_ms": 12000, "action": "expect", "what": "log_start_offset", "topic": "t", "partition": 0,
     "equals": 0},
    {"at_ms": 12000, "action": "alter_topic_config", "topic": "t", "set": {"retention.ms": 3000}},
    {"at_ms": 31000, "action": "expect", "what": "log_start_offset", "topic": "t", "partition": 0,
     "equals": 20},
    {"at_ms": 31000, "action": "expect", "what": "high_watermark", "topic": "t", "partition": 0,
     "equals": 19}
  ],
  "contrast": {"summary": "no retention change", "set": {"/timeline/2/set": {"retention.ms": 600000}}}
})";

}  // namespace

TEST_CASE("an altered topic config reaches the logs; expectations report what they found",
          "[lessons]") {
  // Goal: kafka-configs --alter retention.ms=3000 at 12 s lets the first retention check (at
  // log.initial.task.delay.ms, 30 s) delete every segment of the 20 records sent by 10.5 s; the
  // wrong high watermark expectation fails and reports the real one.
  const Run r = run(parse(kRetention), world::RunLimits{.until = SimTime::from_ms(40000)});
  REQUIRE(r.results.size() == 3);
  CHECK(r.results[0].passed);
  CHECK(r.results[1].passed);
  CHECK_FALSE(r.results[2].passed);
  CHECK(r.results[2].found == "20");
  CHECK(r.pending.empty());
}

TEST_CASE("a contrast variant applies its settings; an unreached expectation is pending",
          "[lessons]") {
  // Goal: the variant's retention.ms=600000 keeps the log whole, so the 31 s expectation fails;
  // a run cut at 20 s never reaches it.
  const scenario::Scenario variant = parse(kRetention, scenario::Variant::kContrast);
  CHECK(variant.is_contrast);
  const Run whole = run(variant, world::RunLimits{.until = SimTime::from_ms(40000)});
  REQUIRE(whole.results.size() == 3);
  CHECK_FALSE(whole.results[1].passed);
  CHECK(whole.results[1].found == "0");
  const Run cut = run(parse(kRetention), world::RunLimits{.until = SimTime::from_ms(20000)});
  CHECK(cut.results.size() == 1);
  CHECK(cut.pending == std::vector<int32_t>{1, 2});
}

TEST_CASE("an action anchored to a step happens right after it, caused by it", "[lessons]") {
  // Goal: after_step 40 schedules the crash at step 40's time with step 40 as its cause, so a
  // timeline forked there replays exactly.
  const scenario::Scenario s = parse(R"({
    "name": "anchored", "stop_at_ms": 1000,
    "toy": {"nodes": ["a", "b"]},
    "timeline": [{"after_step": 40, "action": "crash", "node": "b"}]
  })");
  const Run r = run(s, world::RunLimits{.until = s.stop_at});
  const trace::Trace& t = r.timeline.trace();
  int64_t crash = -1;
  for (int64_t i = 0; i < static_cast<int64_t>(t.size()); ++i) {
    const trace::TraceEntry& e = t.entry(Step{i});
    if (e.kind == trace::EventKind::kAction &&
        e.what == static_cast<uint16_t>(proto::ActionKind::kCrashNode)) {
      crash = i;
    }
  }
  REQUIRE(crash > 40);
  CHECK(t.entry(Step{crash}).cause == Step{40});
  CHECK(t.entry(Step{crash}).time == t.entry(Step{40}).time);
}
