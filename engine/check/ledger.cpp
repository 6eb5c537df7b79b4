#include "engine/check/ledger.h"

#include <algorithm>

#include "engine/world/inspect.h"

namespace ksim::check {

std::optional<kafka::TopicPartition> replica_partition(const trace::Trace& t,
                                                       const trace::EntityRef& e) {
  if (e.kind != trace::EntityKind::kReplica) return std::nullopt;
  const auto topic = t.topic_names().find(trace::topic_id_of(e.index));
  if (topic == t.topic_names().end()) return std::nullopt;
  return kafka::TopicPartition{topic->second, trace::partition_of(e.index)};
}

void CommittedLedger::observe(const world::World& w, const trace::Trace& t, Step s) {
  for (const trace::StateChange& c : t.changes(s)) {
    if (c.field != trace::Field::kHighWatermark || c.to <= c.from) continue;
    const auto tp = replica_partition(t, c.entity);
    if (!tp) continue;
    const auto* broker =
        std::get_if<cluster::Broker>(&w.nodes[static_cast<size_t>(c.entity.node)].logic);
    const log::PartitionLog* log = broker == nullptr ? nullptr : broker->disk.logs.find_log(*tp);
    if (log == nullptr) continue;
    std::vector<uint64_t>& ids = ids_[*tp];
    if (ids.size() < static_cast<size_t>(c.to)) ids.resize(static_cast<size_t>(c.to), 0);
    for (int64_t offset = std::max<int64_t>(c.from, 0); offset < c.to; ++offset) {
      uint64_t& id = ids[static_cast<size_t>(offset)];
      if (id != 0) continue;
      if (const kafka::Record* r = world::record_at(*log, offset)) id = r->id.value;
    }
  }
}

bool record_lost(const world::World& w, const kafka::TopicPartition& tp, int64_t offset,
                 uint64_t id) {
  const cluster::Broker* leader = world::partition_leader(w, tp);
  // Offline: unavailable, not (yet) lost. No log: the topic was deleted.
  return record_lost_from(leader == nullptr ? nullptr : leader->disk.logs.find_log(tp), offset, id);
}

bool record_lost_from(const log::PartitionLog* log, int64_t offset, uint64_t id) {
  if (log == nullptr) return false;
  if (offset < log->log_start_offset()) return false;  // retention deleted it, as configured
  const kafka::Record* r = world::record_at(*log, offset);
  if (r != nullptr) return r->id.value != id;
  // No record there: compaction removed it (a gap below the end), or truncation did.
  return offset >= log->log_end_offset();
}

}  // namespace ksim::check
