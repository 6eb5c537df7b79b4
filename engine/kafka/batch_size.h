// The exact byte size of a record batch in Kafka's record batch format v2
// (DefaultRecord.sizeInBytes, DefaultRecordBatch.sizeInBytes). Segment sizes, segment.bytes
// rolls, retention.bytes, max.message.bytes and fetch max-bytes are all computed from these
// numbers, so a lesson's byte counts match a real broker's for uncompressed batches.
//
// A batch is kRecordBatchOverhead (61) bytes of header, which already includes the 12 bytes of
// log overhead (8-byte base offset + 4-byte length), plus each record:
//   varint(bodySize) + body, body = attributes (1) + varlong(timestampDelta)
//     + varint(offsetDelta) + varint(keyLength) + key + varint(valueLength) + value
//     + varint(headerCount) + for each header: varint(keyLength) + key + varint(valueLength) +
//     value
// with zigzag varints and length -1 for a null key or value. timestampDelta is relative to the
// batch's base timestamp: the first record's timestamp, or the delete horizon once the cleaner
// has set one (KIP-534 stores it in the base timestamp field).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "engine/kafka/record.h"

namespace ksim::kafka {

// Records.LOG_OVERHEAD: base offset (8) + batch length (4).
inline constexpr int32_t kLogOverhead = 12;
// DefaultRecordBatch.RECORD_BATCH_OVERHEAD: the full v2 header, log overhead included.
inline constexpr int32_t kRecordBatchOverhead = 61;

// ByteUtils.sizeOfVarint / sizeOfVarlong: bytes of the zigzag varint encoding.
int32_t varint_size(int32_t value);
int32_t varlong_size(int64_t value);

// DefaultRecord.sizeInBytes: the record's length prefix plus its body.
int32_t record_size_bytes(const Record& record, int32_t offset_delta, int64_t timestamp_delta);

// The base timestamp Kafka writes for these records: the delete horizon if set, else the first
// record's timestamp (kNoTimestamp for an empty batch).
TimestampMs base_timestamp(std::span<const BatchRecord> records,
                           std::optional<TimestampMs> delete_horizon_ms);

// DefaultRecordBatch.sizeInBytes for a batch holding `records`: 61 + the records' sizes.
int32_t batch_size_bytes(std::span<const BatchRecord> records,
                         std::optional<TimestampMs> delete_horizon_ms);

}  // namespace ksim::kafka
