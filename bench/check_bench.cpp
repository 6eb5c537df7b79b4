// The invariant checker's cost (issue 9): demo_1 recorded without an observer, with the checker
// after every step (engine/check), and with the lesson's whole check (expectations + checker),
// plus the end-of-run validations alone. Reports steps per second; the ratio is the per-step
// overhead of the checks. Run: ./build/release/bench/ksim_check_bench [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "bench/ratio_reporter.h"
#include "engine/check/checker.h"
#include "engine/scenario/build.h"
#include "engine/scenario/lesson_check.h"
#include "engine/scenario/loader.h"
#include "engine/world/timeline.h"

using namespace ksim;

namespace {

const scenario::Scenario& demo_1() {
  static const scenario::Scenario s = [] {
    auto r = scenario::load_file(std::string(KSIM_SOURCE_DIR) + "/scenarios/demo_1.json");
    if (!r.scenario) std::abort();
    return *r.scenario;
  }();
  return s;
}

void count_steps(benchmark::State& state, int64_t steps) {
  state.SetItemsProcessed(steps);
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["steps_per_s"] =
      benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}

// The whole lesson, recorded with tracing and checkpoints, nothing checked.
void BM_Demo1Unchecked(benchmark::State& state) {
  const scenario::Scenario& s = demo_1();
  int64_t steps = 0;
  for (auto _ : state) {
    world::Timeline t(scenario::build_world(s, s.seed), {});
    steps += t.record({.until = s.stop_at});
  }
  count_steps(state, steps);
}

// The same with the invariant checker observing every step, and its end-of-run validations.
void BM_Demo1Checked(benchmark::State& state) {
  const scenario::Scenario& s = demo_1();
  int64_t steps = 0;
  int64_t violations = 0;
  for (auto _ : state) {
    world::Timeline t(scenario::build_world(s, s.seed), {});
    check::InvariantChecker checker;
    steps += t.record({.until = s.stop_at}, [&](const world::World& w, trace::Trace& tr, Step st) {
      checker.observe(w, tr, st);
    });
    t.conclude([&](const world::World& w, trace::Trace& tr) { checker.finish(w, tr); });
    violations += checker.violations();
  }
  count_steps(state, steps);
  state.counters["violations"] = static_cast<double>(violations);
}

// What `kafkasim run` does: expectations and the checker.
void BM_Demo1LessonCheck(benchmark::State& state) {
  const scenario::Scenario& s = demo_1();
  int64_t steps = 0;
  for (auto _ : state) {
    world::Timeline t(scenario::build_world(s, s.seed), {});
    scenario::LessonCheck check(s);
    check.record(t, {.until = s.stop_at});
    steps += t.recorded();
  }
  count_steps(state, steps);
}

// The end-of-run validations alone, on the recorded run (whole logs, every acknowledged record).
void BM_Demo1Finish(benchmark::State& state) {
  const scenario::Scenario& s = demo_1();
  world::Timeline t(scenario::build_world(s, s.seed), {});
  check::InvariantChecker checker;
  t.record({.until = s.stop_at},
           [&](const world::World& w, trace::Trace& tr, Step st) { checker.observe(w, tr, st); });
  for (auto _ : state) {
    check::InvariantChecker copy = checker;
    t.conclude([&](const world::World& w, trace::Trace& tr) { copy.finish(w, tr); });
  }
  state.counters["steps"] = static_cast<double>(t.recorded());
}

BENCHMARK(BM_Demo1Unchecked)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Demo1Checked)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Demo1LessonCheck)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Demo1Finish)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  ksim::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double bare = reporter.ns("BM_Demo1Unchecked");
  const double checked = reporter.ns("BM_Demo1Checked");
  if (bare > 0 && checked > 0) {
    std::printf("\ndemo_1 with the invariant checker / without: %.2fx (+%.0f%% per step)\n",
                checked / bare, (checked / bare - 1) * 100);
  }
  benchmark::Shutdown();
  return 0;
}
