// One log segment: a run of record batches starting at a base offset (Kafka's LogSegment).
// The active segment takes appends; once rolled, a segment is sealed: the partition log then
// holds it as std::shared_ptr<const Segment> and never changes it again, so copies of the log
// (checkpoints, a follower's view in the viewer) share it. The active segment's batch list is
// itself in shared chunks, so a checkpoint of a long-lived active segment (segment.bytes is
// 1 GiB by default) copies a few chunk pointers, not every batch pointer.
// Simplification: no files and no offset/time indexes; lookups scan the batch list, which is
// cheap at simulation sizes (docs/log.md#simplifications).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/log/topic_config.h"
#include "engine/log/vocabulary.h"
#include "engine/sim/shared_chunks.h"

namespace ksim::log {

class Segment {
 public:
  // A new, empty segment. `created_ms` stands in for the file's creation time, used by the
  // time-based roll only when records carry no timestamps.
  Segment(Offset base_offset, TimestampMs created_ms);

  Offset base_offset() const { return base_offset_; }
  int64_t size_bytes() const { return size_bytes_; }
  bool empty() const { return batches_.empty(); }
  using Batches = SharedChunks<BatchPtr, 256>;
  const Batches& batches() const { return batches_; }
  int64_t record_count() const { return record_count_; }
  // The offset after the last batch, or the base offset if empty.
  Offset next_offset() const;
  // LogSegment.largestTimestamp: the largest record timestamp, kNoTimestamp if none.
  // Simplification: Kafka falls back to the file's last-modified time when a segment has no
  // timestamps; an empty segment here has kNoTimestamp (docs/log.md#simplifications).
  TimestampMs largest_timestamp_ms() const { return largest_timestamp_ms_; }

  // LogSegment.shouldRoll for an append of a batch of `batch_size` bytes whose largest
  // timestamp is `batch_max_timestamp_ms`: the batch would not fit in segment.bytes, or the
  // segment is non-empty and spans more than segment.ms (first batch's max timestamp to this
  // batch's, or creation time to now when there are no timestamps).
  // Simplification: no segment.jitter.ms, no index-full or relative-offset-overflow rolls
  // (docs/log.md#simplifications).
  bool should_roll(int32_t batch_size, TimestampMs batch_max_timestamp_ms, TimestampMs now_ms,
                   const TopicConfig& config) const;

  // Requires: batch->base_offset >= next_offset().
  void append(BatchPtr batch);

  // LogSegment.truncateTo: removes the batch containing `offset` (the first batch whose last
  // offset is >= offset) and every batch after it. Returns the bytes removed.
  int64_t truncate_to(Offset offset);

  // Index of the first batch whose last offset >= offset, or batches().size() if none.
  size_t find_batch(Offset offset) const;

  friend bool operator==(const Segment&, const Segment&) = default;

 private:
  Offset base_offset_;
  TimestampMs created_ms_;
  Batches batches_;
  // Invariant: size_bytes_ / record_count_ / largest_timestamp_ms_ summarize batches_.
  int64_t size_bytes_ = 0;
  int64_t record_count_ = 0;
  TimestampMs largest_timestamp_ms_ = kNoTimestamp;

  void recompute_summary();
};

}  // namespace ksim::log
