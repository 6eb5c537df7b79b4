#include "engine/log/partition_log.h"

#include <algorithm>

#include "engine/sim/check.h"

namespace ksim::log {

using kafka::ErrorCode;

PartitionLog::PartitionLog(TopicPartition tp, TopicConfig config, Offset start_offset,
                           TimestampMs now_ms)
    : tp_(std::move(tp)),
      config_(config),
      active_(start_offset, now_ms),
      log_start_offset_(start_offset),
      log_end_offset_(start_offset),
      high_watermark_(start_offset) {
  KSIM_ASSERT(start_offset >= 0, "a log starts at a non-negative offset");
}

int64_t PartitionLog::size_bytes() const {
  int64_t total = active_.size_bytes();
  for (const SegmentPtr& s : sealed_) total += s->size_bytes();
  return total;
}

const Segment& PartitionLog::segment(size_t i) const {
  KSIM_ASSERT(i < segment_count(), "segment index out of range");
  return i < sealed_.size() ? *sealed_[i] : active_;
}

Offset PartitionLog::segment_upper_bound(size_t i) const {
  return i + 1 < segment_count() ? segment(i + 1).base_offset() : log_end_offset_;
}

std::optional<AppendResult> PartitionLog::validate(const std::vector<Record>& records) const {
  if (config_.cleanup_policy.compact) {
    // LogValidator.validateKey
    for (const Record& r : records) {
      if (!r.key) {
        AppendResult bad;
        bad.error = ErrorCode::INVALID_RECORD;
        bad.error_message =
            "Compacted topic cannot accept message without key in topic partition " +
            to_string(tp_) + ".";
        return bad;
      }
    }
  }
  return std::nullopt;
}

AppendResult PartitionLog::append_as_leader(std::vector<Record> records, LeaderEpoch epoch,
                                            TimestampMs now_ms, kafka::ProducerIdentity producer) {
  KSIM_ASSERT(!records.empty(), "append_as_leader needs at least one record");
  KSIM_ASSERT(epoch >= 0, "a leader epoch is never negative");
  if (auto bad = validate(records)) return *bad;
  if (producer.idempotent()) {
    const auto last_sequence = producer.base_sequence + static_cast<int32_t>(records.size()) - 1;
    ProducerCheck verdict = producer_state_.check(producer, last_sequence, tp_, log_end_offset_);
    if (verdict.duplicate_of) {
      AppendResult dup;
      dup.duplicate = true;
      dup.first_offset = verdict.duplicate_of->first_offset;
      dup.last_offset = verdict.duplicate_of->last_offset;
      return dup;
    }
    if (verdict.error != ErrorCode::NONE) {
      AppendResult bad;
      bad.error = verdict.error;
      bad.error_message = std::move(verdict.error_message);
      return bad;
    }
  }
  if (config_.message_timestamp_type == TimestampType::kLogAppendTime) {
    for (Record& r : records) r.timestamp_ms = now_ms;
  }
  BatchPtr batch = make_batch(log_end_offset_, epoch, std::move(records), producer);
  if (batch->size_bytes > config_.max_message_bytes) {
    // UnifiedLog.analyzeAndValidateRecords -> RecordTooLargeException
    AppendResult bad;
    bad.error = ErrorCode::MESSAGE_TOO_LARGE;
    bad.error_message = "The record batch size in the append to " + to_string(tp_) + " is " +
                        std::to_string(batch->size_bytes) +
                        " bytes which exceeds the maximum configured value of " +
                        std::to_string(config_.max_message_bytes) + ".";
    return bad;
  }
  return append_batch(std::move(batch), now_ms);
}

AppendResult PartitionLog::append_as_follower(BatchPtr batch, TimestampMs now_ms) {
  KSIM_ASSERT(batch != nullptr && batch->base_offset >= log_end_offset_,
              "a follower appends the leader's batches at or after its LEO");
  return append_batch(std::move(batch), now_ms);
}

AppendResult PartitionLog::append_batch(BatchPtr batch, TimestampMs now_ms) {
  AppendResult result;
  if (active_.should_roll(batch->size_bytes, batch->max_timestamp_ms, now_ms, config_)) {
    // The new segment's base is the batch's first offset (normally the LEO).
    if (!active_.empty()) {
      sealed_.push_back(std::make_shared<const Segment>(std::move(active_)));
      result.rolled_to = batch->base_offset;
    }
    active_ = Segment(batch->base_offset, now_ms);
  }
  epoch_cache_.assign(batch->partition_leader_epoch, batch->base_offset);
  producer_state_.update(*batch);
  log_end_offset_ = batch->next_offset();
  result.first_offset = batch->base_offset;
  result.last_offset = batch->last_offset();
  result.batch = batch;
  active_.append(std::move(batch));
  return result;
}

ReadResult PartitionLog::read(Offset fetch_offset, int32_t max_bytes, ReadUpTo up_to) const {
  ReadResult result;
  if (fetch_offset < log_start_offset_ || fetch_offset > log_end_offset_) {
    result.error = ErrorCode::OFFSET_OUT_OF_RANGE;
    return result;
  }
  const Offset limit = up_to == ReadUpTo::kHighWatermark ? high_watermark_ : log_end_offset_;
  size_t i = 0;
  while (i < segment_count() && segment_upper_bound(i) <= fetch_offset) ++i;
  for (; i < segment_count(); ++i) {
    const Segment& seg = segment(i);
    for (size_t j = seg.find_batch(fetch_offset); j < seg.batches().size(); ++j) {
      const BatchPtr& b = seg.batches()[j];
      if (b->last_offset() >= limit) return result;
      // At least one whole batch, even one larger than max_bytes (minOneMessage).
      if (!result.batches.empty() && result.size_bytes + b->size_bytes > max_bytes) {
        return result;
      }
      result.size_bytes += b->size_bytes;
      result.batches.push_back(b);
    }
  }
  return result;
}

void PartitionLog::set_high_watermark(Offset hw) {
  KSIM_ASSERT(hw >= log_start_offset_ && hw <= log_end_offset_,
              "the high watermark lies between the log start offset and the LEO");
  high_watermark_ = hw;
}

void PartitionLog::set_log_start_offset(Offset offset) {
  log_start_offset_ = offset;
  if (high_watermark_ < offset) high_watermark_ = offset;
  epoch_cache_.truncate_from_start(offset);
}

ErrorCode PartitionLog::increment_log_start_offset(Offset new_start) {
  if (new_start > high_watermark_) return ErrorCode::OFFSET_OUT_OF_RANGE;
  if (new_start > log_start_offset_) set_log_start_offset(new_start);
  return ErrorCode::NONE;
}

void PartitionLog::truncate_to(Offset offset) {
  KSIM_ASSERT(offset >= 0, "cannot truncate to a negative offset");
  if (offset >= log_end_offset_) {
    epoch_cache_.truncate_from_end(log_end_offset_);
    return;
  }
  if (segment(0).base_offset() > offset) {
    truncate_fully_and_start_at(offset);
    return;
  }
  // Segments wholly above the offset go; the last one left becomes the active segment again
  // (copied out of the shared, immutable sealed segment).
  while (active_.base_offset() > offset) {
    active_ = *sealed_.back();
    sealed_.pop_back();
  }
  active_.truncate_to(offset);
  log_end_offset_ = offset;
  epoch_cache_.truncate_from_end(offset);
  log_start_offset_ = std::min(offset, log_start_offset_);
  high_watermark_ = std::min(high_watermark_, log_end_offset_);
  // LogCleanerManager.maybeTruncateCheckpoint
  if (cleaner_checkpoint_ && *cleaner_checkpoint_ > offset) cleaner_checkpoint_ = offset;
  rebuild_producer_state();
}

void PartitionLog::rebuild_producer_state() {
  producer_state_.clear();
  for (size_t i = 0; i < segment_count(); ++i) {
    for (const BatchPtr& b : segment(i).batches()) producer_state_.update(*b);
  }
}

void PartitionLog::truncate_fully_and_start_at(Offset offset, TimestampMs now_ms) {
  KSIM_ASSERT(offset >= 0, "a log starts at a non-negative offset");
  sealed_.clear();
  active_ = Segment(offset, now_ms);
  log_start_offset_ = log_end_offset_ = high_watermark_ = offset;
  epoch_cache_.clear();
  producer_state_.clear();
  if (cleaner_checkpoint_ && *cleaner_checkpoint_ > offset) cleaner_checkpoint_ = offset;
}

bool PartitionLog::roll(TimestampMs now_ms) {
  if (active_.empty()) return false;
  sealed_.push_back(std::make_shared<const Segment>(std::move(active_)));
  active_ = Segment(log_end_offset_, now_ms);
  return true;
}

std::vector<DeletedSegmentInfo> PartitionLog::delete_oldest_segments(size_t count,
                                                                     TimestampMs now_ms) {
  KSIM_ASSERT(count <= segment_count(), "deleting more segments than the log has");
  if (count == 0) return {};
  // There must always be a segment: deleting them all first rolls a new empty active one.
  if (count == segment_count() && !roll(now_ms)) --count;
  std::vector<DeletedSegmentInfo> deleted;
  for (size_t i = 0; i < count; ++i) {
    const Segment& s = segment(i);
    const Offset upper = segment_upper_bound(i);
    KSIM_ASSERT(upper <= high_watermark_, "retention never deletes at or above the HW");
    deleted.push_back({s.base_offset(), upper, s.size_bytes(), s.record_count()});
  }
  if (count == 0) return deleted;
  const Offset new_start = segment(count).base_offset();
  sealed_.erase(sealed_.begin(), sealed_.begin() + static_cast<std::ptrdiff_t>(count));
  if (new_start > log_start_offset_) set_log_start_offset(new_start);
  return deleted;
}

void PartitionLog::replace_oldest_segments(size_t count, std::vector<SegmentPtr> replacement,
                                           Offset first_dirty_offset) {
  KSIM_ASSERT(count <= sealed_.size(), "the cleaner never replaces the active segment");
  sealed_.erase(sealed_.begin(), sealed_.begin() + static_cast<std::ptrdiff_t>(count));
  sealed_.insert(sealed_.begin(), replacement.begin(), replacement.end());
  cleaner_checkpoint_ = first_dirty_offset;
}

}  // namespace ksim::log
