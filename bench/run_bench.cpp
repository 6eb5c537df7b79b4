// The figures of bench/run (issue 12), one case per process so each case's peak memory is its
// own: `ksim_run_bench CASE` prints one JSON object of that case's figures on stdout.
//   step_cost   toy step cost with tracing / a bare binary-heap push+pop, same process
//   demo_1      the demo_1 lesson recorded with tracing (steps/s, simulated time / wall time)
//   seek        seek latency to random positions of a 1,000,000-step run; trace bytes per step;
//               JSON Lines export speed
//   explore     kafkasim explore seeds per minute on replication_failover
//   scale B P R S    B brokers, P partitions (RF=3), R keyed records over S simulated seconds,
//               then the broker with the most leaderships crashes; stops at a wall budget
// Wall-clock time is measured here, in the bench, never in the engine.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/scenario_source.h"
#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/sim/prng.h"
#include "engine/trace/render.h"
#include "engine/world/inspect.h"
#include "engine/world/timeline.h"

using namespace ksim;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

scenario::Scenario load(const std::string& text) {
  scenario::LoadResult r = scenario::load_text(text, "bench.json");
  if (!r.scenario) {
    for (const auto& d : r.problems) std::fprintf(stderr, "%s\n", scenario::to_string(d).c_str());
    std::exit(2);
  }
  return *r.scenario;
}

scenario::Scenario toy(int nodes) {
  std::string names;
  for (int i = 0; i < nodes; ++i) names += fmt::format("{}\"n{}\"", i > 0 ? "," : "", i);
  return load(fmt::format(
      R"({{"name": "bench", "stop_at_ms": 1000000000000, "network": {{"latency_ms": 5,
      "jitter_ms": 3}}, "toy": {{"nodes": [{}], "ping_interval_ms": 100}}}})",
      names));
}

// Nanoseconds per toy step with tracing, and per push+pop of a bare heap of the same size.
void step_cost() {
  constexpr int64_t kSteps = 5'000'000;
  world::World w = scenario::build_world(toy(3), 1);
  trace::Trace trace;
  const auto t0 = Clock::now();
  for (int64_t i = 0; i < kSteps; ++i) {
    world::step(w, &trace);
    if (trace.size() == (1u << 20)) trace.truncate(Step{0});  // bound memory, keep capacity
  }
  const double step_ns = seconds_since(t0) * 1e9 / kSteps;
  struct Key {
    int64_t time;
    uint64_t seq;
    bool operator>(const Key& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };
  std::priority_queue<Key, std::vector<Key>, std::greater<>> heap;
  uint64_t seq = 0;
  for (size_t i = 0; i < w.rt.queue.size(); ++i) heap.push(Key{static_cast<int64_t>(i), seq++});
  int64_t now = 0;
  const auto t1 = Clock::now();
  for (int64_t i = 0; i < kSteps * 4; ++i) {
    const Key k = heap.top();
    heap.pop();
    now = k.time;
    heap.push(Key{now + 5000 + static_cast<int64_t>(seq % 3000), seq++});
  }
  const double heap_ns = seconds_since(t1) * 1e9 / (kSteps * 4);
  std::printf(
      R"({"toy_step_ns": %.1f, "heap_push_pop_ns": %.2f, "step_cost_ratio": %.2f, "guard": %lld})"
      "\n",
      step_ns, heap_ns, step_ns / heap_ns, static_cast<long long>(now % 2));
}

void demo_1() {
  std::ostringstream err;
  const auto s = cli::load_scenario("demo_1", err);
  if (!s) std::exit(2);
  const auto t0 = Clock::now();
  world::Timeline t(scenario::build_world(*s, s->seed), {.scenario = s->name, .seed = s->seed},
                    world::kRecordOnly);
  t.record({.until = s->stop_at});
  const double wall = seconds_since(t0);
  const double sim_s = static_cast<double>(t.head().now().us) / 1e6;
  std::printf(
      R"({"demo_1_steps": %lld, "demo_1_wall_s": %.4f, "demo_1_steps_per_s": %.0f, "demo_1_speedup": %.0f})"
      "\n",
      static_cast<long long>(t.recorded()), wall, static_cast<double>(t.recorded()) / wall,
      sim_s / wall);
}

void seek() {
  constexpr int64_t kSteps = 1'000'000;
  constexpr int kSeeks = 2000;
  const auto s = toy(3);
  world::Timeline t(scenario::build_world(s, 1), {.scenario = "bench", .seed = 1}, 1024);
  t.record({.until = s.stop_at, .max_steps = kSteps});
  Prng rng(7);
  std::vector<double> ms;
  for (int i = 0; i < kSeeks; ++i) {
    const auto p = static_cast<int64_t>(rng.bounded(static_cast<uint64_t>(t.recorded())));
    const auto t0 = Clock::now();
    t.seek(p);
    ms.push_back(seconds_since(t0) * 1e3);
  }
  std::sort(ms.begin(), ms.end());
  const trace::NameTable names = scenario::names_of(s);
  std::ostringstream out;
  const auto t1 = Clock::now();
  trace::write_jsonl(out, t.trace(), names, Step{0}, Step{t.recorded()});
  const double export_s = seconds_since(t1);
  std::printf(
      R"({"seek_steps": %lld, "seek_p50_ms": %.3f, "seek_p99_ms": %.3f, "trace_bytes_per_step": %.1f, "jsonl_mib_per_s": %.1f, "jsonl_steps_per_s": %.0f})"
      "\n",
      static_cast<long long>(t.recorded()), ms[ms.size() / 2], ms[ms.size() * 99 / 100],
      static_cast<double>(t.trace().memory_bytes()) / static_cast<double>(t.recorded()),
      static_cast<double>(out.str().size()) / (1 << 20) / export_s,
      static_cast<double>(t.recorded()) / export_s);
}

void explore() {
  constexpr int64_t kSeeds = 20;
  cli::ExploreOptions o;
  o.scenario = "replication_failover";
  o.seeds = kSeeds;
  o.repro_dir = "/tmp";
  std::ostringstream out;
  std::ostringstream err;
  const auto t0 = Clock::now();
  const int rc = cli::explore_command(o, out, err);
  const double wall = seconds_since(t0);
  if (rc == 2) {
    std::fprintf(stderr, "ksim_run_bench explore: %s", err.str().c_str());
    std::exit(2);
  }
  std::printf(R"({"explore_seeds": %lld, "explore_seeds_per_min": %.0f})"
              "\n",
              static_cast<long long>(kSeeds), static_cast<double>(kSeeds) * 60 / wall);
}

// One topic, `partitions` partitions on `brokers` brokers (RF 3 or fewer), ten producers
// sending keyed records every millisecond between them, the replica fetchers' wait at Kafka's
// 500 ms, and a crash of broker-2 (broker-1 when it is alone) once the sends are done.
std::string scale_scenario(int brokers, int partitions, int64_t records, int64_t seconds) {
  constexpr int kProducers = 10;
  constexpr int kKeys = 10000;
  std::string keys;
  for (int k = 0; k < kKeys; ++k) keys += fmt::format("{}\"k{}\"", k > 0 ? "," : "", k);
  std::string producers;
  std::string sends;
  const int64_t per_producer = records / kProducers;
  const int64_t every_ms =
      std::max<int64_t>(1, seconds * 1000 / std::max<int64_t>(1, per_producer));
  for (int p = 0; p < kProducers; ++p) {
    producers +=
        fmt::format(R"({}{{"name": "p{}", "configs": {{"linger.ms": 5}}}})", p > 0 ? "," : "", p);
    sends += fmt::format(
        R"(,{{"at_ms": 2000, "action": "send", "producer": "p{}", "topic": "events", "count": {},
        "every_ms": {}, "keys": [{}]}})",
        p, per_producer, every_ms, keys);
  }
  const int64_t crash_ms = 2000 + seconds * 1000 + 1000;
  return fmt::format(
      R"({{"name": "scale", "stop_at_ms": {}, "cluster": {{"brokers": {},
      "configs": {{"replica.fetch.wait.max.ms": 500}},
      "topics": [{{"name": "events", "partitions": {}, "replication_factor": {}}}],
      "producers": [{}]}},
      "timeline": [{{"at_ms": {}, "action": "crash", "node": "broker-{}"}}{}]}})",
      crash_ms + 60000, brokers, partitions, std::min(3, brokers), producers, crash_ms,
      brokers > 1 ? 2 : 1, sends);
}

bool every_partition_led(const world::World& w, int partitions) {
  for (int p = 0; p < partitions; ++p) {
    if (world::partition_leader(w, {"events", p}) == nullptr) return false;
  }
  return true;
}

void scale(int brokers, int partitions, int64_t records, int64_t seconds, double budget_s) {
  const auto s = load(scale_scenario(brokers, partitions, records, seconds));
  const SimTime crash_at = SimTime::from_ms(2000 + seconds * 1000 + 1000);
  const auto t0 = Clock::now();
  // As kafkasim run records it: tracing on, no checkpoints (nobody seeks this run).
  world::Timeline t(scenario::build_world(s, 1), {.scenario = s.name, .seed = 1},
                    world::kRecordOnly);
  bool finished = true;
  double leaders_back_s = -1;  // simulated seconds from the crash until every partition is led
  while (!t.exhausted() && t.head().now() < s.stop_at) {
    // Up to the crash in large chunks, then small ones, to see when leadership is back.
    const bool before = t.head().now() < crash_at;
    const int64_t chunk = before ? 100'000 : 500;
    const int64_t added =
        t.record({.until = before ? crash_at : s.stop_at, .max_steps = t.recorded() + chunk});
    if (added == 0 && !before) break;
    if (added == 0) {
      // Nothing was due before the crash: step over it.
      if (t.record({.until = s.stop_at, .max_steps = t.recorded() + 1}) == 0) break;
    }
    if (t.head().now() > crash_at && leaders_back_s < 0 &&
        every_partition_led(t.head(), partitions)) {
      leaders_back_s = static_cast<double>((t.head().now() - crash_at).us) / 1e6;
      break;  // the figures asked for are in
    }
    if (seconds_since(t0) > budget_s) {
      finished = false;
      break;
    }
  }
  const double wall = seconds_since(t0);
  std::printf(
      R"({"scale_brokers": %d, "scale_partitions": %d, "scale_records": %lld, "scale_finished": %s, "scale_sim_s": %.1f, "scale_steps": %lld, "scale_wall_s": %.2f, "scale_steps_per_s": %.0f, "scale_peak_rss_mib": %.0f, "scale_leaders_back_s": %.1f})"
      "\n",
      brokers, partitions, static_cast<long long>(records), finished ? "true" : "false",
      static_cast<double>(t.head().now().us) / 1e6, static_cast<long long>(t.recorded()), wall,
      static_cast<double>(t.recorded()) / wall, peak_rss_mib(), leaders_back_s);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fprintf(stderr,
                 "usage: ksim_run_bench step_cost|demo_1|seek|explore|"
                 "scale BROKERS PARTITIONS RECORDS SECONDS [BUDGET_S]\n");
    return 2;
  }
  const std::string& c = args[0];
  if (c == "step_cost") {
    step_cost();
  } else if (c == "demo_1") {
    demo_1();
  } else if (c == "seek") {
    seek();
  } else if (c == "explore") {
    explore();
  } else if (c == "scale" && args.size() >= 5) {
    scale(std::stoi(args[1]), std::stoi(args[2]), std::stoll(args[3]), std::stoll(args[4]),
          args.size() > 5 ? std::stod(args[5]) : 120.0);
  } else {
    std::fprintf(stderr, "ksim_run_bench: unknown case \"%s\"\n", c.c_str());
    return 2;
  }
  return 0;
}
