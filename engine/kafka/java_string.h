// Java's String arithmetic that Kafka's answers depend on, computed from our UTF-8 strings:
//   - java_string_hash_code: String.hashCode, which places a group on its __consumer_offsets
//     partition (Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions) and orders the
//     buckets of the java.util.HashMap whose iteration order some assignors depend on;
//   - java_string_compare: String.compareTo, the order in which the assignors sort member ids,
//     group.instance.ids and topic names;
//   - kafka_utils_abs: org.apache.kafka.common.utils.Utils.abs.
// A Java String is a sequence of UTF-16 code units, so both functions first see the UTF-8 input
// as UTF-16: characters above U+FFFF become surrogate pairs. Malformed UTF-8 is decoded the way
// new String(bytes, UTF_8) does it: each maximal ill-formed subsequence becomes one U+FFFD.
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::kafka {

// String.hashCode: h = 31 * h + c over the UTF-16 code units, in wrapping int arithmetic.
// "" hashes to 0, "a" to 97.
int32_t java_string_hash_code(std::string_view utf8);

// String.compareTo: the difference of the first differing UTF-16 code units, else the
// difference of the lengths in code units. Its sign differs from a byte-wise comparison of the
// UTF-8 only when a character above U+FFFF (a surrogate pair, D800..DFFF) meets one in
// U+E000..U+FFFF: UTF-16 puts the former first, UTF-8 the latter.
int java_string_compare(std::string_view a, std::string_view b);

// java_string_compare(a, b) < 0, for std::sort and ordered containers.
struct JavaStringLess {
  bool operator()(std::string_view a, std::string_view b) const {
    return java_string_compare(a, b) < 0;
  }
};

// Utils.abs: the absolute value, except that Integer.MIN_VALUE (whose Math.abs is itself,
// negative) maps to 0. Not Utils.toPositive, which clears the sign bit instead.
int32_t kafka_utils_abs(int32_t n);

}  // namespace ksim::kafka
