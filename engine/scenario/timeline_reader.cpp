// The scenario's "timeline" section: actions at times, each checked against the nodes.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/scenario/loader.h"
#include "engine/scenario/scenario_reader.h"

namespace ksim::scenario {
namespace {

const std::vector<std::string> kActionNames = {"crash",
                                               "restart",
                                               "partition",
                                               "heal",
                                               "set_link",
                                               "note",
                                               "produce",
                                               "fetch",
                                               "create_topic",
                                               "delete_topic",
                                               "add_partitions",
                                               "elect_preferred_leaders",
                                               "controlled_shutdown",
                                               "send",
                                               "seek",
                                               "commit",
                                               "reset_offsets",
                                               "close",
                                               "set_serializer",
                                               "alter_topic_config",
                                               "expect"};

}  // namespace

const std::vector<std::string>& action_names() { return kActionNames; }

// Topics created by create_topic actions anywhere in the timeline (so a produce or a
// consumer's assignment may name one even if the file lists it first).
void ScenarioReader::collect_created_topics(const Json& doc) {
  const auto timeline = doc.find("timeline");
  if (timeline == doc.end() || !timeline->is_array()) return;
  std::map<std::string, int32_t>& topics = topic_partitions_;
  for (const Json& a : *timeline) {
    if (!a.is_object() || a.value("action", Json()) != "create_topic") continue;
    const Json name = a.value("topic", Json());
    const Json partitions = a.value("partitions", Json(1));
    if (name.is_string() && partitions.is_number_integer()) {
      topics[name.get<std::string>()] = static_cast<int32_t>(partitions.get<int64_t>());
    }
    const Json policy = a.value("configs", Json::object()).value("cleanup.policy", Json());
    if (name.is_string() && policy.is_string() &&
        policy.get<std::string>().find("compact") != std::string::npos) {
      compacted_topics_.insert(name.get<std::string>());
    }
  }
}

// Exactly one of at_ms (a time within the run) and after_step (a step number).
std::optional<TimedAction> ScenarioReader::read_when(const Json& a, const std::string& where,
                                                     const Scenario& s) {
  const bool has_at = a.contains("at_ms");
  const bool has_step = a.contains("after_step");
  if (has_at == has_step) {
    r_.problem(where, "exactly one of \"at_ms\" (a time) and \"after_step\" (a step number)",
               has_at ? "both" : "neither");
    return std::nullopt;
  }
  TimedAction when;
  if (has_at) {
    const auto at_ms = r_.int_at(a, where, "at_ms", 0, s.stop_at.ms(), std::nullopt);
    if (!at_ms) return std::nullopt;
    when.at = SimTime::from_ms(*at_ms);
  } else {
    when.after_step = r_.int_at(a, where, "after_step", 0, 1'000'000'000'000, std::nullopt);
    if (!when.after_step) return std::nullopt;
  }
  return when;
}

// Partitions added by add_partitions actions count as the topic's for every action and
// expectation (the action itself checks that it grows the topic).
void ScenarioReader::collect_added_partitions(const Json& doc) {
  created_partitions_ = topic_partitions_;
  const auto timeline = doc.find("timeline");
  if (timeline == doc.end() || !timeline->is_array()) return;
  for (const Json& a : *timeline) {
    if (!a.is_object() || a.value("action", Json()) != "add_partitions") continue;
    const Json name = a.value("topic", Json());
    const Json partitions = a.value("partitions", Json());
    if (!name.is_string() || !partitions.is_number_integer()) continue;
    const auto it = topic_partitions_.find(name.get<std::string>());
    if (it == topic_partitions_.end()) continue;
    it->second =
        static_cast<int32_t>(std::clamp<int64_t>(partitions.get<int64_t>(), it->second, 10'000));
  }
}

void ScenarioReader::read_timeline(const Json& doc, Scenario& s) {
  const Json* timeline = r_.array_at(doc, "", "timeline", false);
  if (timeline == nullptr) return;
  for (size_t i = 0; i < timeline->size(); ++i) {
    const Json& a = (*timeline)[i];
    const std::string where = JsonReader::child("/timeline", i);
    if (!a.is_object()) {
      r_.problem(where, "an action object", JsonReader::describe(a));
      continue;
    }
    const auto when = read_when(a, where, s);
    const auto kind = r_.string_at(a, where, "action", true);
    if (!kind) continue;
    // The actions' readers check their own keys; when the action happens is checked here.
    Json body = a;
    body.erase("after_step");
    auto action = read_action(body, where, *kind, s);
    if (when && action) s.timeline.push_back(TimedAction{when->at, when->after_step, *action});
  }
}

std::optional<proto::Action> ScenarioReader::read_action(const Json& a, const std::string& where,
                                                         const std::string& kind, Scenario& s) {
  if (kind == "crash" || kind == "restart") {
    r_.check_keys(a, where, {"at_ms", "action", "node"});
    const auto node = node_ref(a, where, "node");
    if (!node) return std::nullopt;
    if (kind == "crash") return proto::CrashNode{*node};
    return proto::RestartNode{*node};
  }
  if (kind == "partition") {
    r_.check_keys(a, where, {"at_ms", "action", "sides", "one_way"});
    const auto one_way = r_.bool_at(a, where, "one_way", false);
    const Json* sides = r_.array_at(a, where, "sides", true);
    if (sides == nullptr || !one_way) return std::nullopt;
    if (sides->size() != 2) {
      r_.problem(where + "/sides", "two arrays of node names (the two sides)",
                 fmt::format("{} element{}", sides->size(), sides->size() == 1 ? "" : "s"));
      return std::nullopt;
    }
    proto::PartitionNetwork p{node_list((*sides)[0], where + "/sides/0"),
                              node_list((*sides)[1], where + "/sides/1"), *one_way};
    if (p.side_a.empty() || p.side_b.empty()) return std::nullopt;
    return p;
  }
  if (kind == "heal") {
    r_.check_keys(a, where, {"at_ms", "action"});
    return proto::HealNetwork{};
  }
  if (kind == "set_link") {
    r_.check_keys(a, where, {"at_ms", "action", "from", "to", "latency_ms", "jitter_ms", "loss"});
    const auto from = node_ref(a, where, "from");
    const auto to = node_ref(a, where, "to");
    const auto latency = r_.int_at(a, where, "latency_ms", 0, 3'600'000, s.network.latency.ms());
    const auto jitter = r_.int_at(a, where, "jitter_ms", 0, 3'600'000, s.network.jitter.ms());
    const auto loss = r_.ppm_at(a, where, "loss", s.network.loss_ppm);
    if (!from || !to || !latency || !jitter || !loss) return std::nullopt;
    return proto::SetLink{*from, *to,
                          LinkConfig{SimTime::from_ms(*latency), SimTime::from_ms(*jitter), *loss}};
  }
  if (kind == "expect") return read_expect(a, where, s);
  if (kind == "note") {
    r_.check_keys(a, where, {"at_ms", "action", "text", "pause"});
    const auto text = r_.string_at(a, where, "text", true);
    const auto pause = r_.bool_at(a, where, "pause", false);
    if (!text || !pause) return std::nullopt;
    s.notes.push_back(*text);
    return proto::Note{static_cast<int32_t>(s.notes.size() - 1), *pause};
  }
  if (std::find(kActionNames.begin(), kActionNames.end(), kind) != kActionNames.end()) {
    if (!s.cluster) {
      r_.problem(where + "/action",
                 "an action of the toy world (crash, restart, partition, heal, "
                 "set_link, note)",
                 "\"" + kind + "\", which needs a \"cluster\"");
      return std::nullopt;
    }
    return read_cluster_action(a, where, kind, s);
  }
  const std::string hint = nearest(kind, kActionNames);
  r_.problem(where + "/action",
             hint.empty() ? "one of " + fmt::format("{}", fmt::join(kActionNames, ", "))
                          : "a known action (did you mean \"" + hint + "\"?)",
             "\"" + kind + "\"");
  return std::nullopt;
}

}  // namespace ksim::scenario
