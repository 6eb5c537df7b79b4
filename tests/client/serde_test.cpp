// Kafka's serializers and deserializers for the seeds' types: bytes as Kafka writes them, and
// the deserializer errors a consumer meets when a topic's data type changes.
#include "engine/client/serde.h"

#include <catch2/catch.hpp>

using namespace ksim::client;

namespace {

AppValue text(const char* t) { return AppValue{std::string(t), std::nullopt}; }
AppValue number(int64_t n) { return AppValue{std::nullopt, n}; }

}  // namespace

TEST_CASE("IntegerSerializer and LongSerializer write big-endian bytes", "[client][serde]") {
  // IntegerSerializer: 4 bytes, most significant first; LongSerializer: 8.
  CHECK(serialize(Serde::kInteger, number(7)).bytes == std::string("\0\0\0\x07", 4));
  CHECK(serialize(Serde::kInteger, number(-1)).bytes == std::string("\xff\xff\xff\xff", 4));
  CHECK(serialize(Serde::kLong, number(258)).bytes == std::string("\0\0\0\0\0\0\x01\x02", 8));
  CHECK(deserialize(Serde::kInteger, std::string("\xff\xff\xff\xfe", 4)).shown == "-2");
  CHECK(deserialize(Serde::kLong, std::string("\0\0\0\0\0\0\x01\x02", 8)).shown == "258");
  // Out of an int's range, or text: the producer's SerializationException.
  CHECK_FALSE(serialize(Serde::kInteger, number(int64_t{1} << 40)).error.empty());
  CHECK_FALSE(serialize(Serde::kInteger, text("seven")).error.empty());
}

TEST_CASE("deserializers refuse bytes of another type with Kafka's message", "[client][serde]") {
  const Deserialized as_int = deserialize(Serde::kInteger, std::string("hello"));
  CHECK_FALSE(as_int.shown.has_value());
  CHECK(as_int.error == "Size of data received by IntegerDeserializer is not 4");
  CHECK(deserialize(Serde::kLong, std::string("\0\0\0\x07", 4)).error ==
        "Size of data received by LongDeserializer is not 8");
  // StringDeserializer reads any bytes; a 4-byte integer just looks odd.
  CHECK(deserialize(Serde::kString, std::string("\0\0\0\x07", 4)).error.empty());
  CHECK(printable_bytes(std::string("\0\0\0\x07", 4)) == "0x00000007");
  // JSON text: valid JSON passes, anything else is refused.
  CHECK(deserialize(Serde::kJson, std::string("{\"n\": 1}")).shown == "{\"n\": 1}");
  CHECK_FALSE(deserialize(Serde::kJson, std::string("hello")).error.empty());
  CHECK_FALSE(serialize(Serde::kJson, text("not json")).error.empty());
  CHECK(serialize(Serde::kJson, number(3)).bytes == "3");
  // A null value stays null (a tombstone), whatever the serde.
  CHECK_FALSE(serialize(Serde::kInteger, AppValue{}).bytes.has_value());
  CHECK_FALSE(deserialize(Serde::kInteger, std::nullopt).shown.has_value());
}
