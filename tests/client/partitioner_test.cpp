#include "engine/client/partitioner.h"

#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "engine/client/murmur2.h"

using namespace ksim;
using namespace ksim::client;

namespace {

// Kafka's tests replace randomPartition() with a counter (BuiltInPartitionerTest's
// SequentialPartitioner): draws 0, 1, 2, ...
class SequentialRandom final : public RandomSource {
 public:
  int32_t next_int() override { return next_++; }

 private:
  int32_t next_ = 0;
};

// Plays back the given draws, then fails the test if asked for more.
class ScriptedRandom final : public RandomSource {
 public:
  explicit ScriptedRandom(std::vector<int32_t> draws) : draws_(std::move(draws)) {}
  int32_t next_int() override {
    REQUIRE(at_ < draws_.size());
    return draws_[at_++];
  }
  size_t used() const { return at_; }

 private:
  std::vector<int32_t> draws_;
  size_t at_ = 0;
};

TopicMetadata with_available(int32_t count, std::vector<int32_t> available) {
  return TopicMetadata{.partition_count = count, .available = std::move(available)};
}

// One key-less record of `bytes` through the sticky partitioner, as the accumulator does it.
int32_t produce(BuiltInPartitioner& p, const TopicMetadata& topic, RandomSource& random,
                int32_t bytes = 1) {
  const int32_t partition = p.peek_current_partition(topic, random);
  p.update_partition_info(bytes, topic, random);
  return partition;
}

}  // namespace

TEST_CASE("the sticky partition switches once batch.size bytes went to it", "[client]") {
  // Goal: port of BuiltInPartitionerTest.testStickyPartitioning with its exact partitions.
  const auto topic_a = TopicMetadata::all_available(3);
  auto a = *BuiltInPartitioner::create(3);
  SequentialRandom random_a;
  CHECK(produce(a, topic_a, random_a) == 0);
  CHECK(produce(a, topic_a, random_a) == 0);
  CHECK(produce(a, topic_a, random_a) == 0);
  // Three bytes reached the sticky batch size of 3: the second draw (1) picks partition 1.
  CHECK(a.peek_current_partition(topic_a, random_a) == 1);
  CHECK(a.sticky_partition_info()->produced_bytes == 0);

  // Switching works with one partition too: it keeps choosing partition 0.
  const auto topic_b = TopicMetadata::all_available(1);
  auto b = *BuiltInPartitioner::create(1);
  SequentialRandom random_b;
  for (int i = 0; i < 10; ++i) CHECK(produce(b, topic_b, random_b) == 0);
}

TEST_CASE("the sticky partitioner never picks a partition without a leader", "[client]") {
  // Goal: port of BuiltInPartitionerTest.unavailablePartitionsTest, fed by a seeded Prng.
  Prng prng = Prng::stream(42, "partitioner");
  PrngRandomSource random(prng);

  const auto topic_a = with_available(3, {0, 2});
  auto a = *BuiltInPartitioner::create(1);
  const int32_t first = produce(a, topic_a, random);
  CHECK(first != 1);
  bool found_another = false;
  for (int i = 0; i < 100; ++i) {
    const int32_t p = produce(a, topic_a, random);
    CHECK(p != 1);
    found_another = found_another || p != first;
  }
  CHECK(found_another);

  // Topic B: partition 0 has no leader, so partition 1 is always chosen.
  const auto topic_b = with_available(2, {1});
  auto b = *BuiltInPartitioner::create(1);
  for (int i = 0; i < 101; ++i) CHECK(produce(b, topic_b, random) == 1);

  // Topic C: no partition has a leader; the choice falls back to all partitions.
  const auto topic_c = with_available(1, {});
  auto c = *BuiltInPartitioner::create(1);
  CHECK(produce(c, topic_c, random) == 0);
  CHECK(c.peek_current_partition(topic_c, random) == 0);
}

TEST_CASE("adaptive partitioning favours short queues in proportion to their weights", "[client]") {
  // Goal: port of BuiltInPartitionerTest.adaptivePartitionsTest: queue sizes {5,0,3,0,1} give
  // weights {1,6,3,6,5}, so sequential draws hit each partition exactly weight times per cycle.
  auto p = *BuiltInPartitioner::create(1);
  const std::vector<int32_t> queue_sizes{5, 0, 3, 0, 1};
  const std::vector<int32_t> ids{0, 1, 2, 3, 4};
  p.update_partition_load_stats(queue_sizes, ids, queue_sizes.size());
  REQUIRE(p.has_partition_load_stats());
  CHECK(p.cumulative_frequency_table() == std::vector<int32_t>{1, 7, 10, 16, 21});
  CHECK(p.load_stats_range_end() == 21);

  const auto topic = TopicMetadata::all_available(5);
  SequentialRandom random;
  constexpr int kCycles = 2;
  std::vector<int> frequencies(5, 0);
  for (int i = 0; i < p.load_stats_range_end() * kCycles; ++i)
    ++frequencies[produce(p, topic, random)];
  CHECK(frequencies ==
        std::vector<int>{1 * kCycles, 6 * kCycles, 3 * kCycles, 6 * kCycles, 5 * kCycles});
}

TEST_CASE("a sticky batch size below one is refused", "[client]") {
  // Goal: port of BuiltInPartitionerTest.testStickyBatchSizeMoreThatZero; also batch.size=0
  // becomes a sticky batch size of 1, as KafkaProducer's max(1, batch.size) does.
  CHECK_FALSE(BuiltInPartitioner::create(0).has_value());
  CHECK_FALSE(BuiltInPartitioner::create(-5).has_value());
  CHECK(BuiltInPartitioner::create(1).has_value());
  CHECK(BuiltInPartitioner::sticky_batch_size_for(0) == 1);
  CHECK(BuiltInPartitioner::sticky_batch_size_for(16384) == 16384);
}

TEST_CASE("a held switch happens at twice the batch size at the latest", "[client]") {
  // Goal: with enable_switch=false (the last batch is not full) the partition stays until 2 *
  // batch.size bytes went to it; one draw is spent per switch.
  const auto topic = TopicMetadata::all_available(4);
  auto p = *BuiltInPartitioner::create(10);
  ScriptedRandom random({2, -7});
  CHECK(p.peek_current_partition(topic, random) == 2);
  CHECK_FALSE(p.update_partition_info(10, topic, random, /*enable_switch=*/false));
  CHECK_FALSE(p.update_partition_info(9, topic, random, /*enable_switch=*/false));
  CHECK(p.sticky_partition_info()->produced_bytes == 19);
  CHECK(p.update_partition_info(1, topic, random, /*enable_switch=*/false));
  // -7 is folded by toPositive to 2147483641, and 2147483641 % 4 == 1.
  CHECK(p.peek_current_partition(topic, random) == 1);
  CHECK(random.used() == 2);
}

TEST_CASE("the next sticky partition may be the current one", "[client]") {
  // Goal: KIP-794 draws among all available partitions, the old one included (KIP-480 did not).
  const auto topic = TopicMetadata::all_available(3);
  auto p = *BuiltInPartitioner::create(1);
  ScriptedRandom random({1, 4, 7});
  CHECK(produce(p, topic, random) == 1);
  CHECK(produce(p, topic, random) == 1);
  CHECK(p.peek_current_partition(topic, random) == 1);
}

TEST_CASE("load stats are dropped when adaptive partitioning has nothing to weigh", "[client]") {
  // Goal: the cases where updatePartitionLoadStats keeps no statistics (uniform choice), and the
  // exclusion case where equal queues still take the weighted path.
  auto p = *BuiltInPartitioner::create(1);
  p.update_partition_load_stats({2, 2, 2}, {0, 1, 2}, 3);
  CHECK_FALSE(p.has_partition_load_stats());
  p.update_partition_load_stats({4}, {0}, 1);
  CHECK_FALSE(p.has_partition_load_stats());
  p.update_partition_load_stats({1, 3}, {0, 1}, 0);
  CHECK_FALSE(p.has_partition_load_stats());

  // Partition 7 was excluded (slow leader): the equal queues of 2 and 5 are weighed 1 and 1.
  p.update_partition_load_stats({3, 3, 3}, {2, 5, 7}, 2);
  REQUIRE(p.has_partition_load_stats());
  CHECK(p.cumulative_frequency_table() == std::vector<int32_t>{1, 2});
  CHECK(p.load_stats_partition_ids() == std::vector<int32_t>{2, 5});
  ScriptedRandom random({0, 1, 2, 3});
  const auto topic = TopicMetadata::all_available(8);
  CHECK(produce(p, topic, random) == 2);
  CHECK(produce(p, topic, random) == 5);
  CHECK(produce(p, topic, random) == 2);

  p.clear_partition_load_stats();
  CHECK_FALSE(p.has_partition_load_stats());
  CHECK(p.peek_current_partition(topic, random) == 5);  // already chosen by draw 3
}

TEST_CASE("round-robin never picks a leaderless partition and alternates evenly", "[client]") {
  // Goal: port of RoundRobinPartitionerTest.testRoundRobinWithUnavailablePartitions: metadata
  // lists partitions 1, 2, 0 and 1 has no leader, so the available list is [2, 0].
  RoundRobinPartitioner p;
  const auto topic = with_available(3, {2, 0});
  std::map<int32_t, int> counts;
  for (int i = 0; i < 100; ++i) {
    const int32_t part = p.partition("test", topic);
    CHECK((part == 0 || part == 2));
    CHECK(part == (i % 2 == 0 ? 2 : 0));
    ++counts[part];
  }
  CHECK(counts[0] == counts[2]);
}

TEST_CASE("round-robin ignores keys and keeps one counter per topic", "[client]") {
  // Goal: port of RoundRobinPartitionerTest.testRoundRobinWithKeyBytes and
  // testRoundRobinWithNullKeyBytes (the partitioner never looks at the key, so both are one
  // test): calls for topicB do not disturb topicA's rotation.
  RoundRobinPartitioner p;
  const auto topic_a = TopicMetadata::all_available(3);
  const auto topic_b = TopicMetadata::all_available(1);
  std::map<int32_t, int> counts;
  for (int i = 0; i < 30; ++i) {
    const int32_t part = p.partition("topicA", topic_a);
    CHECK(part == i % 3);
    ++counts[part];
    if (i % 5 == 0) CHECK(p.partition("topicB", topic_b) == 0);
  }
  CHECK(counts == std::map<int32_t, int>{{0, 10}, {1, 10}, {2, 10}});
  CHECK(p.counter("topicA") == 30);
  CHECK(p.counter("topicB") == 6);
  CHECK(p.counter("topicC") == 0);
}

TEST_CASE("round-robin falls back to all partitions when none has a leader", "[client]") {
  // Goal: RoundRobinPartitioner's no-available branch: toPositive(counter) % partition count.
  RoundRobinPartitioner p;
  const auto topic = with_available(4, {});
  CHECK(p.partition("t", topic) == 0);
  CHECK(p.partition("t", topic) == 1);
  CHECK(p.partition("t", topic) == 2);
}

TEST_CASE("round-robin skips a partition whenever a record needs a new batch", "[client]") {
  // Goal: KafkaProducer.doSend calls partition() twice when the first choice has no open batch
  // (KAFKA-9965): with one batch per record, 2 partitions get [1, 1, 1...] and 3 get [1, 0, 2].
  const auto no_open_batch = [](int32_t) { return false; };
  RoundRobinPartitioner two;
  const auto topic2 = TopicMetadata::all_available(2);
  for (int i = 0; i < 6; ++i) {
    const auto choice = round_robin_send(two, "t", topic2, std::nullopt, no_open_batch);
    CHECK(choice.first == 0);
    CHECK(choice.partition == 1);
    CHECK(choice.new_batch);
  }
  CHECK(two.counter("t") == 12);

  RoundRobinPartitioner three;
  const auto topic3 = TopicMetadata::all_available(3);
  std::vector<int32_t> landed;
  for (int i = 0; i < 6; ++i) {
    landed.push_back(round_robin_send(three, "t", topic3, std::nullopt, no_open_batch).partition);
  }
  CHECK(landed == std::vector<int32_t>{1, 0, 2, 1, 0, 2});
}

TEST_CASE("round-robin rotates exactly while every partition has an open batch", "[client]") {
  // Goal: without new batches partition() runs once per record, the rotation the unit tests
  // see; an explicit partition bypasses the partitioner and leaves the counter alone.
  const auto open_batch = [](int32_t) { return true; };
  RoundRobinPartitioner p;
  const auto topic = TopicMetadata::all_available(3);
  std::vector<int32_t> landed;
  for (int i = 0; i < 4; ++i)
    landed.push_back(round_robin_send(p, "t", topic, {}, open_batch).partition);
  CHECK(landed == std::vector<int32_t>{0, 1, 2, 0});

  const auto choice = round_robin_send(p, "t", topic, 2, [](int32_t) { return false; });
  CHECK(choice.first == 2);
  CHECK(choice.partition == 2);
  CHECK(choice.new_batch);
  CHECK(p.counter("t") == 4);
}

TEST_CASE("an empty key is hashed while an absent key is left to the sticky partitioner",
          "[client]") {
  // Goal: KafkaProducer.partition's order: explicit partition, then a non-null key (even a
  // zero-byte one), else UNKNOWN_PARTITION; partitioner.ignore.keys skips the hash.
  CHECK(producer_partition({.partition = std::nullopt, .key = ""}, false, 12) == 9);
  CHECK(producer_partition({.partition = std::nullopt, .key = ""}, false, 12) ==
        partition_for_key("", 12));
  CHECK(producer_partition({.partition = std::nullopt, .key = std::nullopt}, false, 12) ==
        kUnknownPartition);
  CHECK(producer_partition({.partition = std::nullopt, .key = "order-42"}, false, 10) == 4);
  CHECK(producer_partition({.partition = std::nullopt, .key = "order-42"}, true, 10) ==
        kUnknownPartition);
  CHECK(producer_partition({.partition = 7, .key = "order-42"}, false, 10) == 7);
  CHECK(producer_partition({.partition = 3, .key = std::nullopt}, true, 10) == 3);
}

TEST_CASE("kafka-python picks a random available partition for a null key", "[client]") {
  // Goal: kafka-python's DefaultPartitioner: random over available, else over all partitions;
  // keys hash exactly as in Java.
  const std::vector<int32_t> all{0, 1, 2, 3};
  ScriptedRandom random({5, -1, 6});
  CHECK(kafka_python_partition(std::nullopt, all, {1, 3}, random) == 3);  // 5 % 2 = 1
  // -1 folds to 2147483647, and 2147483647 % 2 = 1: the second available partition.
  CHECK(kafka_python_partition(std::nullopt, all, {0, 2}, random) == 2);
  CHECK(kafka_python_partition(std::nullopt, all, {}, random) == 2);  // 6 % 4 = 2
  CHECK(kafka_python_partition("user-1", all, {1}, random) == partition_for_key("user-1", 4));
  CHECK(kafka_python_partition("", all, {}, random) == partition_for_key("", 4));
  CHECK(random.used() == 3);
}

TEST_CASE("a Prng-fed random source repeats its draws for the same seed", "[client]") {
  // Goal: the simulator's random source is deterministic per named stream.
  Prng p1 = Prng::stream(7, "producer-1/partitioner");
  Prng p2 = Prng::stream(7, "producer-1/partitioner");
  PrngRandomSource r1(p1);
  PrngRandomSource r2(p2);
  std::vector<int32_t> a, b;
  for (int i = 0; i < 8; ++i) {
    a.push_back(r1.next_int());
    b.push_back(r2.next_int());
  }
  CHECK(a == b);
}
