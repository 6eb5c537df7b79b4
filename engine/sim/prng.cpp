#include "engine/sim/prng.h"

#include "engine/sim/check.h"

namespace ksim {
namespace {

// 128-bit products for Lemire's method; __extension__ keeps -Wpedantic quiet about a GCC and
// Clang builtin type.
__extension__ typedef unsigned __int128 U128;

constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// FNV-1a: a stable hash of a stream's name (std::hash is not stable across libraries).
constexpr uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

uint64_t splitmix64_next(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

Prng::Prng(uint64_t seed) {
  uint64_t sm = seed;
  for (uint64_t& word : s_) word = splitmix64_next(sm);
}

Prng Prng::from_state(uint64_t s0, uint64_t s1, uint64_t s2, uint64_t s3) {
  KSIM_ASSERT((s0 | s1 | s2 | s3) != 0, "xoshiro256** state must not be all zero");
  Prng p;
  p.s_[0] = s0;
  p.s_[1] = s1;
  p.s_[2] = s2;
  p.s_[3] = s3;
  return p;
}

Prng Prng::stream(uint64_t master_seed, std::string_view name) {
  uint64_t mix = master_seed ^ fnv1a64(name);
  return Prng(splitmix64_next(mix));
}

uint64_t Prng::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Prng::bounded(uint64_t bound) {
  KSIM_ASSERT(bound > 0, "Prng::bounded needs a positive bound");
  // Lemire, "Fast Random Integer Generation in an Interval" (2019): the high word of a 128-bit
  // product is uniform once the low word's biased region is rejected.
  U128 m = static_cast<U128>(next_u64()) * bound;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < bound) {
    const uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<U128>(next_u64()) * bound;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

int64_t Prng::between(int64_t lo, int64_t hi) {
  KSIM_ASSERT(lo <= hi, "Prng::between needs lo <= hi");
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  if (span == UINT64_MAX) return static_cast<int64_t>(next_u64());
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + bounded(span + 1));
}

bool Prng::chance(Ratio ratio) {
  KSIM_ASSERT(ratio.den > 0 && ratio.num <= ratio.den, "Prng::chance needs 0 <= num <= den");
  if (ratio.num == 0) return false;
  return bounded(ratio.den) < ratio.num;
}

}  // namespace ksim
