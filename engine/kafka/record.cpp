#include "engine/kafka/record.h"

#include <algorithm>

#include "engine/kafka/batch_size.h"
#include "engine/sim/check.h"

namespace ksim::kafka {

namespace {

TimestampMs max_timestamp(const std::vector<BatchRecord>& records, TimestampMs if_empty) {
  if (records.empty()) return if_empty;
  TimestampMs max_ts = kNoTimestamp;
  for (const BatchRecord& r : records) max_ts = std::max(max_ts, r.record.timestamp_ms);
  return max_ts;
}

}  // namespace

BatchPtr make_batch(Offset base_offset, LeaderEpoch epoch, std::vector<Record> records,
                    ProducerIdentity producer) {
  KSIM_ASSERT(!records.empty(), "a record batch holds at least one record when appended");
  auto batch = std::make_shared<RecordBatch>();
  batch->base_offset = base_offset;
  batch->partition_leader_epoch = epoch;
  batch->producer = producer;
  batch->records.reserve(records.size());
  int32_t delta = 0;
  for (Record& r : records) batch->records.push_back(BatchRecord{delta++, std::move(r)});
  batch->last_offset_delta = delta - 1;
  batch->max_timestamp_ms = max_timestamp(batch->records, kNoTimestamp);
  batch->size_bytes = batch_size_bytes(batch->records, std::nullopt);
  return batch;
}

BatchPtr rebuild_batch(const RecordBatch& original, std::vector<BatchRecord> kept,
                       std::optional<TimestampMs> delete_horizon_ms) {
  auto batch = std::make_shared<RecordBatch>();
  batch->base_offset = original.base_offset;
  batch->last_offset_delta = original.last_offset_delta;  // Kafka keeps the original last offset
  batch->partition_leader_epoch = original.partition_leader_epoch;
  batch->delete_horizon_ms = delete_horizon_ms;
  batch->producer = original.producer;  // the cleaner keeps producer state recoverable
  batch->records = std::move(kept);
  // An emptied batch keeps its header's max timestamp, as Kafka's RETAIN_EMPTY batches do.
  batch->max_timestamp_ms = max_timestamp(batch->records, original.max_timestamp_ms);
  batch->size_bytes = batch_size_bytes(batch->records, delete_horizon_ms);
  return batch;
}

}  // namespace ksim::kafka
