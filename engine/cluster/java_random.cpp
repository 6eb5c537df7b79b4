#include "engine/cluster/java_random.h"

#include "engine/sim/check.h"

namespace ksim::cluster {

namespace {

// The constants of java.util.Random's linear congruential generator (Knuth, TAOCP 3.2.1).
constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
constexpr uint64_t kAddend = 0xBULL;
constexpr uint64_t kMask48 = (uint64_t{1} << 48) - 1;

// The constants of Kafka's MockRandom (a 64-bit LCG, wrapping like Java's long arithmetic).
constexpr uint64_t kMockMultiplier = 2862933555777941757ULL;
constexpr uint64_t kMockAddend = 3037000493ULL;

}  // namespace

JavaRandom::JavaRandom(int64_t seed) { set_seed(seed); }

void JavaRandom::set_seed(int64_t seed) {
  // Java XORs the multiplier into the seed so that seed 0 does not start the LCG at 0.
  seed_ = (static_cast<uint64_t>(seed) ^ kMultiplier) & kMask48;
}

int32_t JavaRandom::next(int bits) {
  KSIM_ASSERT(bits >= 1 && bits <= 32, "Random.next takes 1 to 32 bits");
  seed_ = (seed_ * kMultiplier + kAddend) & kMask48;
  // Java's `(int)(seed >>> (48 - bits))`: keep the low 32 bits, reinterpret as signed.
  return static_cast<int32_t>(static_cast<uint32_t>(seed_ >> (48 - bits)));
}

int32_t JavaRandom::next_int() { return next(32); }

int32_t JavaRandom::next_int(int32_t bound) {
  KSIM_ASSERT(bound > 0, "Random.nextInt(bound) requires a positive bound");
  int32_t r = next(31);
  const int32_t m = bound - 1;
  if ((bound & m) == 0) {
    // Power of two: the high bits of an LCG are better than its low bits, so scale, don't mod.
    return static_cast<int32_t>((static_cast<int64_t>(bound) * r) >> 31);
  }
  // Reject a draw from the last, incomplete copy of [0, bound) in [0, 2^31). Java detects it
  // as int overflow of `u - r + m`; we compute in 64 bits and compare with INT32_MAX.
  for (int32_t u = r; static_cast<int64_t>(u) - (r = u % bound) + m > INT32_MAX; u = next(31)) {
  }
  return r;
}

int64_t JavaRandom::next_long() {
  const auto high = static_cast<uint64_t>(static_cast<int64_t>(next(32))) << 32;
  // Java adds the sign-extended low word, so a negative low word borrows from the high word.
  const auto low = static_cast<uint64_t>(static_cast<int64_t>(next(32)));
  return static_cast<int64_t>(high + low);
}

MockRandom::MockRandom(int64_t state) : JavaRandom(0), state_(static_cast<uint64_t>(state)) {}

int32_t MockRandom::next(int bits) {
  KSIM_ASSERT(bits >= 1 && bits <= 32, "Random.next takes 1 to 32 bits");
  state_ = state_ * kMockMultiplier + kMockAddend;
  return static_cast<int32_t>(static_cast<uint32_t>(state_ >> (64 - bits)));
}

}  // namespace ksim::cluster
