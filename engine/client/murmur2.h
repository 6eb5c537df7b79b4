// Kafka's key hash: 32-bit MurmurHash2 with Kafka's fixed seed, as the Java producer computes
// it in org.apache.kafka.common.utils.Utils.murmur2, and the keyed-record partition rule of
// BuiltInPartitioner.partitionForKey. Matching these bit for bit is what lets a learner check
// the simulator's "key -> partition" answers against a real cluster.
//
// Java ints wrap around on overflow; the arithmetic here is done in uint32_t, which wraps the
// same way, and only the final result is reinterpreted as a signed int.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace ksim::client {

// Utils.murmur2(byte[]): the hash of `data` as a Java int (it may be negative).
int32_t murmur2(std::span<const uint8_t> data);

// Utils.toPositive: clears the sign bit (n & 0x7fffffff). Not abs(): toPositive(-1) is
// 2147483647, and Integer.MIN_VALUE maps to 0.
int32_t to_positive(int32_t n);

// BuiltInPartitioner.partitionForKey: toPositive(murmur2(key)) % num_partitions, over the
// serialized key bytes (StringSerializer: the UTF-8 bytes). An empty key is a key like any other
// and is hashed; only an absent (null) key goes to the sticky partitioner instead, which is why
// this takes the bytes and never an optional. Requires: num_partitions >= 1.
int32_t partition_for_key(std::string_view serialized_key, int32_t num_partitions);

}  // namespace ksim::client
