// Kafka's serializers and deserializers for the types the seeds use: String, Integer, Long
// (org.apache.kafka.common.serialization) and JSON text. A record carries the serialized bytes,
// so a consumer whose deserializer does not fit what a producer wrote fails on that record with
// Kafka's RecordDeserializationException, as a real one would when a topic's data type changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/proto/app_value.h"

namespace ksim::client {

enum class Serde : uint8_t { kString, kInteger, kLong, kJson };

std::string_view serde_name(Serde s);  // "string", "integer", "long", "json"

using proto::AppValue;

struct Serialized {
  std::optional<std::string> bytes;  // the wire bytes
  std::string error;                 // Kafka's SerializationException message, when set
};

// StringSerializer: UTF-8; IntegerSerializer: 4 bytes big-endian; LongSerializer: 8 bytes
// big-endian; json: the JSON text (a number or a string given for a json serde is written as
// its JSON text). A number out of int range for integer, or text for integer/long, is an error.
Serialized serialize(Serde serde, const AppValue& value);

struct Deserialized {
  std::optional<std::string> shown;  // what the application prints: text, number, JSON
  std::string error;                 // SerializationException message, when set
};

// The inverse: IntegerDeserializer refuses anything but 4 bytes ("Size of data received by
// IntegerDeserializer is not 4"), LongDeserializer anything but 8, the json deserializer text
// that is not JSON. StringDeserializer accepts any bytes. A null value stays null.
Deserialized deserialize(Serde serde, const std::optional<std::string>& bytes);

// Bytes as a learner should see them: text when printable, else hex (0x00000007).
std::string printable_bytes(const std::string& bytes);

}  // namespace ksim::client
