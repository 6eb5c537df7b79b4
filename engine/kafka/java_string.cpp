#include "engine/kafka/java_string.h"

#include <cstddef>
#include <limits>

namespace ksim::kafka {

namespace {

constexpr uint32_t kReplacementCharacter = 0xFFFD;

// Reads the UTF-16 code units of a UTF-8 string one at a time, as Java would hold them after
// new String(bytes, StandardCharsets.UTF_8).
class Utf16Reader {
 public:
  explicit Utf16Reader(std::string_view utf8) : utf8_(utf8) {}

  // The next code unit, or false at the end.
  bool next(uint16_t& unit) {
    if (pending_low_surrogate_ != 0) {
      unit = pending_low_surrogate_;
      pending_low_surrogate_ = 0;
      return true;
    }
    if (at_ >= utf8_.size()) return false;
    const uint32_t code_point = decode_code_point();
    if (code_point < 0x10000) {
      unit = static_cast<uint16_t>(code_point);
      return true;
    }
    // Characters beyond the Basic Multilingual Plane take two code units in Java.
    const uint32_t offset = code_point - 0x10000;
    unit = static_cast<uint16_t>(0xD800 + (offset >> 10));
    pending_low_surrogate_ = static_cast<uint16_t>(0xDC00 + (offset & 0x3FF));
    return true;
  }

 private:
  // One code point from at_. A malformed sequence yields U+FFFD and consumes its maximal
  // ill-formed prefix (the bytes that could still have begun a valid character), Unicode's
  // recommended practice, which Java's UTF-8 decoder follows: a byte that breaks the sequence is
  // left to start the next one.
  uint32_t decode_code_point() {
    const auto lead = static_cast<uint8_t>(utf8_[at_++]);
    if (lead < 0x80) return lead;
    size_t continuation_count = 0;
    uint32_t code_point = 0;
    // The valid range of the first continuation byte excludes overlong forms, UTF-16
    // surrogates (ED A0..BF) and values above U+10FFFF.
    uint8_t low = 0x80;
    uint8_t high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation_count = 1;
      code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuation_count = 2;
      code_point = lead & 0x0Fu;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuation_count = 3;
      code_point = lead & 0x07u;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return kReplacementCharacter;  // a continuation byte or a byte never used in UTF-8
    }
    for (size_t k = 0; k < continuation_count; ++k) {
      if (at_ >= utf8_.size()) return kReplacementCharacter;
      const auto byte = static_cast<uint8_t>(utf8_[at_]);
      if (byte < low || byte > high) return kReplacementCharacter;
      code_point = (code_point << 6) | (byte & 0x3Fu);
      ++at_;
      low = 0x80;
      high = 0xBF;
    }
    return code_point;
  }

  std::string_view utf8_;
  size_t at_ = 0;
  uint16_t pending_low_surrogate_ = 0;
};

bool is_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<uint8_t>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

int32_t java_string_hash_code(std::string_view utf8) {
  // Java int arithmetic wraps; uint32_t wraps the same way.
  uint32_t h = 0;
  if (is_ascii(utf8)) {
    for (const char c : utf8) h = 31 * h + static_cast<uint8_t>(c);
  } else {
    Utf16Reader reader(utf8);
    uint16_t unit = 0;
    while (reader.next(unit)) h = 31 * h + unit;
  }
  return static_cast<int32_t>(h);
}

int java_string_compare(std::string_view a, std::string_view b) {
  if (is_ascii(a) && is_ascii(b)) {
    // One byte is one code unit.
    const size_t common = a.size() < b.size() ? a.size() : b.size();
    for (size_t i = 0; i < common; ++i) {
      if (a[i] != b[i]) return static_cast<uint8_t>(a[i]) - static_cast<uint8_t>(b[i]);
    }
    return static_cast<int>(a.size()) - static_cast<int>(b.size());
  }
  Utf16Reader ra(a);
  Utf16Reader rb(b);
  int length_a = 0;
  int length_b = 0;
  for (;;) {
    uint16_t ua = 0;
    uint16_t ub = 0;
    const bool has_a = ra.next(ua);
    const bool has_b = rb.next(ub);
    if (has_a && has_b) {
      if (ua != ub) return static_cast<int>(ua) - static_cast<int>(ub);
      ++length_a;
      ++length_b;
      continue;
    }
    // One string is a prefix of the other: count what is left of the longer one.
    if (has_a) {
      ++length_a;
      while (ra.next(ua)) ++length_a;
    }
    if (has_b) {
      ++length_b;
      while (rb.next(ub)) ++length_b;
    }
    return length_a - length_b;
  }
}

int32_t kafka_utils_abs(int32_t n) {
  return n == std::numeric_limits<int32_t>::min() ? 0 : (n < 0 ? -n : n);
}

}  // namespace ksim::kafka
