// What a partition remembers about idempotent producers (Kafka's ProducerStateManager with its
// ProducerStateEntry and ProducerAppendInfo): for each producer id, its epoch and the sequence
// and offset ranges of its last five batches. The leader checks each produced batch against it:
// a batch it already holds is a duplicate (a retry after a lost response) and is answered with
// the first write's offsets instead of being appended again; a gap in sequence numbers is
// OUT_OF_ORDER_SEQUENCE_NUMBER; an older epoch is INVALID_PRODUCER_EPOCH.
//
// Every replica keeps the table as it appends (the producer identity travels in each batch's
// header), so a new leader already knows the producers; after a truncation it is rebuilt from the
// batches that remain, as Kafka rebuilds it from the log.
// Left out: transactions, producer id expiry (producer.id.expiration.ms) and snapshots.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>

#include "engine/kafka/errors.h"
#include "engine/kafka/record.h"
#include "engine/log/vocabulary.h"

namespace ksim::log {

// ProducerStateEntry.NUM_BATCHES_TO_RETAIN: how far back a duplicate can be recognised. It is
// why the Java producer allows at most five in-flight requests with idempotence.
inline constexpr size_t kProducerBatchesToRetain = 5;

struct ProducerBatchMetadata {
  int32_t first_sequence = 0;
  int32_t last_sequence = 0;
  Offset first_offset = 0;
  Offset last_offset = 0;
  friend bool operator==(const ProducerBatchMetadata&, const ProducerBatchMetadata&) = default;
};

struct ProducerEntry {
  int16_t epoch = -1;
  std::deque<ProducerBatchMetadata> batches;  // oldest first, at most kProducerBatchesToRetain
  friend bool operator==(const ProducerEntry&, const ProducerEntry&) = default;
};

// The leader's verdict on a batch before it is appended.
struct ProducerCheck {
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
  std::string error_message;
  std::optional<ProducerBatchMetadata> duplicate_of;  // set: answer with these offsets
};

class ProducerStateTable {
 public:
  // UnifiedLog.analyzeAndValidateProducerState for a batch from a client: duplicate, or
  // in-sequence for its epoch, or an error. `last_sequence` is the batch's last record's.
  ProducerCheck check(const kafka::ProducerIdentity& producer, int32_t last_sequence,
                      const TopicPartition& tp, Offset next_offset) const;

  // Records an appended batch (leader or follower). Batches without a producer id are ignored.
  void update(const RecordBatch& batch);

  void clear() { producers_.clear(); }
  const std::map<int64_t, ProducerEntry>& producers() const { return producers_; }

  friend bool operator==(const ProducerStateTable&, const ProducerStateTable&) = default;

 private:
  std::map<int64_t, ProducerEntry> producers_;  // by producer id
};

}  // namespace ksim::log
