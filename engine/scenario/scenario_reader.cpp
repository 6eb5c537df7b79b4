#include "engine/scenario/scenario_reader.h"

#include <fmt/format.h>

namespace ksim::scenario {

Scenario ScenarioReader::read(const Json& doc) {
  Scenario s;
  r_.check_keys(doc, "",
                {"name", "summary", "seed", "stop_at_ms", "network", "toy", "cluster", "timeline",
                 "contrast"});
  s.name = r_.string_at(doc, "", "name", true).value_or("");
  s.summary = r_.string_at(doc, "", "summary", false).value_or("");
  s.seed = static_cast<uint64_t>(r_.int_at(doc, "", "seed", 0, INT64_MAX, 1).value_or(1));
  s.stop_at = SimTime::from_ms(
      r_.int_at(doc, "", "stop_at_ms", 1, 1'000'000'000'000, 10'000).value_or(10'000));
  read_network(doc, s);
  const bool has_toy = doc.contains("toy");
  const bool has_cluster = doc.contains("cluster");
  if (has_toy && has_cluster) {
    r_.problem("/cluster", "either \"toy\" or \"cluster\", not both", "both");
  } else if (has_cluster) {
    collect_created_topics(doc);
    read_cluster(doc, s);
    collect_added_partitions(doc);
  } else {
    read_toy(doc, s);
  }
  finish_node_names(s);
  read_timeline(doc, s);
  read_contrast(doc, s);
  return s;
}

// Invariant: a pointer judged kValid can be assigned through (doc[pointer] = value) without
// the JSON library throwing or growing an array: its parent is an object, or an array and the
// last token is an existing index or its end ("-" or the size). Before, "/stop_at_ms/a" and
// "/timeline/abc" threw out of the loader and "/timeline/99999999" grew the array by that many
// nulls (tests/scenario/fuzz_regressions/contrast_pointer_*.json).
ContrastPointer check_contrast_pointer(const Json& doc, const std::string& pointer) {
  try {
    const Json::json_pointer target(pointer);
    if (target.empty() || !doc.contains(target.parent_pointer()) ||
        pointer.rfind("/contrast", 0) == 0) {
      return ContrastPointer::kNowhere;
    }
    const Json& parent = doc.at(target.parent_pointer());
    if (parent.is_object()) return ContrastPointer::kValid;
    if (!parent.is_array()) return ContrastPointer::kNowhere;
    const std::string& last = target.back();
    if (last == "-" || last == std::to_string(parent.size()) || doc.contains(target)) {
      return ContrastPointer::kValid;
    }
    return ContrastPointer::kNowhere;
  } catch (const Json::exception&) {
    return ContrastPointer::kMalformed;
  }
}

// "contrast": {"summary": ..., "set": {JSON pointer: value, ...}}. Each pointer's parent must
// exist in the file, so the variant changes the setting the lesson is about, not a new key
// somewhere nobody reads.
void ScenarioReader::read_contrast(const Json& doc, Scenario& s) {
  const Json* contrast = r_.object_at(doc, "", "contrast", false);
  if (contrast == nullptr) return;
  const std::string where = "/contrast";
  r_.check_keys(*contrast, where, {"summary", "set"});
  Contrast c;
  c.summary = r_.string_at(*contrast, where, "summary", true).value_or("");
  const Json* set = r_.object_at(*contrast, where, "set", true);
  if (set == nullptr) return;
  if (set->empty()) {
    r_.problem(where + "/set", "at least one setting to change", "an empty object");
  }
  for (const auto& [pointer, value] : set->items()) {
    const std::string here = JsonReader::child(where + "/set", pointer);
    switch (check_contrast_pointer(doc, pointer)) {
      case ContrastPointer::kValid:
        c.set[pointer] = value.dump();
        break;
      case ContrastPointer::kNowhere:
        r_.problem(here, "a JSON pointer into the lesson, below an existing object or array",
                   "\"" + pointer + "\"");
        break;
      case ContrastPointer::kMalformed:
        r_.problem(here, "a JSON pointer such as /cluster/producers/0/configs/acks",
                   "\"" + pointer + "\"");
        break;
    }
  }
  s.contrast = std::move(c);
}

void ScenarioReader::read_network(const Json& doc, Scenario& s) {
  const Json* net = r_.object_at(doc, "", "network", false);
  if (net == nullptr) return;
  const std::string where = "/network";
  r_.check_keys(*net, where, {"latency_ms", "jitter_ms", "loss"});
  s.network.latency =
      SimTime::from_ms(r_.int_at(*net, where, "latency_ms", 0, 3'600'000, 1).value_or(1));
  s.network.jitter =
      SimTime::from_ms(r_.int_at(*net, where, "jitter_ms", 0, 3'600'000, 0).value_or(0));
  s.network.loss_ppm = r_.ppm_at(*net, where, "loss", 0).value_or(0);
}

void ScenarioReader::read_toy(const Json& doc, Scenario& s) {
  const Json* toy = r_.object_at(doc, "", "toy", true);
  if (toy == nullptr) return;
  const std::string where = "/toy";
  r_.check_keys(*toy, where, {"nodes", "ping_interval_ms"});
  s.ping_interval =
      SimTime::from_ms(r_.int_at(*toy, where, "ping_interval_ms", 1, 3'600'000, 100).value_or(100));
  const Json* nodes = r_.array_at(*toy, where, "nodes", true);
  if (nodes == nullptr) return;
  if (nodes->empty() || nodes->size() > 64) {
    r_.problem("/toy/nodes", "between 1 and 64 node names", fmt::format("{} names", nodes->size()));
  }
  for (size_t i = 0; i < nodes->size() && i < 64; ++i) {
    const Json& n = (*nodes)[i];
    const std::string here = JsonReader::child("/toy/nodes", i);
    if (!n.is_string() || n.get<std::string>().empty()) {
      r_.problem(here, "a node name (a non-empty string)", JsonReader::describe(n));
      continue;
    }
    add_node(n.get<std::string>(), here, s);
  }
}

bool ScenarioReader::add_node(const std::string& name, const std::string& where, Scenario& s) {
  if (node_ids_.count(name) != 0) {
    r_.problem(where, "a name not used by another node", "\"" + name + "\"");
    return false;
  }
  node_ids_[name] = NodeId{static_cast<int32_t>(s.nodes.size())};
  s.nodes.push_back(name);
  return true;
}

void ScenarioReader::finish_node_names(const Scenario& s) {
  node_name_list_ = s.nodes;
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    if (i > 0) node_names_ += i + 1 == s.nodes.size() ? " or " : ", ";
    node_names_ += s.nodes[i];
  }
}

std::optional<NodeId> ScenarioReader::node_named(const Json& value, const std::string& where) {
  const std::string expected = "the name of a node (" + node_names_ + ")";
  if (!value.is_string()) {
    r_.problem(where, expected, JsonReader::describe(value));
    return std::nullopt;
  }
  const auto it = node_ids_.find(value.get<std::string>());
  if (it == node_ids_.end()) {
    r_.problem(where, with_hint(expected, value.get<std::string>(), node_name_list_),
               JsonReader::describe(value));
    return std::nullopt;
  }
  return it->second;
}

std::optional<NodeId> ScenarioReader::node_ref(const Json& obj, const std::string& where,
                                               const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    r_.problem(JsonReader::child(where, key), "the name of a node (required)", "nothing");
    return std::nullopt;
  }
  return node_named(*it, JsonReader::child(where, key));
}

std::vector<NodeId> ScenarioReader::node_list(const Json& value, const std::string& where) {
  std::vector<NodeId> ids;
  if (!value.is_array() || value.empty()) {
    r_.problem(where, "a non-empty array of node names", JsonReader::describe(value));
    return ids;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    if (auto id = node_named(value[i], JsonReader::child(where, i))) ids.push_back(*id);
  }
  return ids;
}

}  // namespace ksim::scenario
