#include "cli/group_view.h"

#include <fmt/format.h>

#include <set>

#include "engine/world/inspect.h"

namespace ksim::cli {
namespace {

// ListOffsets(latest) at the partition's leader: its high watermark.
std::optional<int64_t> log_end(const world::World& w, const cluster::MetadataImage& image,
                               const kafka::TopicPartition& tp) {
  const proto::PartitionRecord* p = image.partition(tp);
  if (p == nullptr || p->leader < 0) return std::nullopt;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = world::running_broker(w, i);
    if (b == nullptr || b->broker_id != p->leader) continue;
    const log::PartitionLog* log = b->disk.logs.find_log(tp);
    if (log != nullptr) return log->high_watermark();
  }
  return std::nullopt;
}

}  // namespace

GroupView group_view(const world::World& w, const std::string& group) {
  GroupView v;
  v.group = group;
  v.state = "Dead";
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = world::running_broker(w, i);
    if (b == nullptr) continue;
    const auto it = b->memory.coordinator.groups.find(group);
    if (it == b->memory.coordinator.groups.end()) continue;
    const cluster::GroupState& g = it->second;
    v.state = std::string(cluster::group_phase_name(g.phase));
    v.assignment_strategy = g.protocol_name;
    v.coordinator = fmt::format("{}:9092  ({})", w.nodes[i].name, b->broker_id);
    std::set<kafka::TopicPartition> partitions;
    for (const cluster::GroupMember& m : g.members) {
      const bool known_node =
          m.node.value >= 0 && static_cast<size_t>(m.node.value) < w.nodes.size();
      v.members.push_back(GroupMemberView{
          m.member_id, m.group_instance_id.value_or(""),
          "/" + (known_node ? w.nodes[static_cast<size_t>(m.node.value)].name : std::string("?")),
          m.client_id, m.assignment});
      partitions.insert(m.assignment.begin(), m.assignment.end());
    }
    for (const auto& [tp, o] : g.offsets) {
      v.committed[tp] = o.offset;
      partitions.insert(tp);
    }
    for (const kafka::TopicPartition& tp : partitions) {
      if (const auto end = log_end(w, b->memory.image, tp)) v.log_end[tp] = *end;
    }
    return v;
  }
  return v;
}

std::vector<std::string> group_ids(const world::World& w) {
  std::set<std::string> ids;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = world::running_broker(w, i);
    if (b == nullptr) continue;
    for (const auto& [id, g] : b->memory.coordinator.groups) ids.insert(id);
  }
  return {ids.begin(), ids.end()};
}

}  // namespace ksim::cli
