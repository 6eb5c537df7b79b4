// One replica's log of one partition (Kafka's UnifiedLog over LocalLog): segments, the log
// start offset, the log end offset (LEO), the high watermark (HW), the leader-epoch cache and
// the cleaner checkpoint. A pure value: copying it is a checkpoint of this replica's disk.
//
// Sealed segments are std::shared_ptr<const Segment> and batches are shared_ptr<const
// RecordBatch>, so a copy costs O(segments + batches in the active segment), never O(bytes);
// the copy and the original never see each other's later changes.
//
// Retention (engine/log/retention.h) and the cleaner (engine/log/cleaner.h) are free functions
// over this class; they change it only through delete_oldest_segments / replace_segments.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/errors.h"
#include "engine/log/leader_epoch_cache.h"
#include "engine/log/producer_state.h"
#include "engine/log/segment.h"
#include "engine/log/topic_config.h"
#include "engine/log/vocabulary.h"

namespace ksim::log {

using SegmentPtr = SharedValue<Segment>;

struct AppendResult {
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
  std::string error_message;  // Kafka's wording when error != NONE
  Offset first_offset = -1;
  Offset last_offset = -1;
  BatchPtr batch;                   // the stored batch (followers append the same one)
  bool duplicate = false;           // an idempotent retry of a stored batch: nothing was appended
  std::optional<Offset> rolled_to;  // base offset of the new segment, if this append rolled
};

// Upper bound of a read: followers read to the LEO, consumers to the HW.
enum class ReadUpTo { kLogEndOffset, kHighWatermark };

struct ReadResult {
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
  std::vector<BatchPtr> batches;  // whole batches; the first may start before the fetch offset
  int64_t size_bytes = 0;
};

// What one deleted segment looked like (for the trace).
struct DeletedSegmentInfo {
  Offset base_offset = 0;
  Offset next_offset = 0;  // upper bound: next segment's base, or the LEO
  int64_t size_bytes = 0;
  int64_t record_count = 0;
};

class PartitionLog {
 public:
  PartitionLog(TopicPartition tp, TopicConfig config, Offset start_offset = 0,
               TimestampMs now_ms = 0);

  const TopicPartition& topic_partition() const { return tp_; }
  const TopicConfig& config() const { return config_; }
  void set_config(const TopicConfig& config) { config_ = config; }

  Offset log_start_offset() const { return log_start_offset_; }
  Offset log_end_offset() const { return log_end_offset_; }
  Offset high_watermark() const { return high_watermark_; }
  int64_t size_bytes() const;
  const LeaderEpochCache& leader_epoch_cache() const { return epoch_cache_; }
  // The cleaner's first dirty offset (cleaner-offset-checkpoint), if it has ever run.
  std::optional<Offset> cleaner_checkpoint() const { return cleaner_checkpoint_; }

  // Segments oldest first; the last one is the active segment.
  size_t segment_count() const { return sealed_.size() + 1; }
  const Segment& segment(size_t i) const;
  // The next segment's base offset, or the LEO for the active segment.
  Offset segment_upper_bound(size_t i) const;
  const Segment& active_segment() const { return active_; }
  const std::vector<SegmentPtr>& sealed_segments() const { return sealed_; }

  // UnifiedLog.appendAsLeader: validates, assigns dense offsets from the LEO, rolls if needed.
  // Errors: INVALID_RECORD (a record without a key on a compacted topic), MESSAGE_TOO_LARGE
  // (batch bigger than max.message.bytes), and for an idempotent producer
  // OUT_OF_ORDER_SEQUENCE_NUMBER or INVALID_PRODUCER_EPOCH; a batch this log already holds
  // (same producer, epoch and sequences) is not appended again: the result is `duplicate` with
  // the first write's offsets. Requires: records not empty, epoch >= 0.
  AppendResult append_as_leader(std::vector<Record> records, LeaderEpoch epoch, TimestampMs now_ms,
                                kafka::ProducerIdentity producer = {});

  // UnifiedLog.appendAsFollower: stores the leader's batch as is (offsets already assigned).
  // Requires: batch->base_offset >= log_end_offset().
  // Simplification: no validation; the leader validated (docs/log.md#simplifications).
  AppendResult append_as_follower(BatchPtr batch, TimestampMs now_ms);

  // Idempotent producers this replica has seen (engine/log/producer_state.h).
  const ProducerStateTable& producer_state() const { return producer_state_; }

  // Whole batches from the one containing fetch_offset, at least one batch even if it exceeds
  // max_bytes, then more while the total stays <= max_bytes. OFFSET_OUT_OF_RANGE below the log
  // start offset or above the LEO; exactly at the LEO (or the HW for kHighWatermark): empty.
  ReadResult read(Offset fetch_offset, int32_t max_bytes,
                  ReadUpTo up_to = ReadUpTo::kLogEndOffset) const;

  // Requires: log_start_offset() <= hw <= log_end_offset().
  void set_high_watermark(Offset hw);

  // A new leader records where its epoch starts (UnifiedLog.maybeAssignEpochStartOffset), so
  // followers that diverged are told so before it appends anything.
  void assign_leader_epoch(LeaderEpoch epoch, Offset start_offset) {
    epoch_cache_.assign(epoch, start_offset);
  }

  // DeleteRecords (UnifiedLog.maybeIncrementLogStartOffset). OFFSET_OUT_OF_RANGE if new_start
  // is above the HW; a no-op if not above the current log start offset.
  kafka::ErrorCode increment_log_start_offset(Offset new_start);

  // UnifiedLog.truncateTo (follower truncation): drops everything at and above `offset`
  // (a batch straddling it goes whole, and the LEO still becomes `offset`, as in Kafka's
  // LocalLog.truncateTo), trims the epoch cache, lowers HW and checkpoint.
  // Requires: offset >= 0. A no-op (apart from the epoch cache) if offset >= LEO.
  void truncate_to(Offset offset);

  // UnifiedLog.truncateFullyAndStartAt: one empty segment at `offset`; LEO = HW = log start =
  // offset; the epoch cache and cleaner checkpoint are cleared. Requires: offset >= 0.
  void truncate_fully_and_start_at(Offset offset, TimestampMs now_ms = 0);

  // Seals a non-empty active segment and opens an empty one at the LEO. Returns false (no-op)
  // if the active segment is empty.
  bool roll(TimestampMs now_ms);

  // For retention: deletes the `count` oldest segments. If that is every segment, rolls first
  // so an empty active segment remains. Moves the log start offset to the first remaining
  // segment's base. Requires: each deleted segment's upper bound <= HW.
  std::vector<DeletedSegmentInfo> delete_oldest_segments(size_t count, TimestampMs now_ms);

  // For the cleaner: replaces sealed segments [0, count) with `replacement` (sealed, same
  // offset range) and sets the cleaner checkpoint. Requires: count < segment_count().
  void replace_oldest_segments(size_t count, std::vector<SegmentPtr> replacement,
                               Offset first_dirty_offset);

 private:
  TopicPartition tp_;
  TopicConfig config_;
  // Invariant: sealed_ segments are non-overlapping in increasing base order, all below
  // active_.base_offset(); log_start <= HW <= LEO; active_.next_offset() <= LEO.
  std::vector<SegmentPtr> sealed_;
  Segment active_;
  Offset log_start_offset_;
  Offset log_end_offset_;
  Offset high_watermark_;
  LeaderEpochCache epoch_cache_;
  std::optional<Offset> cleaner_checkpoint_;
  ProducerStateTable producer_state_;

  friend bool operator==(const PartitionLog&, const PartitionLog&) = default;

  std::optional<AppendResult> validate(const std::vector<Record>& records) const;
  AppendResult append_batch(BatchPtr batch, TimestampMs now_ms);
  void set_log_start_offset(Offset offset);
  // After a truncation: the table as the remaining batches leave it.
  void rebuild_producer_state();
};

}  // namespace ksim::log
