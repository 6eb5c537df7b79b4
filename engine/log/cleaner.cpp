#include "engine/log/cleaner.h"

#include <algorithm>
#include <map>
#include <string>

#include "engine/sim/check.h"

namespace ksim::log {

namespace {

// Index of the segment holding `offset` (the last whose base is <= offset), or 0.
size_t floor_segment(const PartitionLog& log, Offset offset) {
  size_t i = 0;
  while (i + 1 < log.segment_count() && log.segment(i + 1).base_offset() <= offset) ++i;
  return i;
}

Offset first_uncleanable_offset(const PartitionLog& log, Offset first_dirty, TimestampMs now_ms) {
  const size_t active = log.segment_count() - 1;
  // Simplification: no transactions, so the last stable offset is the HW
  // (docs/log.md#simplifications).
  Offset uncleanable = std::min(log.high_watermark(), log.segment(active).base_offset());
  const int64_t lag_ms = std::max<int64_t>(log.config().min_compaction_lag_ms, 0);
  if (lag_ms > 0) {
    for (size_t i = floor_segment(log, first_dirty); i < active; ++i) {
      if (log.segment(i).largest_timestamp_ms() > now_ms - lag_ms) {
        uncleanable = std::min(uncleanable, log.segment(i).base_offset());
        break;
      }
    }
  }
  return std::max(first_dirty, uncleanable);
}

// Groups consecutive segments so that each group's sizes sum to at most max_bytes
// (LogCleaner.groupSegmentsBySize). Returns group sizes in segment counts.
// Simplification: no index-size or 2^31 relative-offset limits (docs/log.md#simplifications).
std::vector<size_t> group_by_size(const PartitionLog& log, size_t count, int64_t max_bytes) {
  std::vector<size_t> groups;
  size_t i = 0;
  while (i < count) {
    int64_t size = log.segment(i).size_bytes();
    size_t n = 1;
    while (i + n < count && size + log.segment(i + n).size_bytes() <= max_bytes) {
      size += log.segment(i + n).size_bytes();
      ++n;
    }
    groups.push_back(n);
    i += n;
  }
  return groups;
}

struct OffsetMap {
  std::map<std::string, Offset> latest;  // key -> latest offset in the dirty part
  Offset latest_offset = -1;             // last offset mapped
};

OffsetMap build_offset_map(const PartitionLog& log, Offset from, Offset to) {
  OffsetMap map;
  for (size_t i = floor_segment(log, from); i < log.segment_count(); ++i) {
    const Segment& s = log.segment(i);
    if (s.base_offset() >= to) break;
    for (const BatchPtr& b : s.batches()) {
      if (b->last_offset() < from || b->base_offset >= to) continue;
      for (const BatchRecord& r : b->records) {
        const Offset offset = b->base_offset + r.offset_delta;
        if (offset >= from && r.record.key) map.latest[*r.record.key] = offset;
      }
      map.latest_offset = std::max(map.latest_offset, b->last_offset());
    }
  }
  return map;
}

struct Filtered {
  BatchPtr batch;  // nullptr: the batch is dropped
  int64_t tombstones_removed = 0;
};

// MemoryRecords.filterTo with the cleaner's RecordFilter, for one batch.
Filtered filter_batch(const BatchPtr& batch, const OffsetMap& map, TimestampMs now_ms,
                      int64_t delete_retention_ms, bool keep_if_empty) {
  Filtered out;
  std::vector<BatchRecord> kept;
  bool tombstone_kept = false;
  for (const BatchRecord& r : batch->records) {
    const Offset offset = batch->base_offset + r.offset_delta;
    bool retain = true;
    if (offset <= map.latest_offset) {
      if (!r.record.key) {
        retain = false;  // a record without a key cannot be compacted: Kafka drops it
      } else {
        const auto found = map.latest.find(*r.record.key);
        const bool latest_for_key = found == map.latest.end() || offset >= found->second;
        const bool keep_delete = !batch->delete_horizon_ms || now_ms < *batch->delete_horizon_ms;
        retain = latest_for_key && (!r.record.is_tombstone() || keep_delete);
        if (latest_for_key && r.record.is_tombstone() && !keep_delete) ++out.tombstones_removed;
      }
    }
    if (retain) {
      tombstone_kept = tombstone_kept || r.record.is_tombstone();
      kept.push_back(r);
    }
  }
  const bool set_horizon = tombstone_kept && !batch->delete_horizon_ms;
  if (kept.size() == batch->records.size() && !set_horizon) {
    out.batch = batch;  // unchanged: shared, not copied
  } else if (!kept.empty() || keep_if_empty) {
    const auto horizon = set_horizon ? std::optional<TimestampMs>(now_ms + delete_retention_ms)
                                     : batch->delete_horizon_ms;
    out.batch = rebuild_batch(*batch, std::move(kept), horizon);
  }
  return out;
}

}  // namespace

CleanableRange cleanable_range(const PartitionLog& log, TimestampMs now_ms) {
  CleanableRange range;
  Offset first_dirty = log.cleaner_checkpoint().value_or(log.log_start_offset());
  if (first_dirty < log.log_start_offset() || first_dirty > log.log_end_offset()) {
    first_dirty = log.log_start_offset();  // the checkpoint is no longer valid
  }
  range.first_dirty_offset = first_dirty;
  const Offset uncleanable = first_uncleanable_offset(log, first_dirty, now_ms);
  // calculateCleanableBytes: round down to the base of the segment holding `uncleanable`.
  const size_t uncleanable_segment = floor_segment(log, uncleanable);
  range.first_uncleanable_offset = log.segment(uncleanable_segment).base_offset();
  const size_t dirty_segment =
      floor_segment(log, std::min(first_dirty, range.first_uncleanable_offset));
  for (size_t i = 0; i < log.segment_count(); ++i) {
    const Segment& s = log.segment(i);
    if (s.base_offset() < first_dirty) range.clean_bytes += s.size_bytes();
    if (i >= dirty_segment && i < uncleanable_segment) range.cleanable_bytes += s.size_bytes();
  }
  return range;
}

bool dirty_ratio_exceeds_threshold(const PartitionLog& log, const CleanableRange& range) {
  if (range.cleanable_bytes <= 0 || range.total_bytes() <= 0) return false;
  return fraction_exceeds(range.cleanable_bytes, range.total_bytes(),
                          log.config().min_cleanable_dirty_ratio);
}

CleanStats clean_log(PartitionLog& log, TimestampMs now_ms) {
  KSIM_ASSERT(log.config().cleanup_policy.compact, "only compacted logs are cleaned");
  const CleanableRange range = cleanable_range(log, now_ms);
  CleanStats stats;
  stats.first_dirty_offset = stats.end_offset = range.first_dirty_offset;
  if (range.first_uncleanable_offset <= range.first_dirty_offset) return stats;

  const OffsetMap map =
      build_offset_map(log, range.first_dirty_offset, range.first_uncleanable_offset);
  stats.end_offset = map.latest_offset >= range.first_dirty_offset ? map.latest_offset + 1
                                                                   : range.first_uncleanable_offset;
  size_t count = 0;  // segments to recopy: every one that starts below end_offset
  while (count + 1 < log.segment_count() && log.segment(count).base_offset() < stats.end_offset) {
    ++count;
  }
  // The last batch of the cleaned range survives even if emptied, so offsets stay known.
  // Simplification: Kafka keeps the last batch of each active idempotent producer instead
  // (docs/log.md#simplifications).
  const RecordBatch* last_batch = nullptr;
  for (size_t i = 0; i < count; ++i) {
    if (!log.segment(i).empty()) last_batch = log.segment(i).batches().back().get();
  }
  std::vector<SegmentPtr> cleaned;
  size_t first = 0;
  for (const size_t n : group_by_size(log, count, log.config().segment_bytes)) {
    Segment out(log.segment(first).base_offset(), now_ms);
    for (size_t i = first; i < first + n; ++i) {
      const Segment& s = log.segment(i);
      stats.bytes_before += s.size_bytes();
      stats.records_before += s.record_count();
      for (const BatchPtr& b : s.batches()) {
        Filtered f =
            filter_batch(b, map, now_ms, log.config().delete_retention_ms, b.get() == last_batch);
        stats.tombstones_removed += f.tombstones_removed;
        if (f.batch) out.append(std::move(f.batch));
      }
    }
    stats.bytes_after += out.size_bytes();
    stats.records_after += out.record_count();
    cleaned.push_back(std::make_shared<const Segment>(std::move(out)));
    first += n;
  }
  stats.segments_before = static_cast<int64_t>(count);
  stats.segments_after = static_cast<int64_t>(cleaned.size());
  log.replace_oldest_segments(count, std::move(cleaned), stats.end_offset);
  return stats;
}

}  // namespace ksim::log
