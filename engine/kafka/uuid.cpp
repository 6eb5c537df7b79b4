#include "engine/kafka/uuid.h"

namespace ksim::kafka {

std::string to_string(const Uuid& id) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  uint8_t bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(id.most_significant >> (56 - 8 * i));
    bytes[8 + i] = static_cast<uint8_t>(id.least_significant >> (56 - 8 * i));
  }
  std::string out;
  out.reserve(22);
  for (int i = 0; i < 16; i += 3) {
    const uint32_t b0 = bytes[i];
    const uint32_t b1 = i + 1 < 16 ? bytes[i + 1] : 0;
    const uint32_t b2 = i + 2 < 16 ? bytes[i + 2] : 0;
    const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
    const int chars = i + 2 < 16 ? 4 : (i + 1 < 16 ? 3 : 2);  // no padding
    for (int c = 0; c < chars; ++c) out.push_back(kAlphabet[(triple >> (18 - 6 * c)) & 0x3F]);
  }
  return out;
}

}  // namespace ksim::kafka
