#include "engine/kafka/batch_size.h"

#include "engine/sim/check.h"

namespace ksim::kafka {

namespace {

int32_t unsigned_varint_size(uint64_t v) {
  int32_t bytes = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++bytes;
  }
  return bytes;
}

int32_t bytes_field_size(const std::optional<std::string>& bytes) {
  if (!bytes) return varint_size(-1);
  const auto n = static_cast<int32_t>(bytes->size());
  return varint_size(n) + n;
}

}  // namespace

int32_t varint_size(int32_t value) {
  // Zigzag: 0, -1, 1, -2, ... map to 0, 1, 2, 3, ...
  const uint32_t zigzag = (static_cast<uint32_t>(value) << 1) ^ static_cast<uint32_t>(value >> 31);
  return unsigned_varint_size(zigzag);
}

int32_t varlong_size(int64_t value) {
  const uint64_t zigzag = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  return unsigned_varint_size(zigzag);
}

int32_t record_size_bytes(const Record& record, int32_t offset_delta, int64_t timestamp_delta) {
  int32_t body = 1;  // attributes byte (unused in v2, always present)
  body += varlong_size(timestamp_delta);
  body += varint_size(offset_delta);
  body += bytes_field_size(record.key);
  body += bytes_field_size(record.value);
  body += varint_size(static_cast<int32_t>(record.headers.size()));
  for (const Header& h : record.headers) {
    const auto key_len = static_cast<int32_t>(h.key.size());
    body += varint_size(key_len) + key_len;
    body += bytes_field_size(h.value);
  }
  return varint_size(body) + body;
}

TimestampMs base_timestamp(std::span<const BatchRecord> records,
                           std::optional<TimestampMs> delete_horizon_ms) {
  if (delete_horizon_ms) return *delete_horizon_ms;
  if (records.empty()) return kNoTimestamp;
  return records.front().record.timestamp_ms;
}

int32_t batch_size_bytes(std::span<const BatchRecord> records,
                         std::optional<TimestampMs> delete_horizon_ms) {
  const TimestampMs base_ts = base_timestamp(records, delete_horizon_ms);
  int64_t size = kRecordBatchOverhead;
  for (const BatchRecord& r : records) {
    size += record_size_bytes(r.record, r.offset_delta, r.record.timestamp_ms - base_ts);
  }
  KSIM_ASSERT(size <= INT32_MAX, "a record batch is larger than 2 GiB");
  return static_cast<int32_t>(size);
}

}  // namespace ksim::kafka
