// The project's own pseudo-random number generator: xoshiro256** seeded through splitmix64
// (Vigna's reference algorithms), with an integer-only API. std::*_distribution is banned in
// engine/ because its output differs between standard libraries; these helpers are exact on
// every platform. Each consumer of randomness takes its own named stream derived from the
// master seed, so adding a new consumer never shifts the numbers another one sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace ksim {

// One step of splitmix64: advances `state` and returns the next output.
uint64_t splitmix64_next(uint64_t& state);

// A probability as an exact fraction. Requires: den > 0, num <= den.
struct Ratio {
  uint64_t num = 0;
  uint64_t den = 1;
};

class Prng {
 public:
  // Seeds the four words of state from `seed` through splitmix64.
  explicit Prng(uint64_t seed = 0);

  // A generator with exactly this state (known-answer tests). Requires: not all zero.
  static Prng from_state(uint64_t s0, uint64_t s1, uint64_t s2, uint64_t s3);

  // The stream called `name` of the run with `master_seed`.
  static Prng stream(uint64_t master_seed, std::string_view name);

  uint64_t next_u64();

  // Uniform in [0, bound), without modulo bias (Lemire's multiply-and-reject).
  // Requires: bound > 0.
  uint64_t bounded(uint64_t bound);

  // Uniform in [lo, hi]. Requires: lo <= hi.
  int64_t between(int64_t lo, int64_t hi);

  // True with probability ratio.num / ratio.den.
  bool chance(Ratio ratio);

  // Fisher-Yates shuffle of any random-access range (std::shuffle's order is unspecified).
  template <typename Range>
  void shuffle(Range& range) {
    const size_t n = std::size(range);
    for (size_t i = n; i > 1; --i) {
      const size_t j = static_cast<size_t>(bounded(i));
      using std::swap;
      swap(range[i - 1], range[j]);
    }
  }

  friend bool operator==(const Prng&, const Prng&) = default;

 private:
  uint64_t s_[4];
};

}  // namespace ksim
