#include "engine/log/retention.h"

namespace ksim::log {

namespace {

// UnifiedLog.deletableSegments: how many of the oldest segments may go, given `predicate`.
// Kafka evaluates the HW bound first, so a stateful predicate is only asked about segments
// below the HW.
template <typename Predicate>
size_t deletable_count(const PartitionLog& log, Predicate&& predicate) {
  size_t count = 0;
  for (size_t i = 0; i < log.segment_count(); ++i) {
    const Segment& segment = log.segment(i);
    const bool has_next = i + 1 < log.segment_count();
    const bool below_hw = log.high_watermark() >= log.segment_upper_bound(i);
    const bool qualifies = below_hw && predicate(segment, i);
    if (!qualifies || (!has_next && segment.empty())) break;
    ++count;
  }
  return count;
}

void delete_segments(PartitionLog& log, size_t count, DeletionReason reason, TimestampMs now_ms,
                     std::vector<DeletedSegment>& out) {
  for (const DeletedSegmentInfo& info : log.delete_oldest_segments(count, now_ms)) {
    out.push_back({info, reason});
  }
}

void delete_log_start_offset_breached(PartitionLog& log, TimestampMs now_ms,
                                      std::vector<DeletedSegment>& out) {
  const size_t count = deletable_count(log, [&log](const Segment&, size_t i) {
    return i + 1 < log.segment_count() &&
           log.segment(i + 1).base_offset() <= log.log_start_offset();
  });
  delete_segments(log, count, DeletionReason::kLogStartOffsetBreach, now_ms, out);
}

void delete_retention_size_breached(PartitionLog& log, TimestampMs now_ms,
                                    std::vector<DeletedSegment>& out) {
  const int64_t retention_bytes = log.config().retention_bytes;
  const int64_t size = log.size_bytes();
  if (retention_bytes < 0 || size < retention_bytes) return;
  // Never shrink below retention.bytes: delete while the rest still holds at least that much.
  int64_t diff = size - retention_bytes;
  const size_t count = deletable_count(log, [&diff](const Segment& segment, size_t) {
    if (diff - segment.size_bytes() < 0) return false;
    diff -= segment.size_bytes();
    return true;
  });
  delete_segments(log, count, DeletionReason::kRetentionSizeBreach, now_ms, out);
}

void delete_retention_ms_breached(PartitionLog& log, TimestampMs now_ms,
                                  std::vector<DeletedSegment>& out) {
  const int64_t retention_ms = log.config().retention_ms;
  if (retention_ms < 0) return;
  const size_t count = deletable_count(log, [&](const Segment& segment, size_t) {
    return now_ms - segment.largest_timestamp_ms() > retention_ms;
  });
  delete_segments(log, count, DeletionReason::kRetentionMsBreach, now_ms, out);
}

}  // namespace

std::string_view reason_name(DeletionReason reason) {
  switch (reason) {
    case DeletionReason::kLogStartOffsetBreach:
      return "LogStartOffsetBreach";
    case DeletionReason::kRetentionSizeBreach:
      return "RetentionSizeBreach";
    case DeletionReason::kRetentionMsBreach:
      return "RetentionMsBreach";
  }
  return "";
}

std::vector<DeletedSegment> delete_old_segments(PartitionLog& log, TimestampMs now_ms) {
  std::vector<DeletedSegment> deleted;
  delete_log_start_offset_breached(log, now_ms, deleted);
  if (log.config().cleanup_policy.delete_) {
    delete_retention_size_breached(log, now_ms, deleted);
    delete_retention_ms_breached(log, now_ms, deleted);
  }
  return deleted;
}

}  // namespace ksim::log
