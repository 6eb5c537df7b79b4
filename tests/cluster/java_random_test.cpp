// Known answers for our model of java.util.Random and Kafka's MockRandom. Every expected value
// was printed by OpenJDK 17 (`new java.util.Random(seed)` and a copy of MockRandom's next()).
#include "engine/cluster/java_random.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace ksim::cluster;

namespace {

template <typename Draw>
std::vector<int32_t> draws(int n, Draw draw) {
  std::vector<int32_t> out;
  for (int i = 0; i < n; ++i) out.push_back(draw());
  return out;
}

}  // namespace

TEST_CASE("JavaRandom's nextInt matches java.util.Random for seed 42", "[cluster]") {
  // Goal: the seed scramble and next(32) reproduce Java's 48-bit LCG bit for bit.
  JavaRandom r(42);
  CHECK(draws(5, [&] { return r.next_int(); }) ==
        std::vector<int32_t>{-1170105035, 234785527, -1360544799, 205897768, 1325939940});
}

TEST_CASE("JavaRandom's nextInt(bound) matches Java for a bound that is not a power of two",
          "[cluster]") {
  // Goal: the modulo path gives Java's values for new Random(42).nextInt(10).
  JavaRandom r(42);
  CHECK(draws(10, [&] { return r.next_int(10); }) ==
        std::vector<int32_t>{0, 3, 8, 4, 0, 5, 5, 8, 9, 3});
}

TEST_CASE("JavaRandom's nextInt(bound) takes the high bits for a power-of-two bound", "[cluster]") {
  // Goal: the power-of-two fast path gives Java's values for new Random(42).nextInt(16).
  JavaRandom r(42);
  CHECK(draws(10, [&] { return r.next_int(16); }) ==
        std::vector<int32_t>{11, 0, 10, 0, 4, 15, 4, 11, 10, 1});
}

TEST_CASE("JavaRandom rejects biased draws exactly as Java does", "[cluster]") {
  // Goal: with bound 2^30 + 1 about half the draws are rejected; the retries must match Java.
  JavaRandom r(7);
  CHECK(draws(6, [&] { return r.next_int(1073741825); }) ==
        std::vector<int32_t>{20678044, 747989380, 1053566254, 755731200, 259278708, 542588911});
  JavaRandom big(0);
  CHECK(draws(6, [&] { return big.next_int(1000000007); }) ==
        std::vector<int32_t>{569741353, 785505941, 516548029, 302116440, 368843508, 663681053});
}

TEST_CASE("JavaRandom handles negative and extreme seeds like Java", "[cluster]") {
  // Goal: a negative seed is scrambled as Java's long, with only its low 48 bits kept.
  JavaRandom minus_one(-1);
  CHECK(draws(3, [&] { return minus_one.next_int(); }) ==
        std::vector<int32_t>{1155099827, 1887904451, 52699159});
  JavaRandom min(INT64_MIN);
  CHECK(draws(6, [&] { return min.next_int(3); }) == std::vector<int32_t>{0, 1, 1, 2, 2, 2});
}

TEST_CASE("JavaRandom's nextLong joins two draws like Java", "[cluster]") {
  // Goal: high word first, low word added sign-extended: new Random(42).nextLong().
  JavaRandom r(42);
  CHECK(r.next_long() == -5025562857975149833);
  CHECK(r.next_long() == -5843495416241995736);
  CHECK(r.next_long() == 5694868678511409995);
}

TEST_CASE("JavaRandom's nextInt(1) still consumes a draw", "[cluster]") {
  // Goal: a bound of 1 returns 0 but advances the generator, as Kafka's placer relies on.
  JavaRandom r(1);
  CHECK(r.next_int(1) == 0);
  CHECK(r.next_int(1) == 0);
  CHECK(r.next_int() == 1761283695);
}

TEST_CASE("set_seed restarts JavaRandom like a new generator", "[cluster]") {
  // Goal: setSeed applies the same scramble as the constructor.
  JavaRandom r(5);
  (void)r.next_long();
  r.set_seed(42);
  CHECK(r.next_int() == -1170105035);
}

TEST_CASE("java_shuffle matches Collections.shuffle with a seeded Random", "[cluster]") {
  // Goal: same draws, same swaps: Collections.shuffle([0..9], new Random(42)).
  std::vector<int> list{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  JavaRandom r(42);
  java_shuffle(list, r);
  CHECK(list == std::vector<int>{4, 6, 2, 1, 7, 9, 8, 5, 3, 0});
}

TEST_CASE("MockRandom reproduces Kafka's test generator", "[cluster]") {
  // Goal: org.apache.kafka.server.util.MockRandom's fixed LCG from state 17, through
  // Random's nextInt(), nextInt(bound) and its rejection loop.
  MockRandom m;
  CHECK(draws(3, [&] { return m.next_int(); }) ==
        std::vector<int32_t>{-1553064625, -1379575778, 649309754});
  CHECK(draws(6, [&] { return m.next_int(10); }) == std::vector<int32_t>{7, 0, 0, 2, 2, 8});
  CHECK(draws(4, [&] { return m.next_int(1073741825); }) ==
        std::vector<int32_t>{781899194, 528858883, 779386366, 82848634});
}
