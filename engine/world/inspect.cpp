#include "engine/world/inspect.h"

namespace ksim::world {
namespace {

template <typename Logic>
const Logic* logic_named(const World& w, const std::string& name) {
  for (const Node& n : w.nodes) {
    if (n.name == name) return std::get_if<Logic>(&n.logic);
  }
  return nullptr;
}

}  // namespace

const cluster::Broker* running_broker(const World& w, size_t node) {
  const auto* b = std::get_if<cluster::Broker>(&w.nodes[node].logic);
  return b != nullptr && w.rt.status[node].up ? b : nullptr;
}

const cluster::Broker* first_running_broker(const World& w) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    if (const cluster::Broker* b = running_broker(w, i)) return b;
  }
  return nullptr;
}

const cluster::Broker* broker_with_id(const World& w, int32_t broker_id) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = running_broker(w, i);
    if (b != nullptr && b->broker_id == broker_id) return b;
  }
  return nullptr;
}

const cluster::HostedPartition* hosted(const cluster::Broker& b, const kafka::TopicPartition& tp) {
  const auto it = b.memory.partitions.find(tp);
  return it == b.memory.partitions.end() ? nullptr : &it->second;
}

const cluster::Broker* partition_leader(const World& w, const kafka::TopicPartition& tp) {
  const cluster::Broker* best = nullptr;
  int32_t best_epoch = -1;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = running_broker(w, i);
    if (b == nullptr) continue;
    const cluster::HostedPartition* p = hosted(*b, tp);
    if (p == nullptr || p->leader != b->broker_id || p->leader_epoch <= best_epoch) continue;
    best = b;
    best_epoch = p->leader_epoch;
  }
  return best;
}

const log::PartitionLog* replica_log(const World& w, const kafka::TopicPartition& tp,
                                     std::optional<int32_t> broker_id) {
  const cluster::Broker* b = broker_id ? broker_with_id(w, *broker_id) : partition_leader(w, tp);
  return b == nullptr ? nullptr : b->disk.logs.find_log(tp);
}

const kafka::Record* record_at(const log::PartitionLog& log, int64_t offset) {
  if (offset < log.log_start_offset() || offset >= log.log_end_offset()) return nullptr;
  for (size_t i = 0; i < log.segment_count(); ++i) {
    if (log.segment_upper_bound(i) <= offset) continue;
    const log::Segment& segment = log.segment(i);
    const size_t at = segment.find_batch(offset);
    if (at == segment.batches().size()) return nullptr;
    const kafka::RecordBatch& batch = *segment.batches()[at];
    for (const kafka::BatchRecord& r : batch.records) {
      if (batch.base_offset + r.offset_delta == offset) return &r.record;
    }
    return nullptr;
  }
  return nullptr;
}

GroupAt find_group(const World& w, const std::string& group) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* any = running_broker(w, i);
    if (any == nullptr) continue;
    const cluster::TopicImage* offsets = any->memory.image.topic(cluster::kOffsetsTopic);
    if (offsets == nullptr || offsets->partitions.empty()) continue;
    const int32_t partition =
        cluster::offsets_partition_for(group, static_cast<int32_t>(offsets->partitions.size()));
    const cluster::Broker* coordinator =
        partition_leader(w, kafka::TopicPartition{cluster::kOffsetsTopic, partition});
    if (coordinator == nullptr) return {};
    const auto it = coordinator->memory.coordinator.groups.find(group);
    if (it == coordinator->memory.coordinator.groups.end()) return {};
    return GroupAt{coordinator, &it->second};
  }
  return {};
}

const client::Consumer* consumer_named(const World& w, const std::string& name) {
  return logic_named<client::Consumer>(w, name);
}

const client::Producer* producer_named(const World& w, const std::string& name) {
  return logic_named<client::Producer>(w, name);
}

}  // namespace ksim::world
