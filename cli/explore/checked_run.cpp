#include "cli/explore/checked_run.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "engine/check/checker.h"
#include "engine/scenario/build.h"
#include "engine/world/inspect.h"

namespace ksim::cli::explore {

std::string unconverged(const world::World& w) {
  const cluster::Broker* any = world::first_running_broker(w);
  if (any == nullptr) return "no broker is running";
  // Every broker is back: running, and unfenced in the metadata.
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    if (b == nullptr) continue;
    if (!w.rt.status[i].up) return fmt::format("{} is not running", w.nodes[i].name);
    const proto::BrokerRecord* r = any->memory.image.broker(b->broker_id);
    if (r == nullptr || r->fenced) return fmt::format("{} is fenced", w.nodes[i].name);
  }
  for (const auto& [name, topic] : any->memory.image.topics) {
    for (const proto::PartitionRecord& p : topic.partitions) {
      const kafka::TopicPartition tp{name, p.partition};
      if (world::partition_leader(w, tp) == nullptr) {
        return fmt::format("{}-{} has no running leader", name, p.partition);
      }
      std::vector<int32_t> isr = p.isr;
      std::vector<int32_t> replicas = p.replicas;
      std::sort(isr.begin(), isr.end());
      std::sort(replicas.begin(), replicas.end());
      if (isr != replicas) {
        return fmt::format("{}-{} has ISR [{}] of replicas [{}]", name, p.partition,
                           fmt::join(p.isr, ","), fmt::join(p.replicas, ","));
      }
    }
  }
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    if (!w.rt.status[i].up) continue;
    if (const auto* p = std::get_if<client::Producer>(&w.nodes[i].logic)) {
      if (p->counts.pending > 0) {
        return fmt::format("{} has {} sends without an answer", p->name, p->counts.pending);
      }
    }
  }
  // The groups the consumers subscribe in, each looked at once.
  std::set<std::string> groups;
  for (const world::Node& node : w.nodes) {
    const auto* c = std::get_if<client::Consumer>(&node.logic);
    if (c != nullptr && !c->config.group_id.empty() && !c->subscription.empty()) {
      groups.insert(c->config.group_id);
    }
  }
  for (const std::string& group : groups) {
    const world::GroupAt g = world::find_group(w, group);
    if (g.group != nullptr && !g.group->members.empty() &&
        g.group->phase != cluster::GroupPhase::kStable) {
      return fmt::format("group {} is {}", group, cluster::group_phase_name(g.group->phase));
    }
  }
  return "";
}

RunResult run_checked(const scenario::Scenario& s, uint64_t seed, int64_t budget_steps) {
  world::World w = scenario::build_world(s, seed);
  trace::Trace trace(trace::TraceHeader{.scenario = s.name, .seed = seed});
  check::InvariantChecker checker;
  const auto step_checked = [&](SimTime until) {
    if (world::step(w, &trace, until) != world::StepResult::kStepped) return false;
    checker.observe(w, trace, Step{w.steps_done - 1});
    return true;
  };
  // Safety: the scenario with its faults, to its heal time.
  while (step_checked(s.stop_at)) {
  }
  // Converge: on until recovered, looking once per simulated 100 ms.
  RunResult r;
  const int64_t budget_end = w.steps_done + budget_steps;
  SimTime next_look = w.now();
  while (w.steps_done < budget_end) {
    if (w.now() >= next_look) {
      r.not_converged = unconverged(w);
      if (r.not_converged.empty()) {
        r.converged = true;
        r.converged_after_ms = (w.now() - s.stop_at).ms();
        break;
      }
      next_look = w.now() + SimTime::from_ms(100);
    }
    if (!step_checked(SimTime::never())) break;
  }
  if (!r.converged) {
    r.not_converged = unconverged(w);
    r.converged = r.not_converged.empty();
    if (r.converged) r.converged_after_ms = (w.now() - s.stop_at).ms();
  }
  checker.finish(w, trace);
  r.steps = w.steps_done;
  for (const trace::Observation& o : trace.observations()) {
    r.violations.push_back(Violation{o, trace.entry(o.step).time.ms()});
  }
  return r;
}

}  // namespace ksim::cli::explore
