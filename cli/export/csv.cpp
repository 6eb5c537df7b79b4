// CSV for spreadsheets and plotting: one row per step that changed a value, one column per
// series. Series: each partition's high watermark, log end offset and ISR size at its leader,
// and each group's lag on each partition it has committed (empty while unknown: no leader, or
// no committed offset). Internal topics are left out.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

#include "cli/export/exporter.h"
#include "engine/world/inspect.h"

namespace ksim::cli {
namespace {

using Row = std::map<std::string, std::optional<int64_t>>;  // series name -> value

std::string partition_name(const kafka::TopicPartition& tp) {
  return fmt::format("{}-{}", tp.topic, tp.partition);
}

// The partitions some running broker knows, internal topics aside.
std::set<kafka::TopicPartition> partitions_of(const world::World& w) {
  std::set<kafka::TopicPartition> out;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = world::running_broker(w, i);
    if (b == nullptr) continue;
    for (const auto& [name, t] : b->memory.image.topics) {
      if (name.rfind("__", 0) == 0) continue;
      for (size_t p = 0; p < t.partitions.size(); ++p) {
        out.insert(kafka::TopicPartition{name, static_cast<int32_t>(p)});
      }
    }
  }
  return out;
}

std::set<std::string> groups_of(const scenario::Scenario& s) {
  std::set<std::string> groups;
  if (!s.cluster) return groups;
  for (const auto& c : s.cluster->consumers) {
    const auto it = c.configs.find("group.id");
    if (it != c.configs.end()) groups.insert(it->second);
  }
  return groups;
}

Row sample(const world::World& w, const std::set<std::string>& groups) {
  Row row;
  for (const kafka::TopicPartition& tp : partitions_of(w)) {
    const std::string name = partition_name(tp);
    const cluster::Broker* leader = world::partition_leader(w, tp);
    const log::PartitionLog* log = leader == nullptr ? nullptr : leader->disk.logs.find_log(tp);
    row[fmt::format("{} hw", name)] =
        log ? std::optional<int64_t>(log->high_watermark()) : std::nullopt;
    row[fmt::format("{} leo", name)] =
        log ? std::optional<int64_t>(log->log_end_offset()) : std::nullopt;
    row[fmt::format("{} isr", name)] =
        leader ? std::optional<int64_t>(world::hosted(*leader, tp)->isr.size()) : std::nullopt;
  }
  for (const std::string& g : groups) {
    const world::GroupAt at = world::find_group(w, g);
    if (at.group == nullptr) continue;
    for (const auto& [tp, committed] : at.group->offsets) {
      const log::PartitionLog* log = world::replica_log(w, tp);
      row[fmt::format("{} lag {}", g, partition_name(tp))] =
          log ? std::optional<int64_t>(log->high_watermark() - committed.offset) : std::nullopt;
    }
  }
  return row;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  return fmt::format("\"{}\"", replace_chars(text, {{'"', "\"\""}}));
}

}  // namespace

std::string export_csv(ExportInput& in) {
  const std::set<std::string> groups = groups_of(in.scenario);
  std::vector<std::pair<int64_t, Row>> rows;  // step, values after it
  std::set<std::string> columns;
  Row last;
  in.timeline.seek(in.from.value);
  for (int64_t step = in.from.value; step < in.to.value; ++step) {
    in.timeline.seek(step + 1);
    Row row = sample(in.timeline.current(), groups);
    if (row == last) continue;
    for (const auto& [name, v] : row) columns.insert(name);
    rows.emplace_back(step, row);
    last = std::move(row);
  }
  std::string out = "step,time_ms";
  for (const std::string& c : columns) {
    out.push_back(',');
    out += csv_field(c);
  }
  out += "\n";
  for (const auto& [step, row] : rows) {
    const SimTime t = in.timeline.trace().entry(Step{step}).time;
    out += fmt::format("{},{}.{:03}", step, t.us / 1000, t.us % 1000);
    for (const std::string& c : columns) {
      const auto it = row.find(c);
      out += ",";
      if (it != row.end() && it->second) out += std::to_string(*it->second);
    }
    out += "\n";
  }
  return out;
}

}  // namespace ksim::cli
