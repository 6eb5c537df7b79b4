#include <fmt/format.h>

#include <fstream>

#include "cli/commands.h"
#include "cli/node_summary.h"
#include "cli/scenario_source.h"
#include "engine/scenario/build.h"
#include "engine/scenario/lesson_check.h"
#include "engine/world/timeline.h"

namespace ksim::cli {
namespace {

// Exit codes: 0 every expectation holds, 1 one fails (or the trace cannot be written), 2 a broken
// scenario file, 3 an engine invariant broke (docs/invariants.md): a kafkasim bug.
constexpr int kExitEngineInvariant = 3;

void print_summary(const world::Timeline& t, const scenario::Scenario& s, std::ostream& out) {
  const world::World& w = t.head();
  out << fmt::format("scenario   {}{}\nseed       {}\nsteps      {}\nsim time   {} ms\n", s.name,
                     s.is_contrast ? " (contrast variant)" : "", w.seed, t.recorded(),
                     w.now().ms());
  for (size_t i = 0; i < w.nodes.size(); ++i) out << node_summary(w, i) << "\n";
  out << fmt::format("digest     {:016x}\n", trace::trace_digest(t.trace(), scenario::names_of(s)));
}

std::string seconds(SimTime t) { return fmt::format("{}.{:03}s", t.ms() / 1000, t.ms() % 1000); }

// Every expectation in timeline order: ok or FAIL, what it says, what the state held.
void print_expects(const scenario::LessonCheck& check, const scenario::Scenario& s,
                   std::ostream& out) {
  if (s.expects.empty()) return;
  const auto& results = check.results();
  const auto held = std::count_if(results.begin(), results.end(),
                                  [](const scenario::ExpectResult& r) { return r.passed; });
  out << fmt::format("expects    {} of {} hold\n", held, s.expects.size());
  for (const scenario::ExpectResult& r : results) {
    const scenario::Expectation& e = s.expects[static_cast<size_t>(r.index)];
    out << fmt::format("  {:<4}  {:>9}  step {:<7} {}", r.passed ? "ok" : "FAIL", seconds(r.at),
                       r.step, scenario::describe_expectation(e));
    if (!r.passed) out << fmt::format(": found {}", r.found);
    out << "\n";
    if (!r.passed && !e.because.empty()) out << "        because: " << e.because << "\n";
  }
  for (int32_t i : check.pending()) {
    const scenario::Expectation& e = s.expects[static_cast<size_t>(i)];
    out << fmt::format("  {:<4}  {:>9}  {:<12} {}: the run ended before it\n", "FAIL", "-", "",
                       scenario::describe_expectation(e));
  }
}

// Every violated invariant (docs/invariants.md), one line each, in step order.
void print_observations(const trace::Trace& trace, std::ostream& out) {
  if (trace.observations().empty()) return;
  out << "observations:\n";
  for (const trace::Observation& o : trace.observations()) {
    out << fmt::format("  step {:<7} {:<16} {}: {}\n", o.step.value,
                       trace::observation_class_name(o.kind), o.invariant, o.detail);
  }
}

// An engine invariant broke: a kafkasim bug, said loudly on stderr with what reproduces it.
int64_t report_engine_bugs(const trace::Trace& trace, const scenario::Scenario& s, uint64_t seed,
                           const RunOptions& o, std::ostream& err) {
  int64_t bugs = 0;
  for (const trace::Observation& obs : trace.observations()) {
    if (obs.kind != trace::ObservationClass::kEngineInvariant) continue;
    ++bugs;
    err << fmt::format(
        "kafkasim: ENGINE INVARIANT VIOLATED (a kafkasim bug, not Kafka behaviour)\n"
        "  invariant  {}\n  step       {}\n  scenario   {}{}\n  seed       {}\n  detail     {}\n"
        "  repro      kafkasim run {}{} --seed {}\n",
        obs.invariant, obs.step.value, s.name, s.is_contrast ? " (contrast variant)" : "", seed,
        obs.detail, o.scenario, o.contrast ? " --contrast" : "", seed);
  }
  return bugs;
}

// A one-line progress bar on stderr, redrawn when the simulated time moves a percent.
class Progress {
 public:
  Progress(std::ostream& err, SimTime end, bool on) : err_(err), end_(end), on_(on) {}
  void update(SimTime now) {
    if (!on_ || end_.us <= 0) return;
    const int percent = static_cast<int>(std::min<int64_t>(100, now.us * 100 / end_.us));
    if (percent == shown_) return;
    shown_ = percent;
    const int filled = percent * 40 / 100;
    err_ << "\r[" << std::string(static_cast<size_t>(filled), '#')
         << std::string(static_cast<size_t>(40 - filled), ' ') << "] " << percent << "% "
         << std::flush;
  }
  void done() {
    if (on_ && shown_ >= 0) err_ << "\r" << std::string(50, ' ') << "\r" << std::flush;
  }

 private:
  std::ostream& err_;
  SimTime end_;
  bool on_;
  int shown_ = -1;
};

bool write_trace(const world::Timeline& t, const scenario::Scenario& s, const std::string& file,
                 std::ostream& out, std::ostream& err) {
  const Step end{t.recorded()};
  if (file == "-") {
    trace::write_jsonl(out, t.trace(), scenario::names_of(s), Step{0}, end);
    return true;
  }
  std::ofstream stream(file, std::ios::binary);
  if (!stream) {
    err << "kafkasim: cannot write the trace to " << file << "\n";
    return false;
  }
  trace::write_jsonl(stream, t.trace(), scenario::names_of(s), Step{0}, end);
  out << "trace      " << file << "\n";
  return true;
}

}  // namespace

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err) {
  const auto s = load_scenario(
      o.scenario, err, o.contrast ? scenario::Variant::kContrast : scenario::Variant::kLesson);
  if (!s) return 2;
  const uint64_t seed = o.seed.value_or(s->seed);
  // run never seeks: no checkpoints beyond the start (a large cluster's copies are costly).
  world::Timeline t(scenario::build_world(*s, seed),
                    trace::TraceHeader{.scenario = s->name, .seed = seed}, world::kRecordOnly);
  world::RunLimits limits{.until = s->stop_at};
  if (o.until_ms) limits.until = std::min(limits.until, SimTime::from_ms(*o.until_ms));
  if (o.max_steps) limits.max_steps = *o.max_steps;
  scenario::LessonCheck check(*s);
  Progress progress(err, limits.until, o.progress);
  t.record(limits, [&](const world::World& w, trace::Trace& trace, Step step) {
    check.observe(w, trace, step);
    progress.update(w.now());
  });
  progress.done();
  check.finish(t);
  print_summary(t, *s, out);
  if (s->is_contrast) out << "contrast   " << s->contrast->summary << "\n";
  print_expects(check, *s, out);
  print_observations(t.trace(), out);
  if (!o.trace_file.empty() && !write_trace(t, *s, o.trace_file, out, err)) return 1;
  if (report_engine_bugs(t.trace(), *s, seed, o, err) > 0) return kExitEngineInvariant;
  return check.all_passed() ? 0 : 1;
}

}  // namespace ksim::cli
