// Records and record batches, following Kafka's record batch format v2
// (org.apache.kafka.common.record.DefaultRecord / DefaultRecordBatch).
//
// A RecordBatch is immutable once built and is held through std::shared_ptr<const RecordBatch>:
// the leader's log, every follower that copies it and every checkpoint of the world share one
// copy of the payload bytes. Cleaning builds new batches; it never edits one in place.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/sim/ids.h"
#include "engine/sim/shared_value.h"

namespace ksim::kafka {

struct Header {
  std::string key;                   // Kafka header keys are never null
  std::optional<std::string> value;  // a header value may be null

  friend bool operator==(const Header&, const Header&) = default;
};

// One record as a producer hands it over. An empty key is a key; only nullopt is "no key".
struct Record {
  RecordId id;                     // follows the record through the trace
  std::optional<std::string> key;  // nullopt = no key (sticky partitioning, rejected if compacted)
  std::optional<std::string> value;  // nullopt = tombstone
  TimestampMs timestamp_ms = 0;      // CreateTime from the producer's simulated clock
  std::vector<Header> headers;

  bool is_tombstone() const { return !value.has_value(); }
  friend bool operator==(const Record&, const Record&) = default;
};

// A record inside a batch: its offset is base_offset + offset_delta.
struct BatchRecord {
  int32_t offset_delta = 0;
  Record record;

  friend bool operator==(const BatchRecord&, const BatchRecord&) = default;
};

// Who wrote a batch, for idempotence (the batch header's producerId, producerEpoch and
// baseSequence). kNoProducerId marks a batch from a producer without idempotence.
inline constexpr int64_t kNoProducerId = -1;
struct ProducerIdentity {
  int64_t producer_id = kNoProducerId;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;  // the first record's sequence number; the others follow densely
  bool idempotent() const { return producer_id != kNoProducerId; }
  friend bool operator==(const ProducerIdentity&, const ProducerIdentity&) = default;
};

// An immutable batch as stored in the log.
// Simplification: no compression or transactional/control flags (docs/log.md#simplifications).
// Invariant: records are in strictly increasing offset_delta order, every offset_delta <=
// last_offset_delta, and size_bytes == batch_size_bytes(*this) (engine/kafka/batch_size.h).
// A batch may be empty after compaction; it then still covers [base_offset, last_offset()].
struct RecordBatch {
  Offset base_offset = 0;
  int32_t last_offset_delta = 0;
  LeaderEpoch partition_leader_epoch = 0;
  TimestampMs max_timestamp_ms = kNoTimestamp;
  // KIP-534: set by the cleaner the first time it rewrites a batch holding a tombstone.
  std::optional<TimestampMs> delete_horizon_ms;
  ProducerIdentity producer;
  std::vector<BatchRecord> records;
  int32_t size_bytes = 0;

  Offset last_offset() const { return base_offset + last_offset_delta; }
  Offset next_offset() const { return last_offset() + 1; }
  // The sequence number of the last record (producer state keeps first and last).
  int32_t last_sequence() const { return producer.base_sequence + last_offset_delta; }

  friend bool operator==(const RecordBatch&, const RecordBatch&) = default;
};

// Shared by the leader's log, every follower that copies it and every checkpoint; equality
// compares the batches themselves.
using BatchPtr = SharedValue<RecordBatch>;

// Builds a batch of `records` at dense offsets from `base_offset`, computing max timestamp and
// size. Requires: records is not empty.
BatchPtr make_batch(Offset base_offset, LeaderEpoch epoch, std::vector<Record> records,
                    ProducerIdentity producer = {});

// Builds the batch that keeps only `kept` records of `original` (with their original offset
// deltas), the original offset range and epoch, and `delete_horizon_ms`. Used by the cleaner.
BatchPtr rebuild_batch(const RecordBatch& original, std::vector<BatchRecord> kept,
                       std::optional<TimestampMs> delete_horizon_ms);

}  // namespace ksim::kafka
