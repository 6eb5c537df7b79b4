// The small vocabulary of the partition log: offsets, leader epochs and topic-partitions.
//
// Offset and LeaderEpoch are plain integer aliases, not StrongInt: log code is arithmetic on
// offsets (last = base + delta, upper bounds, byte sums), which StrongInt deliberately lacks,
// and Kafka itself uses the sentinel -1 for "undefined" in both. The names keep the meaning
// visible; TopicPartition is a proper value type with <=> so it can key ordered maps.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace ksim::kafka {

// A position in a partition log (Kafka's long offset).
using Offset = int64_t;
// The epoch of the leader that appended a batch (Kafka's int partitionLeaderEpoch).
using LeaderEpoch = int32_t;
// A Kafka timestamp: milliseconds (CreateTime from the producer's simulated clock).
using TimestampMs = int64_t;

// OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH / UNDEFINED_EPOCH_OFFSET.
inline constexpr LeaderEpoch kUndefinedEpoch = -1;
inline constexpr Offset kUndefinedEpochOffset = -1;
// RecordBatch.NO_TIMESTAMP.
inline constexpr TimestampMs kNoTimestamp = -1;

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;

  friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
  friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
};

// "demo-0", as Kafka prints a TopicPartition.
inline std::string to_string(const TopicPartition& tp) {
  return tp.topic + "-" + std::to_string(tp.partition);
}

}  // namespace ksim::kafka
