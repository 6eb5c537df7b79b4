#include "cli/explore/shrink.h"

#include "cli/explore/checked_run.h"
#include "engine/scenario/loader.h"

namespace ksim::cli::explore {

using Json = nlohmann::ordered_json;

Json with_faults(const Json& doc, const std::vector<Fault>& faults, const scenario::Scenario& s,
                 uint64_t seed) {
  Json out = doc;
  out["seed"] = seed;
  Json& timeline = out["timeline"];
  if (!timeline.is_array()) timeline = Json::array();
  for (const Fault& f : faults) {
    for (Json& a : fault_actions(f, s)) timeline.push_back(std::move(a));
  }
  return out;
}

namespace {

// When `doc` breaks `invariant`: the time it first shows; -1 when it does not.
int64_t breaks(const Json& doc, uint64_t seed, const std::string& invariant, int64_t budget_steps) {
  const scenario::LoadResult loaded = scenario::load_text(doc.dump(), "explore");
  if (!loaded.scenario) return -1;
  const RunResult r = run_checked(*loaded.scenario, seed, budget_steps);
  for (const Violation& v : r.violations) {
    if (v.observation.invariant == invariant) return v.at_ms;
  }
  return -1;
}

}  // namespace

Shrunk shrink(const Json& doc, const scenario::Scenario& s, std::vector<Fault> faults,
              uint64_t seed, const std::string& invariant, int64_t budget_steps) {
  Shrunk out;
  Json base = doc;
  out.at_ms = breaks(with_faults(base, faults, s, seed), seed, invariant, budget_steps);
  ++out.runs;
  // Fewer faults: try without each, last first.
  for (size_t i = faults.size(); i-- > 0;) {
    std::vector<Fault> fewer = faults;
    fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
    const int64_t at = breaks(with_faults(base, fewer, s, seed), seed, invariant, budget_steps);
    ++out.runs;
    if (at >= 0) {
      faults = std::move(fewer);
      out.at_ms = at;
    }
  }
  // Fewer records: halve each send's count while it still breaks.
  Json& timeline = base["timeline"];
  for (size_t i = 0; timeline.is_array() && i < timeline.size(); ++i) {
    Json& a = timeline[i];
    if (a.value("action", "") != "send" || !a.contains("count")) continue;
    while (a["count"].is_number_integer() && a["count"].get<int64_t>() > 1) {
      const int64_t count = a["count"].get<int64_t>();
      a["count"] = count / 2;
      const int64_t at = breaks(with_faults(base, faults, s, seed), seed, invariant, budget_steps);
      ++out.runs;
      if (at < 0) {
        a["count"] = count;
        break;
      }
      out.at_ms = at;
    }
  }
  out.doc = with_faults(base, faults, s, seed);
  // kafkasim run stops at stop_at_ms: the repro must run past the violation.
  const int64_t stop = out.doc.value("stop_at_ms", int64_t{10000});
  if (out.at_ms >= stop) out.doc["stop_at_ms"] = (out.at_ms / 1000 + 2) * 1000;
  out.faults = std::move(faults);
  return out;
}

}  // namespace ksim::cli::explore
