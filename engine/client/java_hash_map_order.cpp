#include "engine/client/java_hash_map_order.h"

#include "engine/kafka/java_string.h"

namespace ksim::client {

namespace {

// HashMap.TREEIFY_THRESHOLD and MIN_TREEIFY_CAPACITY.
constexpr size_t kTreeifyThreshold = 8;
constexpr uint32_t kMinTreeifyCapacity = 64;

}  // namespace

int32_t java_hash_spread(int32_t hash_code) {
  const auto h = static_cast<uint32_t>(hash_code);
  return static_cast<int32_t>(h ^ (h >> 16));
}

int32_t java_topic_partition_hash_code(const kafka::TopicPartition& tp) {
  const uint32_t with_partition = 31u + static_cast<uint32_t>(tp.partition);
  const auto topic_hash = static_cast<uint32_t>(kafka::java_string_hash_code(tp.topic));
  return static_cast<int32_t>(31u * with_partition + topic_hash);
}

uint32_t java_hash_capacity_after_insert(uint32_t capacity, size_t bucket_size_before,
                                         size_t size_after) {
  // A long bucket in a small table means the table is too small, not that the bucket needs a
  // tree: putVal resizes instead of treeifying below 64 buckets.
  if (bucket_size_before >= kTreeifyThreshold && capacity < kMinTreeifyCapacity) capacity *= 2;
  // The load factor 0.75: the threshold is 3/4 of the buckets.
  if (size_after > capacity / 4 * 3) capacity *= 2;
  return capacity;
}

std::vector<std::string> java_hash_map_order(const std::vector<std::string>& keys) {
  JavaHashOrder<std::string> table;
  for (const std::string& key : keys) table.insert(key, kafka::java_string_hash_code(key));
  return table.iteration_order();
}

}  // namespace ksim::client
