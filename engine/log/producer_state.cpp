#include "engine/log/producer_state.h"

#include <fmt/format.h>

#include <limits>

namespace ksim::log {
namespace {

// ProducerAppendInfo.inSequence: the next sequence follows the last, wrapping at Integer.MAX.
bool in_sequence(int32_t last_sequence, int32_t next_sequence) {
  return next_sequence == last_sequence + 1 ||
         (next_sequence == 0 && last_sequence == std::numeric_limits<int32_t>::max());
}

}  // namespace

ProducerCheck ProducerStateTable::check(const kafka::ProducerIdentity& producer,
                                        int32_t last_sequence, const TopicPartition& tp,
                                        Offset next_offset) const {
  ProducerCheck verdict;
  const auto found = producers_.find(producer.producer_id);
  // An unknown producer (new, or all its batches gone) may start at any sequence: Kafka accepts
  // writes when there is no current epoch.
  if (found == producers_.end()) return verdict;
  const ProducerEntry& entry = found->second;
  if (producer.producer_epoch == entry.epoch) {
    // ProducerStateEntry.findDuplicateBatch
    for (const ProducerBatchMetadata& b : entry.batches) {
      if (b.first_sequence == producer.base_sequence && b.last_sequence == last_sequence) {
        verdict.duplicate_of = b;
        return verdict;
      }
    }
  }
  if (producer.producer_epoch < entry.epoch) {
    verdict.error = kafka::ErrorCode::INVALID_PRODUCER_EPOCH;
    verdict.error_message = fmt::format(
        "Epoch of producer {} at offset {} in {} is {}, which is smaller than the last "
        "seen epoch {}",
        producer.producer_id, next_offset, to_string(tp), producer.producer_epoch, entry.epoch);
    return verdict;
  }
  if (producer.producer_epoch > entry.epoch) {
    // A bumped epoch starts again at sequence 0.
    if (producer.base_sequence != 0) {
      verdict.error = kafka::ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER;
      verdict.error_message = fmt::format(
          "Invalid sequence number for new epoch of producer {} at offset {} in partition {}: "
          "{} (request epoch), {} (seq. number), {} (current producer epoch)",
          producer.producer_id, next_offset, to_string(tp), producer.producer_epoch,
          producer.base_sequence, entry.epoch);
    }
    return verdict;
  }
  const int32_t current_last = entry.batches.empty() ? -1 : entry.batches.back().last_sequence;
  if (!entry.batches.empty() && !in_sequence(current_last, producer.base_sequence)) {
    verdict.error = kafka::ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER;
    verdict.error_message = fmt::format(
        "Out of order sequence number for producer {} at offset {} in partition {}: {} (incoming "
        "seq. number), {} (current end sequence number)",
        producer.producer_id, next_offset, to_string(tp), producer.base_sequence, current_last);
  }
  return verdict;
}

void ProducerStateTable::update(const RecordBatch& batch) {
  if (!batch.producer.idempotent()) return;
  ProducerEntry& entry = producers_[batch.producer.producer_id];
  if (batch.producer.producer_epoch != entry.epoch) {
    entry.epoch = batch.producer.producer_epoch;
    entry.batches.clear();
  }
  entry.batches.push_back(ProducerBatchMetadata{batch.producer.base_sequence, batch.last_sequence(),
                                                batch.base_offset, batch.last_offset()});
  if (entry.batches.size() > kProducerBatchesToRetain) entry.batches.pop_front();
}

}  // namespace ksim::log
