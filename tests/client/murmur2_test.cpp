#include "engine/client/murmur2.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace ksim::client;

namespace {

int32_t hash_of(std::string_view s) {
  return murmur2({reinterpret_cast<const uint8_t*>(s.data()), s.size()});
}

}  // namespace

TEST_CASE("murmur2 gives Kafka's known answers", "[client]") {
  // Goal: our hash equals Utils.murmur2 on the vectors of Kafka's UtilsTest.testMurmur2.
  CHECK(hash_of("21") == -973932308);
  CHECK(hash_of("foobar") == -790332482);
  CHECK(hash_of("a-little-bit-long-string") == -985981536);
  CHECK(hash_of("a-little-bit-longer-string") == -1486304829);
  CHECK(hash_of("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") == -58897971);
  const std::vector<uint8_t> abc{'a', 'b', 'c'};
  CHECK(murmur2(abc) == 479470107);
}

TEST_CASE("murmur2 reads bytes above 0x7f as unsigned and hashes the empty input", "[client]") {
  // Goal: non-ASCII UTF-8 keys and the zero-byte key hash as in Java (values computed by a Java 17
  // program, since Kafka's own tests have no such vector).
  CHECK(hash_of("") == 275646681);
  CHECK(hash_of("h\xc3\xa9llo") == 614509002);               // "héllo"
  CHECK(hash_of("\xe6\x97\xa5\xe6\x9c\xac") == -700811021);  // "日本"
  const std::vector<uint8_t> high{0xff, 0x80, 0x00, 0xfe, 0x7f};
  CHECK(murmur2(high) == -1362474117);
  CHECK(hash_of("customer-0001") == -27067893);  // 13 bytes: a one-byte tail
}

TEST_CASE("to_positive clears the sign bit instead of taking the absolute value", "[client]") {
  // Goal: Utils.toPositive semantics, which differ from abs for every negative number.
  CHECK(to_positive(5) == 5);
  CHECK(to_positive(0) == 0);
  CHECK(to_positive(-1) == 2147483647);
  CHECK(to_positive(INT32_MIN) == 0);
  CHECK(to_positive(-973932308) == 1173551340);
}

TEST_CASE("string keys land on the partitions the Java client picks", "[client]") {
  // Goal: partition_for_key agrees with BuiltInPartitioner.partitionForKey; the expected values
  // were printed by a Java 17 program running Kafka's murmur2 over the keys' UTF-8 bytes.
  CHECK(partition_for_key("order-42", 12) == 0);
  CHECK(partition_for_key("order-42", 10) == 4);
  CHECK(partition_for_key("user-1", 6) == 2);
  CHECK(partition_for_key("user-2", 6) == 2);
  CHECK(partition_for_key("user-2", 50) == 6);
  CHECK(partition_for_key("key", 3) == 1);
  CHECK(partition_for_key("foobar", 10) == 6);
  CHECK(partition_for_key("customer-0001", 12) == 11);
  CHECK(partition_for_key("\xe6\x97\xa5\xe6\x9c\xac", 6) == 3);  // "日本"
  CHECK(partition_for_key("", 12) == 9);
  CHECK(partition_for_key("anything", 1) == 0);
}

TEST_CASE("a negative hash is folded by toPositive before the modulo", "[client]") {
  // Goal: a key whose murmur2 is negative ("21": -973932308) maps through toPositive, not abs:
  // abs would give 973932308 % 50 = 8, Kafka gives 1173551340 % 50 = 40.
  CHECK(hash_of("21") < 0);
  CHECK(partition_for_key("21", 50) == 40);
}
