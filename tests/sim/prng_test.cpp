#include "engine/sim/prng.h"

#include <array>
#include <catch2/catch.hpp>
#include <vector>

using ksim::Prng;
using ksim::Ratio;

TEST_CASE("splitmix64 gives the reference outputs for seed 0", "[sim][prng]") {
  // Goal: our seeding function is Vigna's splitmix64, bit for bit.
  uint64_t state = 0;
  CHECK(ksim::splitmix64_next(state) == 0xe220a8397b1dcdafull);
  CHECK(ksim::splitmix64_next(state) == 0x6e789e6aa1b965f4ull);
  CHECK(ksim::splitmix64_next(state) == 0x06c45d188009454full);
}

TEST_CASE("xoshiro256** gives the reference outputs from state 1,2,3,4", "[sim][prng]") {
  // Goal: the generator is Vigna's xoshiro256**, bit for bit (values of the reference C code).
  Prng p = Prng::from_state(1, 2, 3, 4);
  CHECK(p.next_u64() == 11520ull);
  CHECK(p.next_u64() == 0ull);
  CHECK(p.next_u64() == 1509978240ull);
  CHECK(p.next_u64() == 1215971899390074240ull);
}

TEST_CASE("a seeded generator is seeded through splitmix64", "[sim][prng]") {
  // Goal: Prng(42) is xoshiro256** with its four words drawn from splitmix64(42).
  Prng p(42);
  CHECK(p.next_u64() == 0x15780b2e0c2ec716ull);
  CHECK(p.next_u64() == 0x6104d9866d113a7eull);
  CHECK(p.next_u64() == 0xae17533239e499a1ull);
}

TEST_CASE("named streams are independent and stable", "[sim][prng]") {
  // Goal: each consumer of randomness has its own stream, fixed by seed and name alone.
  Prng a1 = Prng::stream(7, "network");
  Prng a2 = Prng::stream(7, "network");
  Prng b = Prng::stream(7, "faults");
  Prng c = Prng::stream(8, "network");
  const uint64_t first = a1.next_u64();
  CHECK(first == a2.next_u64());
  CHECK(first != b.next_u64());
  CHECK(first != c.next_u64());
}

TEST_CASE("bounded stays in range and hits every value", "[sim][prng]") {
  // Goal: bounded(n) returns exactly the values 0..n-1.
  Prng p(1);
  std::array<int, 7> seen{};
  for (int i = 0; i < 7000; ++i) {
    const uint64_t v = p.bounded(7);
    REQUIRE(v < 7);
    ++seen[v];
  }
  for (int count : seen) CHECK(count > 0);
}

TEST_CASE("bounded has no modulo bias", "[sim][prng]") {
  // Goal: with a bound of 3 * 2^62, a plain `x % bound` would give the lowest quarter of the
  // range twice the probability of the rest (about 1/2 instead of 1/3); ours gives 1/3.
  Prng p(99);
  const uint64_t bound = 3ull << 62;
  const uint64_t third = 1ull << 62;
  int low = 0;
  const int n = 30000;
  for (int i = 0; i < n; ++i) low += p.bounded(bound) < third ? 1 : 0;
  // Expected n/3 = 10000 (standard deviation about 82); modulo bias would give about 15000.
  CHECK(low > 9600);
  CHECK(low < 10400);
}

TEST_CASE("bounded by a small bound is uniform", "[sim][prng]") {
  // Goal: a chi-square test on bounded(10) over 100000 draws stays far below a biased result.
  Prng p(3);
  std::array<int, 10> counts{};
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++counts[p.bounded(10)];
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
  // 9 degrees of freedom: the 99.9th percentile is 27.9.
  CHECK(chi2 < 27.9);
}

TEST_CASE("chance follows its ratio and its edge cases", "[sim][prng]") {
  // Goal: chance(0/x) never, chance(x/x) always, chance(1/4) about a quarter of the time.
  Prng p(5);
  int hits = 0;
  for (int i = 0; i < 1000; ++i) {
    CHECK_FALSE(p.chance(Ratio{0, 10}));
    CHECK(p.chance(Ratio{10, 10}));
  }
  for (int i = 0; i < 40000; ++i) hits += p.chance(Ratio{1, 4}) ? 1 : 0;
  CHECK(hits > 9600);
  CHECK(hits < 10400);
}

TEST_CASE("shuffle is a deterministic permutation", "[sim][prng]") {
  // Goal: the same seed gives the same order, and nothing is lost or duplicated.
  std::vector<int> a{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<int> b = a;
  Prng p1(11), p2(11);
  p1.shuffle(a);
  p2.shuffle(b);
  CHECK(a == b);
  CHECK(a != std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  std::vector<int> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("between covers both ends", "[sim][prng]") {
  // Goal: between(lo, hi) is inclusive on both sides.
  Prng p(2);
  bool lo = false, hi = false;
  for (int i = 0; i < 1000; ++i) {
    const int64_t v = p.between(-2, 2);
    REQUIRE(v >= -2);
    REQUIRE(v <= 2);
    lo = lo || v == -2;
    hi = hi || v == 2;
  }
  CHECK(lo);
  CHECK(hi);
}
