// Benchmarks of the engine core (issue 2): the cost of one toy step with tracing on against a
// bare std::priority_queue push+pop in the same process, and the cost of a checkpoint (a copy
// of the world) and of a seek as the world and the trace grow. Prints the step-cost ratio.
// Run: ./build/release/bench/ksim_core_bench [--benchmark_min_time=0.2]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <queue>
#include <string>
#include <vector>

#include "bench/ratio_reporter.h"
#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/timeline.h"

using namespace ksim;

namespace {

scenario::Scenario toy(int nodes, int64_t stop_at_ms) {
  std::string names;
  for (int i = 0; i < nodes; ++i) names += (i ? ",\"n" : "\"n") + std::to_string(i) + "\"";
  const std::string text = "{\"name\": \"bench\", \"stop_at_ms\": " + std::to_string(stop_at_ms) +
                           ", \"network\": {\"latency_ms\": 5, \"jitter_ms\": 3}, \"toy\": "
                           "{\"nodes\": [" +
                           names + "], \"ping_interval_ms\": 100}}";
  auto r = scenario::load_text(text, "bench.json");
  if (!r.scenario) std::abort();
  return *r.scenario;
}

// The baseline: one push and one pop on a heap holding as many events as the toy's queue.
void BM_BareHeapPushPop(benchmark::State& state) {
  struct Key {
    int64_t time;
    uint64_t seq;
    bool operator>(const Key& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> heap;
  uint64_t seq = 0;
  for (int i = 0; i < state.range(0); ++i) heap.push(Key{i, seq++});
  int64_t now = 0;
  for (auto _ : state) {
    const Key k = heap.top();
    heap.pop();
    now = k.time;
    heap.push(Key{now + 5000 + static_cast<int64_t>(seq % 3000), seq++});
  }
  benchmark::DoNotOptimize(now);
  state.SetItemsProcessed(state.iterations());
}

// One toy step (pop, handler, send or timer, trace entry with its changes), tracing on.
void BM_ToyStepTraced(benchmark::State& state) {
  const auto s = toy(static_cast<int>(state.range(0)), 1'000'000'000'000);
  world::World w = scenario::build_world(s, 1);
  trace::Trace trace;
  for (auto _ : state) {
    world::step(w, &trace);
    if (trace.size() == (1u << 20)) {
      state.PauseTiming();
      trace.truncate(Step{0});  // bound memory; keeps the arrays' capacity
      state.ResumeTiming();
    }
  }
  state.counters["queue"] = static_cast<double>(w.rt.queue.size());
  state.SetItemsProcessed(state.iterations());
}

// A checkpoint is a copy of the world; the disk's sealed chunks are shared, not copied.
void BM_Checkpoint(benchmark::State& state) {
  const auto s = toy(3, 1'000'000);
  world::World w = scenario::build_world(s, 1);
  auto& disk = std::get<toy::ToyNode>(w.nodes[0].logic).disk.pong_records;
  for (int64_t i = 0; i < state.range(0); ++i) disk.push_back(RecordId{static_cast<uint64_t>(i)});
  for (auto _ : state) {
    world::World copy = w;
    benchmark::DoNotOptimize(copy);
  }
  state.counters["records_on_disk"] = static_cast<double>(state.range(0));
}

// Seeking to pseudo-random positions of a recorded run (checkpoint every 1024 steps).
void BM_Seek(benchmark::State& state) {
  const int64_t steps = state.range(0);
  const auto s = toy(3, 1'000'000'000);
  world::Timeline t(scenario::build_world(s, 1), {}, 1024);
  t.record({.until = s.stop_at, .max_steps = steps});
  Prng rng(7);
  for (auto _ : state) {
    t.seek(static_cast<int64_t>(rng.bounded(static_cast<uint64_t>(t.recorded()))));
  }
  state.counters["trace_bytes_per_step"] =
      static_cast<double>(t.trace().memory_bytes()) / static_cast<double>(t.recorded());
}

BENCHMARK(BM_BareHeapPushPop)->Arg(6)->Arg(200);
BENCHMARK(BM_ToyStepTraced)->Arg(3)->Arg(64);
BENCHMARK(BM_Checkpoint)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_Seek)->Arg(100'000)->Arg(1'000'000);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  ksim::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double heap = reporter.ns("BM_BareHeapPushPop/6");
  const double step = reporter.ns("BM_ToyStepTraced/3");
  if (heap > 0 && step > 0) {
    std::printf("\ntoy step cost / bare heap push+pop (3 nodes, same queue size): %.2fx\n",
                step / heap);
  }
  benchmark::Shutdown();
  return 0;
}
