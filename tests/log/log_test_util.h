// Helpers that make log tests read like stories: records, logs with small segments, and
// readers that list what a log holds.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/log/partition_log.h"

namespace ksim::log::testing {

// A record; nullptr means no key / a null value (tombstone). Built with emplace rather than
// std::optional temporaries, which trip GCC 12's -O3 -Wmaybe-uninitialized.
inline Record rec(const char* key, const char* value, TimestampMs ts = 0) {
  Record r;
  r.timestamp_ms = ts;
  if (key != nullptr) r.key.emplace(key);
  if (value != nullptr) r.value.emplace(value);
  return r;
}

// A keyed record.
inline Record kv(const std::string& key, const std::string& value, TimestampMs ts = 0) {
  return rec(key.c_str(), value.c_str(), ts);
}

// A keyless record (TestUtils.singletonRecords(value)).
inline Record value_only(const std::string& value, TimestampMs ts = 0) {
  return rec(nullptr, value.c_str(), ts);
}

inline Record tombstone(const std::string& key, TimestampMs ts = 0) {
  return rec(key.c_str(), nullptr, ts);
}

inline TopicPartition tp(const std::string& topic = "demo", int32_t partition = 0) {
  return TopicPartition{topic, partition};
}

// Appends one single-record batch as leader (epoch 0) and checks it succeeded.
inline AppendResult append1(PartitionLog& log, Record r, TimestampMs now_ms = 0) {
  std::vector<Record> records;
  records.push_back(std::move(r));
  return log.append_as_leader(std::move(records), 0, now_ms);
}

// Every (offset, record) the log holds from its first segment, in offset order.
inline std::vector<std::pair<Offset, Record>> contents(const PartitionLog& log) {
  std::vector<std::pair<Offset, Record>> out;
  for (size_t i = 0; i < log.segment_count(); ++i) {
    for (const BatchPtr& b : log.segment(i).batches()) {
      for (const BatchRecord& r : b->records)
        out.emplace_back(b->base_offset + r.offset_delta, r.record);
    }
  }
  return out;
}

// The offsets the log holds.
inline std::vector<Offset> offsets(const PartitionLog& log) {
  std::vector<Offset> out;
  for (const auto& [offset, record] : contents(log)) out.push_back(offset);
  return out;
}

// "key=value" (or "key=null") strings in offset order.
inline std::vector<std::string> key_values(const PartitionLog& log) {
  std::vector<std::string> out;
  for (const auto& [offset, r] : contents(log)) {
    out.push_back(r.key.value_or("<none>") + "=" + r.value.value_or("null"));
  }
  return out;
}

inline std::vector<Offset> segment_bases(const PartitionLog& log) {
  std::vector<Offset> out;
  for (size_t i = 0; i < log.segment_count(); ++i) out.push_back(log.segment(i).base_offset());
  return out;
}

}  // namespace ksim::log::testing
