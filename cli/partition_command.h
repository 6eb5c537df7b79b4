// `kafkasim partition --partitions N [--] KEY...`: which partition the Java producer's default
// partitioner sends each string key to (BuiltInPartitioner.partitionForKey over the key's UTF-8
// bytes), so a learner can predict and check key placement without a cluster.
#pragma once

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace ksim::cli {

// Prints one "KEY<TAB>PARTITION" line per key, in the given order. An empty key is a real
// (zero-byte) key and is hashed like any other. Returns 0, or 2 with a message on `err` when
// partitions < 1.
int partition_command(int32_t partitions, const std::vector<std::string>& keys, std::ostream& out,
                      std::ostream& err);

}  // namespace ksim::cli
