#include "engine/log/segment.h"

#include <algorithm>

#include "engine/sim/check.h"

namespace ksim::log {

Segment::Segment(Offset base_offset, TimestampMs created_ms)
    : base_offset_(base_offset), created_ms_(created_ms) {}

Offset Segment::next_offset() const {
  return batches_.empty() ? base_offset_ : batches_.back()->next_offset();
}

bool Segment::should_roll(int32_t batch_size, TimestampMs batch_max_timestamp_ms,
                          TimestampMs now_ms, const TopicConfig& config) const {
  if (size_bytes_ > static_cast<int64_t>(config.segment_bytes) - batch_size) return true;
  if (batches_.empty()) return false;
  // timeWaitedForRoll: rollingBasedTimestamp is the first batch's max timestamp.
  const TimestampMs rolling_ts = batches_.front()->max_timestamp_ms;
  const int64_t waited =
      rolling_ts >= 0 ? batch_max_timestamp_ms - rolling_ts : now_ms - created_ms_;
  return waited > config.segment_ms;
}

void Segment::append(BatchPtr batch) {
  KSIM_ASSERT(batch != nullptr, "appending a null batch");
  KSIM_ASSERT(batch->base_offset >= next_offset() && batch->base_offset >= base_offset_,
              "offsets in a segment must increase");
  size_bytes_ += batch->size_bytes;
  record_count_ += static_cast<int64_t>(batch->records.size());
  if (!batch->records.empty()) {
    largest_timestamp_ms_ = std::max(largest_timestamp_ms_, batch->max_timestamp_ms);
  }
  batches_.push_back(std::move(batch));
}

size_t Segment::find_batch(Offset offset) const {
  // Binary search: batches are in offset order.
  size_t lo = 0;
  size_t hi = batches_.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (batches_[mid]->last_offset() < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

int64_t Segment::truncate_to(Offset offset) {
  const size_t keep = find_batch(offset);
  if (keep == batches_.size()) return 0;
  const int64_t before = size_bytes_;
  batches_.truncate(keep);
  recompute_summary();
  return before - size_bytes_;
}

void Segment::recompute_summary() {
  size_bytes_ = 0;
  record_count_ = 0;
  largest_timestamp_ms_ = kNoTimestamp;
  for (const BatchPtr& b : batches_) {
    size_bytes_ += b->size_bytes;
    record_count_ += static_cast<int64_t>(b->records.size());
    if (!b->records.empty())
      largest_timestamp_ms_ = std::max(largest_timestamp_ms_, b->max_timestamp_ms);
  }
}

}  // namespace ksim::log
