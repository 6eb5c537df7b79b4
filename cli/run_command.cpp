#include <fmt/format.h>

#include <fstream>

#include "cli/commands.h"
#include "cli/node_summary.h"
#include "cli/scenario_source.h"
#include "engine/scenario/build.h"
#include "engine/world/timeline.h"

namespace ksim::cli {
namespace {

void print_summary(const world::Timeline& t, const scenario::Scenario& s, std::ostream& out) {
  const world::World& w = t.head();
  out << fmt::format("scenario   {}\nseed       {}\nsteps      {}\nsim time   {} ms\n", s.name,
                     w.seed, t.recorded(), w.now().ms());
  for (size_t i = 0; i < w.nodes.size(); ++i) out << node_summary(w, i) << "\n";
  out << fmt::format("digest     {:016x}\n", trace::trace_digest(t.trace(), scenario::names_of(s)));
}

}  // namespace

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err) {
  const auto s = load_scenario(o.scenario, err);
  if (!s) return 2;
  const uint64_t seed = o.seed.value_or(s->seed);
  world::Timeline t(scenario::build_world(*s, seed),
                    trace::TraceHeader{.scenario = s->name, .seed = seed});
  world::RunLimits limits{.until = s->stop_at};
  if (o.max_steps) limits.max_steps = *o.max_steps;
  t.record(limits);
  print_summary(t, *s, out);
  if (o.trace_file.empty()) return 0;
  const Step end{t.recorded()};
  if (o.trace_file == "-") {
    trace::write_jsonl(out, t.trace(), scenario::names_of(*s), Step{0}, end);
    return 0;
  }
  std::ofstream file(o.trace_file, std::ios::binary);
  if (!file) {
    err << "kafkasim: cannot write the trace to " << o.trace_file << "\n";
    return 1;
  }
  trace::write_jsonl(file, t.trace(), scenario::names_of(*s), Step{0}, end);
  out << "trace      " << o.trace_file << "\n";
  return 0;
}

}  // namespace ksim::cli
