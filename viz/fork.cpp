#include "viz/fork.h"

#include <fmt/format.h>

#include <sstream>

#include "cli/scenario_source.h"
#include "engine/scenario/loader.h"
#include "engine/world/inspect.h"

namespace ksim::viz {
namespace {

using Json = nlohmann::ordered_json;

// The action with its anchor first, as a scenario file writes it: after the last step
// delivered, or at time 0 before the first.
Json anchored(const Json& action, int64_t position) {
  Json a = Json::object();
  if (position == 0) {
    a["at_ms"] = 0;
  } else {
    a["after_step"] = position - 1;
  }
  for (const auto& [k, v] : action.items()) a[k] = v;
  return a;
}

bool is_broker(const world::World& w, NodeId node) {
  return std::holds_alternative<cluster::Broker>(w.nodes[static_cast<size_t>(node.value)].logic);
}

bool is_kafka_client(const world::World& w, NodeId node) {
  const world::NodeLogic& logic = w.nodes[static_cast<size_t>(node.value)].logic;
  return std::holds_alternative<client::Producer>(logic) ||
         std::holds_alternative<client::Consumer>(logic);
}

bool any_link_cut(const world::World& w) {
  const int32_t n = w.rt.network.node_count();
  for (int32_t a = 0; a < n; ++a) {
    if (w.rt.network.is_isolated_somewhere(NodeId{a})) return true;
  }
  return false;
}

}  // namespace

std::string fork_run(AppState& app, const Fork& fork) {
  if (app.source.document.is_null()) {
    return "this run was not loaded from a file, so it cannot be forked";
  }
  const int64_t position = app.timeline.position();
  Json doc = app.source.document;
  std::vector<Json> added;
  added.push_back(anchored(Json{{"action", "note"}, {"text", "viewer: " + fork.label}}, position));
  for (const Json& a : fork.actions) added.push_back(anchored(a, position));
  Json& timeline = doc["timeline"];
  if (!timeline.is_array()) timeline = Json::array();
  for (const Json& a : added) timeline.push_back(a);

  const scenario::LoadResult loaded = scenario::load_text(doc.dump(), app.source.path);
  if (!loaded.scenario) {
    std::string why;
    for (const scenario::Diagnostic& d : loaded.problems) why += scenario::to_string(d) + "\n";
    return fmt::format("cannot {}: {}", fork.label, why);
  }
  AppState next = make_app_state(*loaded.scenario, app.seed, {std::move(doc), app.source.path});
  next.fork_actions = app.fork_actions;
  next.fork_actions.insert(next.fork_actions.end(), added.begin(), added.end());
  next.marks.push_back({position, MarkKind::kFork, "fork: " + fork.label});
  std::stable_sort(next.marks.begin(), next.marks.end(),
                   [](const TimelineMark& a, const TimelineMark& b) { return a.step < b.step; });
  next.selected = app.selected;
  next.playback.speed_sim_ms_per_s = app.playback.speed_sim_ms_per_s;
  next.pending.push_back(SeekTo{position});
  app = std::move(next);
  apply_commands(app);
  return "";
}

std::vector<Fork> node_faults(const world::World& w, const trace::NameTable& names, NodeId node) {
  std::vector<Fork> forks;
  const std::string name = names.node(node);
  const runtime::NodeStatus& st = w.rt.status_of(node);
  if (!st.started) return forks;
  if (!st.up) {
    forks.push_back({"restart " + name, {Json{{"action", "restart"}, {"node", name}}}});
    return forks;
  }
  forks.push_back({"crash " + name, {Json{{"action", "crash"}, {"node", name}}}});
  if (is_broker(w, node)) {
    forks.push_back({"shut down " + name + " (controlled shutdown)",
                     {Json{{"action", "controlled_shutdown"}, {"node", name}}}});
  }
  if (is_kafka_client(w, node)) {
    forks.push_back(
        {"shut down " + name + " (close())", {Json{{"action", "close"}, {"client", name}}}});
  }
  // Isolating cuts this node from every other: the partition action with two sides.
  Json others = Json::array();
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    if (static_cast<int32_t>(i) != node.value)
      others.push_back(names.node(NodeId{static_cast<int32_t>(i)}));
  }
  if (!others.empty()) {
    forks.push_back(
        {"isolate " + name,
         {Json{{"action", "partition"}, {"sides", Json::array({Json::array({name}), others})}}}});
  }
  if (any_link_cut(w)) forks.push_back(heal_all());
  return forks;
}

Fork cut_link(const std::string& a, const std::string& b) {
  return {fmt::format("cut the link {} <-> {}", a, b),
          {Json{{"action", "partition"},
                {"sides", Json::array({Json::array({a}), Json::array({b})})}}}};
}

Fork heal_all() { return {"heal every link", {Json{{"action", "heal"}}}}; }

std::string fork_document_text(const AppState& app) { return app.source.document.dump(2) + "\n"; }

}  // namespace ksim::viz
