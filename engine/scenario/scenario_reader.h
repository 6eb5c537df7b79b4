// Reads the sections of a parsed scenario document into a Scenario, reporting every problem
// through a JsonReader. Internal to the loader (loader.h is the public entry point).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/scenario/json_reader.h"
#include "engine/scenario/scenario.h"

namespace ksim::scenario {

// An object of configs at obj[where]["configs"], each value as text (strings, numbers, bools).
std::map<std::string, std::string> read_configs(JsonReader& r, const Json& obj,
                                                const std::string& where,
                                                const char* key_name = "configs");

// Whether a contrast setting's JSON pointer can be applied to `doc`: a pointer (RFC 6901) below
// an existing object or array, and not into the contrast section itself.
enum class ContrastPointer : uint8_t { kValid, kMalformed, kNowhere };
ContrastPointer check_contrast_pointer(const Json& doc, const std::string& pointer);

class ScenarioReader {
 public:
  ScenarioReader(const std::string& file, std::vector<Diagnostic>& problems) : r_(file, problems) {}

  Scenario read(const Json& doc);

 private:
  void read_network(const Json& doc, Scenario& s);
  void read_toy(const Json& doc, Scenario& s);
  void read_cluster(const Json& doc, Scenario& s);
  void read_topics(const Json& cluster, ClusterSpec& c);
  void read_clients(const Json& cluster, Scenario& s);
  // Kafka's producers and consumers (client_reader.cpp).
  void read_producers(const Json& cluster, Scenario& s);
  void read_consumers(const Json& cluster, Scenario& s);
  std::vector<std::string> read_bootstrap(const Json& client, const std::string& where,
                                          const Scenario& s);
  void read_start(const Json& client, const std::string& where, const ClusterSpec& c, SimTime& at,
                  std::optional<int64_t>& after_step);
  std::optional<proto::Action> read_client_action(const Json& a, const std::string& where,
                                                  const std::string& kind, Scenario& s);
  std::optional<proto::Action> read_reset_offsets(const Json& a, const std::string& where,
                                                  Scenario& s);
  bool add_node(const std::string& name, const std::string& where, Scenario& s);
  void finish_node_names(const Scenario& s);
  std::optional<proto::Action> read_cluster_action(const Json& a, const std::string& where,
                                                   const std::string& kind, Scenario& s);
  // The topic named at `key`, which the scenario must create; its partition count.
  std::optional<std::pair<std::string, int32_t>> topic_ref(const Json& a, const std::string& where,
                                                           const Scenario& s);
  // What a topic reference should have been, with the nearest topic the scenario creates.
  std::string expected_topic(const std::string& found) const;
  void collect_created_topics(const Json& doc);
  void collect_added_partitions(const Json& doc);
  void read_timeline(const Json& doc, Scenario& s);
  std::optional<TimedAction> read_when(const Json& a, const std::string& where, const Scenario& s);
  // An expect action (expect_reader.cpp): the assertion, with every name it uses checked.
  std::optional<proto::Action> read_expect(const Json& a, const std::string& where, Scenario& s);
  std::optional<std::string> group_ref(const Json& a, const std::string& where);
  std::optional<std::string> client_name_ref(const Json& a, const std::string& where,
                                             const char* key, const std::vector<NodeId>& kind,
                                             const char* what);
  void read_contrast(const Json& doc, Scenario& s);
  std::optional<proto::Action> read_action(const Json& a, const std::string& where,
                                           const std::string& kind, Scenario& s);
  std::optional<NodeId> node_ref(const Json& obj, const std::string& where, const char* key);
  std::optional<NodeId> node_named(const Json& value, const std::string& where);
  std::vector<NodeId> node_list(const Json& value, const std::string& where);

  JsonReader r_;
  std::map<std::string, NodeId> node_ids_;
  std::string node_names_;  // "a, b or c", for diagnostics
  std::vector<std::string> node_name_list_;
  NodeId controller_{-1};
  std::map<std::string, int32_t> topic_partitions_;    // every topic the scenario creates
  std::map<std::string, int32_t> created_partitions_;  // the same before add_partitions
  std::vector<NodeId> scripted_clients_;
  std::vector<NodeId> producers_;
  std::vector<NodeId> consumers_;
  std::vector<std::string> groups_;         // the consumers' group.ids
  std::set<std::string> compacted_topics_;  // cleanup.policy includes compact
};

}  // namespace ksim::scenario
