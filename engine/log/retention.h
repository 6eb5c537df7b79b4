// Time- and size-based retention (UnifiedLog.deleteOldSegments and deletableSegments).
//
// Whole segments only, oldest first, stopping at the first that does not qualify; a segment
// qualifies only if its upper bound (next base offset, or the LEO) is <= the HW, and an empty
// active segment never does. Predicates run in Kafka's order, each as its own pass:
// log-start-offset breach (always), then retention.bytes and retention.ms (cleanup.policy
// contains delete). If every segment qualifies, the log first rolls a new empty active
// segment, so a non-empty active segment can be deleted too.
#pragma once

#include <string_view>
#include <vector>

#include "engine/log/partition_log.h"

namespace ksim::log {

enum class DeletionReason { kLogStartOffsetBreach, kRetentionSizeBreach, kRetentionMsBreach };

// Kafka's name of the SegmentDeletionReason: "LogStartOffsetBreach", "RetentionSizeBreach",
// "RetentionMsBreach".
std::string_view reason_name(DeletionReason reason);

struct DeletedSegment {
  DeletedSegmentInfo segment;
  DeletionReason reason;
};

// Runs all predicates once at `now_ms`; returns the deleted segments, oldest first.
std::vector<DeletedSegment> delete_old_segments(PartitionLog& log, TimestampMs now_ms);

}  // namespace ksim::log
