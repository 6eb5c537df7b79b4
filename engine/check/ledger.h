// What the loss checks compare the cluster with: every record that has been below some
// replica's high watermark (committed), by partition and offset. The ledger reads the high
// watermark advances from the trace, so it costs nothing on steps that move no high watermark.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/trace/trace.h"
#include "engine/world/world.h"

namespace ksim::check {

// Every record that has been below a high watermark: its id by partition and offset (0 where
// nothing was committed yet). The first committed id at an offset is kept: a different record
// there later means the committed one was lost.
class CommittedLedger {
 public:
  // Reads the high watermark advances of step `s` and the records they committed.
  void observe(const world::World& w, const trace::Trace& t, Step s);
  const std::map<kafka::TopicPartition, std::vector<uint64_t>>& records() const { return ids_; }

 private:
  std::map<kafka::TopicPartition, std::vector<uint64_t>> ids_;
};

// True when the record `id` that was at `offset` of `tp` is gone from the partition's current
// leader (world::partition_leader): another record or none holds the offset. Not lost while the
// partition is offline (unavailable, not yet lost), below the log start offset (retention
// deleted it, as configured), or in a gap compaction left below the log end offset.
bool record_lost(const world::World& w, const kafka::TopicPartition& tp, int64_t offset,
                 uint64_t id);
// The same against the leader's log, found once for many offsets (nullptr: not lost).
bool record_lost_from(const log::PartitionLog* leader_log, int64_t offset, uint64_t id);

// The topic-partition a replica entity of the trace names, if its topic id is known.
std::optional<kafka::TopicPartition> replica_partition(const trace::Trace& t,
                                                       const trace::EntityRef& e);

}  // namespace ksim::check
