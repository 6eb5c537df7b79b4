// A bit-exact model of java.util.Random, the generator Kafka's controller hands to its
// StripedReplicaPlacer. Kafka draws its random start offsets and shuffles from it, so carrying
// the same 48-bit linear congruential generator lets a learner compare our placements with a
// real cluster's for the same seed, and lets our tests reuse Kafka's own expected outputs.
//
// Follows java.util.Random (JDK 17): the seed scramble, next(bits), nextInt(), nextInt(bound)
// and nextLong(); Collections.shuffle(List, Random); and Kafka's test generator
// org.apache.kafka.server.util.MockRandom. Left out: every other method of Random
// (doubles, gaussians, streams), which the placer never calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ksim::cluster {

class JavaRandom {
 public:
  // Like `new Random(seed)`: the seed is scrambled with the multiplier before use.
  explicit JavaRandom(int64_t seed);
  virtual ~JavaRandom() = default;

  JavaRandom(const JavaRandom&) = default;
  JavaRandom& operator=(const JavaRandom&) = default;

  // Like Random.setSeed: the same scramble as the constructor.
  void set_seed(int64_t seed);

  // Random.nextInt(): 32 random bits as a signed int.
  int32_t next_int();

  // Random.nextInt(bound): uniform in [0, bound). A power-of-two bound takes the high bits of
  // one draw; any other bound rejects the draws that would bias the result, so it may consume
  // several draws. Requires: bound > 0.
  int32_t next_int(int32_t bound);

  // Random.nextLong(): two 32-bit draws, high word first.
  int64_t next_long();

 protected:
  // Random.next(bits): advances the generator and returns its top `bits` bits (1..32).
  // Kafka's MockRandom overrides exactly this method, so it is the virtual one here too.
  virtual int32_t next(int bits);

 private:
  // Invariant: only the low 48 bits are ever set.
  uint64_t seed_ = 0;
};

// org.apache.kafka.server.util.MockRandom: a Random whose next(bits) is a fixed 64-bit LCG
// starting from state 17. Kafka's placement tests use it, so porting them needs it too.
class MockRandom final : public JavaRandom {
 public:
  explicit MockRandom(int64_t state = 17);

 protected:
  int32_t next(int bits) override;

 private:
  uint64_t state_;
};

// Collections.shuffle(list, rnd) for a random-access list: walks from the end, swapping each
// slot with a slot drawn by rnd.nextInt(i). Same draws, same order as Java.
template <typename T>
void java_shuffle(std::vector<T>& list, JavaRandom& random) {
  for (size_t i = list.size(); i > 1; --i) {
    const auto j = static_cast<size_t>(random.next_int(static_cast<int32_t>(i)));
    using std::swap;
    swap(list[i - 1], list[j]);
  }
}

}  // namespace ksim::cluster
