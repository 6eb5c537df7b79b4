#include "engine/client/murmur2.h"

#include "engine/sim/check.h"

namespace ksim::client {

namespace {

// The mixing constants and seed of Kafka's variant (the seed is Kafka's own choice; a different
// seed would give different partitions, so it is part of the wire-visible behaviour).
constexpr uint32_t kSeed = 0x9747b28cU;
constexpr uint32_t kM = 0x5bd1e995U;
constexpr int kR = 24;

}  // namespace

int32_t murmur2(std::span<const uint8_t> data) {
  const auto length = static_cast<uint32_t>(data.size());
  uint32_t h = kSeed ^ length;

  const size_t blocks = data.size() / 4;
  for (size_t i = 0; i < blocks; ++i) {
    const size_t i4 = i * 4;
    // Little-endian block; Java masks each byte with 0xff, uint8_t is already unsigned.
    uint32_t k = uint32_t{data[i4]} | (uint32_t{data[i4 + 1]} << 8) |
                 (uint32_t{data[i4 + 2]} << 16) | (uint32_t{data[i4 + 3]} << 24);
    k *= kM;
    k ^= k >> kR;  // uint32_t shifts are logical, like Java's >>>
    k *= kM;
    h *= kM;
    h ^= k;
  }

  // The 1-3 trailing bytes, falling through exactly as Java's switch does.
  const size_t tail = blocks * 4;
  switch (data.size() % 4) {
    case 3:
      h ^= uint32_t{data[tail + 2]} << 16;
      [[fallthrough]];
    case 2:
      h ^= uint32_t{data[tail + 1]} << 8;
      [[fallthrough]];
    case 1:
      h ^= uint32_t{data[tail]};
      h *= kM;
      break;
    default:
      break;
  }

  h ^= h >> 13;
  h *= kM;
  h ^= h >> 15;
  return static_cast<int32_t>(h);
}

int32_t to_positive(int32_t n) { return n & 0x7fffffff; }

int32_t partition_for_key(std::string_view serialized_key, int32_t num_partitions) {
  KSIM_ASSERT(num_partitions >= 1, "a topic has at least one partition");
  const std::span<const uint8_t> bytes{reinterpret_cast<const uint8_t*>(serialized_key.data()),
                                       serialized_key.size()};
  return to_positive(murmur2(bytes)) % num_partitions;
}

}  // namespace ksim::client
