// A ShiViz log (https://bestchai.bitbucket.io/shiviz/): a space-time diagram drawn from vector
// clocks. The file starts with the parser regex ShiViz should use (its default) and an empty
// line (no delimiter between executions); then two lines per event: what happened, and
// `HOST {"HOST": n, "OTHER": m, ...}`.
//
// Vector clocks (Lamport/Fidge/Mattern): each host's own component counts its events in the
// window, from 1. A delivered message first merges (component-wise maximum) the clock its
// sender had after the sending step (the delivery's cause), so a receive always dominates its
// send and ShiViz draws the arrow. A dropped message is an event of its sender only (it learns
// nothing on the receiver's side, whose handler never ran), never merged: a merge would draw a
// communication that did not happen. Cluster-wide scenario actions (partition, heal, notes) are
// events of a pseudo-host "scenario" that talks to no one. A message sent before the window
// merges nothing (its send is not in the log).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/export/exporter.h"
#include "engine/proto/payload.h"

namespace ksim::cli {
namespace {

using trace::EventKind;
using trace::TraceEntry;
using Clock = std::vector<int64_t>;  // by host: the nodes, then "scenario"

constexpr std::string_view kShivizRegex = R"((?<event>.*)\n(?<host>\S*) (?<clock>{.*}))";

// A host as ShiViz's default regex reads it: no whitespace.
std::string host_name(std::string name) {
  for (char& c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
  }
  return name;
}

std::vector<std::string> host_names(const trace::NameTable& names) {
  std::vector<std::string> hosts;
  for (const std::string& n : names.nodes) hosts.push_back(host_name(n));
  std::string scenario = "scenario";
  while (std::find(hosts.begin(), hosts.end(), scenario) != hosts.end()) scenario += "_";
  hosts.push_back(scenario);
  return hosts;
}

// The host an event belongs to: the receiver, the timer's or action's node, a dropped
// message's sender, or the scenario.
size_t host_of(const TraceEntry& e, size_t scenario_host) {
  if (e.kind == EventKind::kDrop) return static_cast<size_t>(e.from.value);
  if (e.node == kScenarioNode) return scenario_host;
  return static_cast<size_t>(e.node.value);
}

// One line: "step 12 at 1.200000s: Ping #3 from a [pongs_received 2->3]".
std::string event_line(const trace::Trace& t, Step s, const trace::NameTable& names) {
  const TraceEntry& e = t.entry(s);
  std::string text;
  if (e.kind == EventKind::kDrop) {
    const proto::MessageSummary summary{e.a, e.b, static_cast<kafka::ErrorCode>(e.error)};
    text = fmt::format("{} to {} lost ({})",
                       proto::describe(static_cast<proto::MessageKind>(e.what), summary),
                       names.node(e.node), drop_reason_name(e.drop));
  } else {
    text = trace::describe_entry(e, names);
  }
  for (const trace::StateChange& c : t.changes(s)) {
    text += fmt::format(" [{}]", trace::describe_change(t, c, names));
  }
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return fmt::format("step {} at {}.{:06}s: {}", s.value, e.time.us / 1000000, e.time.us % 1000000,
                     text);
}

std::string clock_json(const Clock& clock, const std::vector<std::string>& quoted_hosts) {
  std::string out = "{";
  for (size_t h = 0; h < clock.size(); ++h) {
    if (clock[h] == 0) continue;
    if (out.size() > 1) out += ", ";
    out += fmt::format("{}: {}", quoted_hosts[h], clock[h]);
  }
  out += "}";
  return out;
}

}  // namespace

std::string export_shiviz(ExportInput& in) {
  const trace::Trace& t = in.timeline.trace();
  const std::vector<std::string> hosts = host_names(in.names);
  std::vector<std::string> quoted_hosts;
  for (const std::string& h : hosts) quoted_hosts.push_back(nlohmann::json(h).dump());
  const size_t scenario_host = hosts.size() - 1;

  // How many deliveries in the window merge each sending step's clock: kept until the last.
  std::map<int64_t, int64_t> merges_pending;
  for (int64_t s = in.from.value; s < in.to.value; ++s) {
    const TraceEntry& e = t.entry(Step{s});
    if (e.kind == EventKind::kDeliver && e.cause >= in.from) ++merges_pending[e.cause.value];
  }
  std::map<int64_t, Clock> sent;  // a sending step's host clock after it

  std::string out = fmt::format("{}\n\n", kShivizRegex);
  Clock zero(hosts.size(), 0);
  std::vector<Clock> clocks(hosts.size(), zero);
  for (int64_t s = in.from.value; s < in.to.value; ++s) {
    const TraceEntry& e = t.entry(Step{s});
    const size_t h = host_of(e, scenario_host);
    Clock& clock = clocks[h];
    if (e.kind == EventKind::kDeliver && e.cause >= in.from) {
      const auto it = sent.find(e.cause.value);
      for (size_t i = 0; i < clock.size(); ++i) clock[i] = std::max(clock[i], it->second[i]);
      if (--merges_pending[e.cause.value] == 0) sent.erase(it);
    }
    ++clock[h];
    if (merges_pending.contains(s)) sent[s] = clock;
    out += fmt::format("{}\n{} {}\n", event_line(t, Step{s}, in.names), hosts[h],
                       clock_json(clock, quoted_hosts));
  }
  return out;
}

}  // namespace ksim::cli
