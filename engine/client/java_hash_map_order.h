// The iteration order of java.util.HashMap and HashSet, for the places where a Kafka assignor's
// answer depends on it (docs/assignors.md#hashmap-order): which sticky member keeps maxQuota
// partitions, which of two equal-generation claims wins, which moved partition moves back, and
// the order of topics in a range assignment.
//
// A table created by `new HashMap<>()` has 16 buckets, doubles when its size passes 3/4 of
// them, and also doubles (below 64 buckets) when a single bucket would grow past 8 entries.
// A key lives in bucket (h ^ (h >>> 16)) & (buckets - 1), h being its hashCode. Iteration walks
// the buckets in index order and each bucket in insertion order: resizing splits a bucket
// without reordering it, removal unlinks, insertion appends. So the order is the sort by
// (bucket at the current size, insertion sequence), which is all this file computes.
// Left out: buckets that Java turns into red-black trees (9 or more colliding keys in a table
// of 64 buckets or more), whose order this emulation does not follow.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/sim/check.h"

namespace ksim::client {

// HashMap.hash: hashCode ^ (hashCode >>> 16), which lets the high bits reach small tables.
int32_t java_hash_spread(int32_t hash_code);

// TopicPartition.hashCode: 31 * (31 + partition) + topic.hashCode(), in Java int arithmetic.
int32_t java_topic_partition_hash_code(const kafka::TopicPartition& tp);

// The bucket count of a table of `capacity` buckets after inserting a new key into a bucket
// that held `bucket_size_before` keys, the table then holding `size_after` keys (putVal's
// treeifyBin resize, then its threshold resize).
uint32_t java_hash_capacity_after_insert(uint32_t capacity, size_t bucket_size_before,
                                         size_t size_after);

// The keys of a HashSet<Key> (or the key set of a HashMap<Key, V>) in iteration order, kept
// up to date through insertions and removals. Key needs operator< for our own lookups only.
template <typename Key>
class JavaHashOrder {
 public:
  // HashSet.add: inserts `key`, whose Java hashCode is `hash_code`, unless present.
  bool insert(const Key& key, int32_t hash_code) {
    if (slots_.contains(key)) return false;
    const int32_t spread = java_hash_spread(hash_code);
    const uint32_t bucket = bucket_of(spread);
    const auto bucket_size =
        static_cast<size_t>(std::count_if(slots_.begin(), slots_.end(), [&](const auto& kv) {
          return bucket_of(kv.second.spread) == bucket;
        }));
    slots_.emplace(key, Slot{.spread = spread, .sequence = next_sequence_++});
    capacity_ = java_hash_capacity_after_insert(capacity_, bucket_size, slots_.size());
    return true;
  }

  // HashSet.remove. The table never shrinks.
  bool erase(const Key& key) { return slots_.erase(key) == 1; }

  bool contains(const Key& key) const { return slots_.contains(key); }
  bool empty() const { return slots_.empty(); }
  size_t size() const { return slots_.size(); }

  // The keys as a for-each loop over the Java collection visits them.
  std::vector<Key> iteration_order() const {
    std::vector<std::tuple<uint32_t, uint64_t, const Key*>> order;
    order.reserve(slots_.size());
    for (const auto& [key, slot] : slots_) {
      order.emplace_back(bucket_of(slot.spread), slot.sequence, &key);
    }
    std::sort(order.begin(), order.end());
    std::vector<Key> keys;
    keys.reserve(order.size());
    for (const auto& entry : order) keys.push_back(*std::get<2>(entry));
    return keys;
  }

  // iterator().next(). Requires: !empty().
  const Key& first() const {
    KSIM_ASSERT(!slots_.empty(), "the first element of an empty Java set");
    const Key* best = nullptr;
    std::pair<uint32_t, uint64_t> best_rank{};
    for (const auto& [key, slot] : slots_) {
      const std::pair<uint32_t, uint64_t> rank{bucket_of(slot.spread), slot.sequence};
      if (best == nullptr || rank < best_rank) {
        best = &key;
        best_rank = rank;
      }
    }
    return *best;
  }

  uint32_t capacity() const { return capacity_; }

  friend bool operator==(const JavaHashOrder&, const JavaHashOrder&) = default;

 private:
  struct Slot {
    int32_t spread = 0;
    uint64_t sequence = 0;  // insertion order, the order within a bucket
    friend bool operator==(const Slot&, const Slot&) = default;
  };

  uint32_t bucket_of(int32_t spread) const {
    return static_cast<uint32_t>(spread) & (capacity_ - 1);
  }

  std::map<Key, Slot> slots_;
  uint32_t capacity_ = 16;
  uint64_t next_sequence_ = 0;
};

// The iteration order of a `new HashMap<String, V>()` into which `keys` were put in this order
// (duplicates ignored), with String.hashCode of their UTF-8 text.
std::vector<std::string> java_hash_map_order(const std::vector<std::string>& keys);

}  // namespace ksim::client
