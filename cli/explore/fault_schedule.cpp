#include "cli/explore/fault_schedule.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/sim/prng.h"

namespace ksim::cli::explore {

using Json = nlohmann::ordered_json;

std::string_view fault_kind_name(FaultKind k) {
  switch (k) {
    case FaultKind::kCrash:
      return "crash";
    case FaultKind::kRestart:
      return "restart";
    case FaultKind::kPartition:
      return "partition";
    case FaultKind::kLoss:
      return "loss";
    case FaultKind::kSlow:
      return "slow";
  }
  return "?";
}

std::optional<std::vector<FaultKind>> parse_fault_kinds(const std::string& list, std::string& bad) {
  std::vector<FaultKind> kinds;
  size_t at = 0;
  while (at <= list.size()) {
    size_t end = list.find(',', at);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(at, end - at);
    at = end + 1;
    bool known = false;
    for (FaultKind k : {FaultKind::kCrash, FaultKind::kRestart, FaultKind::kPartition,
                        FaultKind::kLoss, FaultKind::kSlow}) {
      if (name == fault_kind_name(k)) {
        if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
        known = true;
      }
    }
    if (!known) {
      bad = name;
      return std::nullopt;
    }
  }
  return kinds;
}

std::vector<Fault> random_faults(const scenario::Scenario& s, const FaultPlan& plan,
                                 uint64_t seed) {
  std::vector<Fault> faults;
  const int32_t brokers = s.cluster ? s.cluster->brokers : 0;
  if (brokers == 0 || plan.kinds.empty() || plan.heal_ms - plan.from_ms < plan.min_duration_ms) {
    return faults;
  }
  Prng random = Prng::stream(seed, "explore-faults");
  const auto count = static_cast<int32_t>(random.between(1, plan.max_faults));
  // A few draws more than faults: a draw that would overlap a fault on its broker is dropped.
  for (int32_t attempt = 0; attempt < count * 4 && static_cast<int32_t>(faults.size()) < count;
       ++attempt) {
    Fault f;
    f.kind = plan.kinds[static_cast<size_t>(random.bounded(plan.kinds.size()))];
    f.broker = fmt::format("broker-{}", random.between(1, brokers));
    const int64_t longest = std::min(plan.max_duration_ms, plan.heal_ms - plan.from_ms);
    f.duration_ms = random.between(plan.min_duration_ms, longest);
    f.start_ms = random.between(plan.from_ms, plan.heal_ms - f.duration_ms);
    f.loss = 0.2 + 0.1 * static_cast<double>(random.between(0, 7));  // 0.2 .. 0.9
    f.latency_ms = random.between(50, 2000);
    const bool overlaps = std::any_of(faults.begin(), faults.end(), [&](const Fault& g) {
      return g.broker == f.broker && f.start_ms < g.start_ms + g.duration_ms &&
             g.start_ms < f.start_ms + f.duration_ms;
    });
    if (!overlaps) faults.push_back(f);
  }
  std::sort(faults.begin(), faults.end(),
            [](const Fault& a, const Fault& b) { return a.start_ms < b.start_ms; });
  return faults;
}

namespace {

// set_link actions between `broker` and every other node, both ways.
std::vector<Json> links_of(const std::string& broker, const scenario::Scenario& s, int64_t at,
                           const Json& settings) {
  std::vector<Json> actions;
  for (const std::string& other : s.nodes) {
    if (other == broker) continue;
    for (const auto& [from, to] : {std::pair{broker, other}, std::pair{other, broker}}) {
      Json a{{"at_ms", at}, {"action", "set_link"}, {"from", from}, {"to", to}};
      for (const auto& [k, v] : settings.items()) a[k] = v;
      actions.push_back(std::move(a));
    }
  }
  return actions;
}

}  // namespace

std::vector<Json> fault_actions(const Fault& f, const scenario::Scenario& s) {
  const int64_t end = f.start_ms + f.duration_ms;
  std::vector<Json> actions;
  const auto add = [&](int64_t at, Json action) {
    Json a{{"at_ms", at}};
    for (const auto& [k, v] : action.items()) a[k] = v;
    actions.push_back(std::move(a));
  };
  switch (f.kind) {
    case FaultKind::kCrash:
      add(f.start_ms, {{"action", "crash"}, {"node", f.broker}});
      add(end, {{"action", "restart"}, {"node", f.broker}});
      break;
    case FaultKind::kRestart:
      add(f.start_ms, {{"action", "controlled_shutdown"}, {"node", f.broker}});
      add(end, {{"action", "restart"}, {"node", f.broker}});
      break;
    case FaultKind::kPartition: {
      Json others = Json::array();
      for (const std::string& n : s.nodes) {
        if (n != f.broker) others.push_back(n);
      }
      add(f.start_ms,
          {{"action", "partition"}, {"sides", Json::array({Json::array({f.broker}), others})}});
      add(end, {{"action", "heal"}});
      break;
    }
    case FaultKind::kLoss:
    case FaultKind::kSlow: {
      const Json worse =
          f.kind == FaultKind::kLoss ? Json{{"loss", f.loss}} : Json{{"latency_ms", f.latency_ms}};
      for (Json& a : links_of(f.broker, s, f.start_ms, worse)) actions.push_back(std::move(a));
      // Without settings a set_link restores the network's defaults.
      for (Json& a : links_of(f.broker, s, end, Json::object())) actions.push_back(std::move(a));
      break;
    }
  }
  return actions;
}

std::string describe_fault(const Fault& f) {
  std::string what = std::string(fault_kind_name(f.kind));
  if (f.kind == FaultKind::kLoss) what += fmt::format(" ({:.0f}%)", f.loss * 100);
  if (f.kind == FaultKind::kSlow) what += fmt::format(" ({} ms)", f.latency_ms);
  return fmt::format("{} {} at {} ms for {} ms", what, f.broker, f.start_ms, f.duration_ms);
}

}  // namespace ksim::cli::explore
