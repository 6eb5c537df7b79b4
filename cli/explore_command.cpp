// kafkasim explore: a seeded search for invariant violations (docs/explore.md). Each seed
// draws a fault schedule, runs the scenario with it and the invariant checker on, then lets
// the cluster converge; the summary counts, per invariant, the seeds that broke it. The first
// violation found is shrunk to a repro scenario that `kafkasim run` replays exactly.
#include <fmt/format.h>

#include <fstream>
#include <map>

#include "cli/commands.h"
#include "cli/explore/checked_run.h"
#include "cli/explore/shrink.h"
#include "cli/scenario_source.h"
#include "engine/check/invariant.h"
#include "engine/scenario/loader.h"

namespace ksim::cli {
namespace {

using Json = nlohmann::ordered_json;

struct Tally {
  int64_t seeds = 0;
  int64_t steps = 0;
  int64_t faults = 0;
  int64_t converged = 0;
  std::map<std::string, int64_t> violations;   // invariant -> seeds that broke it
  std::map<std::string, uint64_t> first_seed;  // invariant -> the first seed that broke it
  std::vector<std::string> not_converged;      // "seed N: why"
};

// The violation to shrink: `target` if it broke, else an engine invariant (a kafkasim bug)
// before any guarantee, in the order of docs/invariants.md.
std::optional<std::pair<std::string, uint64_t>> worst(const Tally& t, const std::string& target) {
  if (const auto it = t.first_seed.find(target); it != t.first_seed.end()) {
    return std::pair{it->first, it->second};
  }
  std::optional<std::pair<std::string, uint64_t>> found;
  for (const check::InvariantInfo& i : check::invariants()) {
    const auto it = t.first_seed.find(std::string(i.name));
    if (it == t.first_seed.end()) continue;
    if (i.kind == trace::ObservationClass::kEngineInvariant)
      return std::pair{it->first, it->second};
    if (!found) found = std::pair{it->first, it->second};
  }
  return found;
}

std::string class_of(const std::string& invariant) {
  for (const check::InvariantInfo& i : check::invariants()) {
    if (i.name == invariant) return std::string(trace::observation_class_name(i.kind));
  }
  return "?";
}

}  // namespace

int explore_command(const ExploreOptions& o, std::ostream& out, std::ostream& err) {
  std::string bad;
  const auto kinds = explore::parse_fault_kinds(o.faults, bad);
  if (!kinds) {
    err << fmt::format(
        "kafkasim explore: --faults: unknown fault \"{}\" (expected crash, restart, partition, "
        "loss, slow)\n",
        bad);
    return 2;
  }
  if (o.seeds < 1 || o.max_faults < 1 || o.min_fault_ms < 1 || o.max_fault_ms < o.min_fault_ms) {
    err << "kafkasim explore: --seeds and --max-faults must be at least 1, and "
           "--min-fault-ms at least 1 and at most --max-fault-ms\n";
    return 2;
  }
  const auto loaded = load_scenario_document(o.scenario, err);
  if (!loaded) return 2;
  const scenario::Scenario& s = loaded->scenario;
  if (!s.cluster) {
    err << "kafkasim explore: " << s.name << " has no Kafka cluster to break (a toy world)\n";
    return 2;
  }
  const explore::FaultPlan plan{*kinds,         o.max_faults,        o.min_fault_ms,
                                o.max_fault_ms, s.stop_at.ms() / 10, s.stop_at.ms()};
  if (o.write_seed) {
    const std::string path =
        fmt::format("{}/{}-explore-seed{}.json", o.repro_dir, s.name, *o.write_seed);
    std::ofstream file(path);
    file << explore::with_faults(loaded->doc, explore::random_faults(s, plan, *o.write_seed), s,
                                 *o.write_seed)
                .dump(2)
         << "\n";
    if (!file) {
      err << fmt::format("kafkasim explore: cannot write {}\n", path);
      return 2;
    }
    out << fmt::format("wrote {}\n", path);
    return 0;
  }
  Tally t;
  std::map<uint64_t, std::vector<explore::Fault>> faults_of;
  for (uint64_t seed = o.first_seed; seed < o.first_seed + static_cast<uint64_t>(o.seeds); ++seed) {
    const std::vector<explore::Fault> faults = explore::random_faults(s, plan, seed);
    const Json doc = explore::with_faults(loaded->doc, faults, s, seed);
    const scenario::LoadResult run = scenario::load_text(doc.dump(), loaded->path);
    if (!run.scenario) {
      // The faults are built from the scenario's own nodes: a refusal is a kafkasim bug.
      err << fmt::format("kafkasim explore: seed {}: the faulted scenario does not load: {}\n",
                         seed, scenario::to_string(run.problems.front()));
      return 2;
    }
    const explore::RunResult r = explore::run_checked(*run.scenario, seed, o.budget_steps);
    ++t.seeds;
    t.steps += r.steps;
    t.faults += static_cast<int64_t>(faults.size());
    t.converged += r.converged ? 1 : 0;
    std::map<std::string, const explore::Violation*> broke;  // first per invariant
    for (const explore::Violation& v : r.violations) broke.emplace(v.observation.invariant, &v);
    for (const auto& [name, v] : broke) {
      ++t.violations[name];
      if (t.first_seed.emplace(name, seed).second) faults_of[seed] = faults;
      out << fmt::format("seed {:<6} {} at step {} ({} ms): {}\n", seed, name,
                         v->observation.step.value, v->at_ms, v->observation.detail);
    }
    if (!r.converged) {
      t.not_converged.push_back(fmt::format("seed {}: {}", seed, r.not_converged));
      out << fmt::format("seed {:<6} did not converge within {} steps of the heal: {}\n", seed,
                         o.budget_steps, r.not_converged);
    }
    if (!broke.empty() || !r.converged) {
      for (const explore::Fault& f : faults) {
        out << fmt::format("{:<11} {}\n", "", explore::describe_fault(f));
      }
    }
  }

  out << fmt::format("\n{:<22} {}\n", "seeds", t.seeds);
  out << fmt::format("{:<22} {}\n", "steps", t.steps);
  out << fmt::format("{:<22} {} ({})\n", "faults injected", t.faults, o.faults);
  out << fmt::format("{:<22} {} of {}\n", "converged after heal", t.converged, t.seeds);
  out << "violations\n";
  if (t.violations.empty()) out << "  none\n";
  for (const auto& [name, seeds] : t.violations) {
    out << fmt::format("  {:<38} {:<16} {} seed(s), first seed {}\n", name, class_of(name), seeds,
                       t.first_seed.at(name));
  }

  std::optional<std::string> repro;
  if (const auto first = worst(t, o.target)) {
    const auto& [invariant, seed] = *first;
    const explore::Shrunk shrunk =
        explore::shrink(loaded->doc, s, faults_of.at(seed), seed, invariant, o.budget_steps);
    repro = fmt::format("{}/{}-explore-seed{}.json", o.repro_dir, s.name, seed);
    std::ofstream file(*repro);
    file << shrunk.doc.dump(2) << "\n";
    if (!file) {
      err << fmt::format("kafkasim explore: cannot write {}\n", *repro);
      return 2;
    }
    out << fmt::format("\nshrunk seed {} ({} in {} runs) to {} fault(s):\n", seed, invariant,
                       shrunk.runs, shrunk.faults.size());
    for (const explore::Fault& f : shrunk.faults) out << "  " << explore::describe_fault(f) << "\n";
    out << fmt::format("repro: kafkasim run {}\n", *repro);
  }

  if (!o.json_file.empty()) {
    Json j{{"seeds", t.seeds},
           {"steps", t.steps},
           {"faults", t.faults},
           {"violations", Json::object()},
           {"repro", repro ? Json(*repro) : Json()}};
    for (const auto& [name, n] : t.violations) j["violations"][name] = n;
    std::ofstream file(o.json_file);
    file << j.dump(2) << "\n";
    if (!file) {
      err << fmt::format("kafkasim explore: cannot write {}\n", o.json_file);
      return 2;
    }
  }
  return t.violations.empty() ? 0 : 1;
}

}  // namespace ksim::cli
