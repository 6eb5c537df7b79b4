// Log compaction: one cleaner pass over one log (Kafka's LogCleaner.Cleaner.doClean and
// LogCleanerManager.cleanableOffsets / calculateCleanableBytes).
//
// The log is split at the cleaner checkpoint (first dirty offset): the clean part before it,
// the dirty part from it up to the first uncleanable offset = min(HW, active segment base,
// base of the first dirty segment newer than now - min.compaction.lag.ms), rounded down to a
// segment base. A pass maps each key in the dirty part to its latest offset, then recopies
// every segment from the log start up to the end of that range, regrouped so each group's old
// sizes sum to at most segment.bytes. A record stays if it is its key's latest; a tombstone
// stays until the delete horizon stamped on its batch by the first pass that rewrote it
// (KIP-534: now + delete.retention.ms) has passed. Offsets never change.
// Simplification: no max.compaction.lag.ms and an unlimited offset map, so one pass covers the
// whole dirty range (docs/log.md#simplifications).
#pragma once

#include <cstdint>

#include "engine/log/partition_log.h"

namespace ksim::log {

struct CleanableRange {
  Offset first_dirty_offset = 0;
  Offset first_uncleanable_offset = 0;  // a segment base offset
  int64_t clean_bytes = 0;              // segments before the first dirty offset
  int64_t cleanable_bytes = 0;          // segments of the dirty part, before the uncleanable one

  int64_t total_bytes() const { return clean_bytes + cleanable_bytes; }
};

// Where the dirty part starts and ends, and the byte counts of the dirty ratio.
CleanableRange cleanable_range(const PartitionLog& log, TimestampMs now_ms);

// The cleaner picks a log only if cleanable / (clean + cleanable) is strictly greater than
// min.cleanable.dirty.ratio (exact integer comparison).
bool dirty_ratio_exceeds_threshold(const PartitionLog& log, const CleanableRange& range);

struct CleanStats {
  Offset first_dirty_offset = 0;  // checkpoint before the pass
  Offset end_offset = 0;          // checkpoint after the pass
  int64_t bytes_before = 0;       // of the recopied segments
  int64_t bytes_after = 0;
  int64_t records_before = 0;
  int64_t records_after = 0;
  int64_t tombstones_removed = 0;
  int64_t segments_before = 0;
  int64_t segments_after = 0;
};

// One cleaning pass at `now_ms`, whatever the dirty ratio. Requires: cleanup.policy contains
// compact. Does nothing (and returns
// end_offset == first_dirty_offset) when the dirty part is empty.
CleanStats clean_log(PartitionLog& log, TimestampMs now_ms);

}  // namespace ksim::log
