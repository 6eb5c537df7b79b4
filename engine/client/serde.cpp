#include "engine/client/serde.h"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

namespace ksim::client {
namespace {

std::string big_endian(uint64_t v, int bytes) {
  std::string out(static_cast<size_t>(bytes), '\0');
  for (int i = bytes - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

int64_t from_big_endian(const std::string& bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  // Sign-extend from the width read (4 or 8 bytes).
  const int bits = static_cast<int>(bytes.size()) * 8;
  if (bits < 64 && (v >> (bits - 1)) != 0) v |= ~uint64_t{0} << bits;
  return static_cast<int64_t>(v);
}

}  // namespace

std::string_view serde_name(Serde s) {
  switch (s) {
    case Serde::kString:
      return "string";
    case Serde::kInteger:
      return "integer";
    case Serde::kLong:
      return "long";
    case Serde::kJson:
      return "json";
  }
  return "?";
}

Serialized serialize(Serde serde, const AppValue& value) {
  Serialized out;
  if (!value.text && !value.number) return out;  // null stays null (a tombstone value)
  switch (serde) {
    case Serde::kString:
      out.bytes = value.text ? *value.text : std::to_string(*value.number);
      return out;
    case Serde::kJson:
      out.bytes = value.text ? *value.text : std::to_string(*value.number);
      if (!nlohmann::json::accept(*out.bytes)) {
        out.bytes.reset();
        out.error = fmt::format("Error serializing JSON message: {} is not JSON", *value.text);
      }
      return out;
    case Serde::kInteger:
      if (!value.number || *value.number < std::numeric_limits<int32_t>::min() ||
          *value.number > std::numeric_limits<int32_t>::max()) {
        out.error = fmt::format(
            "IntegerSerializer needs an int, not {}",
            value.text ? fmt::format("\"{}\"", *value.text) : std::to_string(*value.number));
        return out;
      }
      out.bytes = big_endian(static_cast<uint32_t>(*value.number), 4);
      return out;
    case Serde::kLong:
      if (!value.number) {
        out.error = fmt::format("LongSerializer needs a long, not \"{}\"", *value.text);
        return out;
      }
      out.bytes = big_endian(static_cast<uint64_t>(*value.number), 8);
      return out;
  }
  return out;
}

Deserialized deserialize(Serde serde, const std::optional<std::string>& bytes) {
  Deserialized out;
  if (!bytes) return out;
  switch (serde) {
    case Serde::kString:
      out.shown = *bytes;
      return out;
    case Serde::kJson:
      if (!nlohmann::json::accept(*bytes)) {
        out.error =
            fmt::format("Unrecognized token '{}': was expecting JSON", printable_bytes(*bytes));
        return out;
      }
      out.shown = *bytes;
      return out;
    case Serde::kInteger:
      if (bytes->size() != 4) {
        out.error = "Size of data received by IntegerDeserializer is not 4";
        return out;
      }
      out.shown = std::to_string(from_big_endian(*bytes));
      return out;
    case Serde::kLong:
      if (bytes->size() != 8) {
        out.error = "Size of data received by LongDeserializer is not 8";
        return out;
      }
      out.shown = std::to_string(from_big_endian(*bytes));
      return out;
  }
  return out;
}

std::string printable_bytes(const std::string& bytes) {
  bool printable = true;
  for (char c : bytes) printable = printable && c >= 0x20 && c < 0x7f;
  if (printable) return bytes;
  std::string hex = "0x";
  for (char c : bytes) hex += fmt::format("{:02x}", static_cast<uint8_t>(c));
  return hex;
}

}  // namespace ksim::client
