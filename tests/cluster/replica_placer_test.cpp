// StripedReplicaPlacer, ported test by test from Kafka's StripedReplicaPlacerTest (3.9), plus
// golden placements printed by Kafka's own StripedReplicaPlacer class seeded with
// java.util.Random, and invariants checked over many seeded clusters.
#include "engine/cluster/replica_placer.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace ksim::cluster;

namespace {

UsableBroker unfenced(int32_t id, std::optional<std::string> rack = std::nullopt) {
  return UsableBroker{.id = id, .rack = std::move(rack), .fenced = false};
}

UsableBroker fenced(int32_t id, std::optional<std::string> rack = std::nullopt) {
  return UsableBroker{.id = id, .rack = std::move(rack), .fenced = true};
}

template <typename T>
T value_of(std::variant<T, PlacementError> result) {
  REQUIRE(std::holds_alternative<T>(result));
  return std::get<T>(std::move(result));
}

template <typename T>
std::string error_of(const std::variant<T, PlacementError>& result) {
  REQUIRE(std::holds_alternative<PlacementError>(result));
  CHECK(std::get<PlacementError>(result).error ==
        ksim::kafka::ErrorCode::INVALID_REPLICATION_FACTOR);
  return std::get<PlacementError>(result).message;
}

using Replicas = std::vector<int32_t>;
using Racks = std::vector<std::optional<std::string>>;

PlacementSpec spec(int32_t num_partitions, int16_t num_replicas) {
  return PlacementSpec{
      .start_partition = 0, .num_partitions = num_partitions, .num_replicas = num_replicas};
}

}  // namespace

TEST_CASE("a broker list hands out each broker once per epoch, rotating by epoch", "[cluster]") {
  // Goal: round-robin within an epoch, -1 when used up, next epoch starts one further on.
  // Kafka: StripedReplicaPlacerTest.testBrokerList
  BrokerList empty;
  CHECK(empty.size() == 0);
  CHECK(empty.next(1) == kNoBroker);
  BrokerList brokers;
  brokers.add(0).add(1).add(2).add(3);
  CHECK(brokers.size() == 4);
  for (const int32_t expected : {0, 1, 2, 3, -1, -1}) CHECK(brokers.next(0) == expected);
  for (const int32_t expected : {1, 2, 3, 0, -1}) CHECK(brokers.next(1) == expected);
}

TEST_CASE("a single rack avoids its fenced broker while unfenced ones suffice", "[cluster]") {
  // Goal: striped placement on one rack never picks the fenced broker 1 for 4 replicas.
  // Kafka: StripedReplicaPlacerTest.testAvoidFencedReplicaIfPossibleOnSingleRack
  MockRandom random;
  RackList racks(random, {unfenced(3), fenced(1), unfenced(0), unfenced(4), unfenced(2)});
  CHECK(racks.num_total_brokers() == 5);
  CHECK(racks.num_unfenced_brokers() == 4);
  CHECK(racks.rack_names() == Racks{std::nullopt});
  error_of(racks.place(0));
  error_of(racks.place(-1));
  CHECK(value_of(racks.place(4)) == Replicas{3, 4, 0, 2});
  CHECK(value_of(racks.place(4)) == Replicas{4, 0, 2, 3});
  CHECK(value_of(racks.place(4)) == Replicas{0, 2, 3, 4});
  CHECK(value_of(racks.place(4)) == Replicas{2, 3, 4, 0});
  CHECK(value_of(racks.place(4)) == Replicas{0, 4, 3, 2});
}

TEST_CASE("a single unfenced broker leads every partition of a topic", "[cluster]") {
  // Goal: with one unfenced broker the epoch never resets and placement still terminates.
  // Kafka: StripedReplicaPlacerTest.testMultiPartitionTopicPlacementOnSingleUnfencedBroker
  MockRandom random;
  const auto result = place(spec(3, 1), {unfenced(0), fenced(1)}, random);
  CHECK(value_of(result) == Assignment{{0}, {0}, {0}});
}

TEST_CASE("a single rack uses its fenced broker when it must, never as leader", "[cluster]") {
  // Goal: three replicas on two unfenced brokers plus one fenced: the fenced one comes last.
  // Kafka: StripedReplicaPlacerTest.testPlacementOnFencedReplicaOnSingleRack
  MockRandom random;
  RackList racks(random, {unfenced(3), fenced(1), unfenced(2)});
  CHECK(racks.num_total_brokers() == 3);
  CHECK(racks.num_unfenced_brokers() == 2);
  CHECK(racks.rack_names() == Racks{std::nullopt});
  CHECK(value_of(racks.place(3)) == Replicas{3, 2, 1});
  CHECK(value_of(racks.place(3)) == Replicas{2, 3, 1});
  CHECK(value_of(racks.place(3)) == Replicas{3, 2, 1});
  CHECK(value_of(racks.place(3)) == Replicas{2, 3, 1});
}

TEST_CASE("replicas stripe across several racks", "[cluster]") {
  // Goal: rack names sort, and consecutive partitions rotate over racks and brokers.
  // Kafka: StripedReplicaPlacerTest.testRackListWithMultipleRacks
  MockRandom random;
  RackList racks(random, {unfenced(11, "1"), unfenced(10, "1"), unfenced(30, "3"),
                          unfenced(31, "3"), unfenced(21, "2"), fenced(20, "2")});
  CHECK(racks.num_total_brokers() == 6);
  CHECK(racks.num_unfenced_brokers() == 5);
  CHECK(racks.rack_names() == Racks{"1", "2", "3"});
  CHECK(value_of(racks.place(4)) == Replicas{11, 21, 31, 10});
  CHECK(value_of(racks.place(4)) == Replicas{21, 30, 10, 20});
  CHECK(value_of(racks.place(4)) == Replicas{31, 11, 21, 30});
}

TEST_CASE("racks with only fenced brokers get followers but never a leader", "[cluster]") {
  // Goal: rack spread outranks avoiding fenced brokers, but the leader is always unfenced.
  // Kafka: StripedReplicaPlacerTest.testRackListWithInvalidRacks
  MockRandom random;
  RackList racks(random, {unfenced(11, "1"), unfenced(10, "1"), fenced(30, "3"), fenced(31, "3"),
                          fenced(20, "2"), fenced(21, "2"), unfenced(41, "4"), fenced(40, "4")});
  CHECK(racks.num_total_brokers() == 8);
  CHECK(racks.num_unfenced_brokers() == 3);
  CHECK(racks.rack_names() == Racks{"1", "2", "3", "4"});
  CHECK(value_of(racks.place(4)) == Replicas{41, 11, 21, 30});
  CHECK(value_of(racks.place(4)) == Replicas{10, 20, 31, 41});
  CHECK(value_of(racks.place(4)) == Replicas{41, 21, 30, 11});
}

TEST_CASE("placement fails when every broker is fenced", "[cluster]") {
  // Goal: no unfenced broker means no leader: INVALID_REPLICATION_FACTOR with Kafka's words.
  // Kafka: StripedReplicaPlacerTest.testAllBrokersFenced
  MockRandom random;
  const auto result = place(spec(1, 1), {fenced(11, "1"), fenced(10, "1")}, random);
  CHECK(error_of(result) == "All brokers are currently fenced.");
}

TEST_CASE("placement fails when there are fewer brokers than replicas", "[cluster]") {
  // Goal: replication factor 3 on 2 brokers is refused with Kafka's message.
  // Kafka: StripedReplicaPlacerTest.testNotEnoughBrokers
  MockRandom random;
  const auto result = place(spec(1, 3), {unfenced(11, "1"), unfenced(10, "1")}, random);
  CHECK(error_of(result) ==
        "The target replication factor of 3 cannot be reached because only 2 broker(s) are "
        "registered.");
}

TEST_CASE("placement fails for a replication factor of zero", "[cluster]") {
  // Goal: a non-positive replication factor is refused with Kafka's message.
  // Kafka: StripedReplicaPlacerTest.testNonPositiveReplicationFactor
  MockRandom random;
  const auto result = place(spec(1, 0), {unfenced(11, "1"), unfenced(10, "1")}, random);
  CHECK(error_of(result) ==
        "Invalid replication factor 0: the replication factor must be positive.");
}

TEST_CASE("five partitions on four brokers get Kafka's exact assignment", "[cluster]") {
  // Goal: the full placer reproduces Kafka's output, including the reshuffle after 4 epochs.
  // Kafka: StripedReplicaPlacerTest.testSuccessfulPlacement
  MockRandom random;
  const auto result =
      place(spec(5, 3), {unfenced(0), unfenced(3), unfenced(2), unfenced(1)}, random);
  CHECK(value_of(result) == Assignment{{2, 3, 0}, {3, 0, 1}, {0, 1, 2}, {1, 2, 3}, {1, 0, 2}});
}

TEST_CASE("two hundred partitions spread evenly over four brokers", "[cluster]") {
  // Goal: every ordered broker pair appears, with Kafka's exact counts.
  // Kafka: StripedReplicaPlacerTest.testEvenDistribution
  MockRandom random;
  const auto assignment =
      value_of(place(spec(200, 2), {unfenced(0), unfenced(1), unfenced(2), unfenced(3)}, random));
  std::map<Replicas, int> counts;
  for (const Replicas& replicas : assignment) ++counts[replicas];
  const std::map<Replicas, int> expected{{{0, 1}, 14}, {{0, 2}, 22}, {{0, 3}, 14}, {{1, 0}, 17},
                                         {{1, 2}, 17}, {{1, 3}, 16}, {{2, 0}, 13}, {{2, 1}, 17},
                                         {{2, 3}, 20}, {{3, 0}, 20}, {{3, 1}, 19}, {{3, 2}, 11}};
  CHECK(counts == expected);
}

TEST_CASE("a rack list of only fenced brokers refuses to place", "[cluster]") {
  // Goal: enough brokers but none unfenced: the fenced error, checked after the count.
  // Kafka: StripedReplicaPlacerTest.testRackListAllBrokersFenced
  MockRandom random;
  RackList racks(random, {fenced(0), fenced(1), fenced(2)});
  CHECK(racks.num_total_brokers() == 3);
  CHECK(racks.num_unfenced_brokers() == 0);
  CHECK(racks.rack_names() == Racks{std::nullopt});
  CHECK(error_of(racks.place(3)) == "All brokers are currently fenced.");
}

TEST_CASE("a rack list refuses more replicas than brokers", "[cluster]") {
  // Goal: RackList::place gives the same too-few-brokers message as the placer.
  // Kafka: StripedReplicaPlacerTest.testRackListNotEnoughBrokers
  MockRandom random;
  RackList racks(random, {unfenced(11, "1"), unfenced(10, "1")});
  CHECK(error_of(racks.place(3)) ==
        "The target replication factor of 3 cannot be reached because only 2 broker(s) are "
        "registered.");
}

TEST_CASE("a rack list refuses a negative replication factor", "[cluster]") {
  // Goal: RackList::place rejects -1 with Kafka's message.
  // Kafka: StripedReplicaPlacerTest.testRackListNonPositiveReplicationFactor
  MockRandom random;
  RackList racks(random, {unfenced(11, "1"), unfenced(10, "1")});
  CHECK(error_of(racks.place(-1)) ==
        "Invalid replication factor -1: the replication factor must be positive.");
}

TEST_CASE("seeded placements equal those of Kafka's own placer class", "[cluster]") {
  // Goal: golden outputs printed by Kafka 3.9's StripedReplicaPlacer compiled as is and run
  // with new java.util.Random(seed): rack spread, fenced brokers, reshuffles, no-rack brokers.
  JavaRandom seed42(42);
  CHECK(value_of(place(spec(6, 2), {unfenced(1, "a"), unfenced(2, "a"), unfenced(3, "b")},
                       seed42)) == Assignment{{3, 2}, {1, 3}, {3, 2}, {3, 2}, {1, 3}, {3, 2}});
  JavaRandom seed7(7);
  const std::string a = "us-east-1a", b = "us-east-1b", c = "us-east-1c";
  CHECK(
      value_of(place(spec(9, 3),
                     {unfenced(1, a), unfenced(2, b), unfenced(3, c), unfenced(4, a),
                      unfenced(5, b), unfenced(6, c), unfenced(7, a), fenced(8, b), unfenced(9, c)},
                     seed7)) == Assignment{{5, 6, 4},
                                           {9, 7, 2},
                                           {1, 5, 3},
                                           {2, 6, 4},
                                           {9, 7, 5},
                                           {1, 2, 3},
                                           {5, 6, 4},
                                           {9, 7, 2},
                                           {1, 9, 5}});
  // Rack names whose HashMap order differs from their sorted order.
  JavaRandom seed123(123);
  CHECK(
      value_of(place(
          spec(8, 3),
          {unfenced(1, "rack-c"), unfenced(2, "rack-a"), unfenced(3, "rack-b"), unfenced(4, "Aa"),
           unfenced(5, "BB"), unfenced(6, "z"), unfenced(7), fenced(8, "rack-a")},
          seed123)) ==
      Assignment{
          {5, 2, 3}, {2, 3, 1}, {3, 1, 6}, {1, 6, 7}, {6, 7, 4}, {7, 4, 5}, {4, 5, 2}, {2, 5, 6}});
  // Several multi-broker racks whose HashMap order (c, b, a) is not their sorted order (a, b, c):
  // the random offsets and reshuffles are drawn in HashMap order.
  JavaRandom seed99(99);
  CHECK(value_of(place(spec(12, 3),
                       {unfenced(6, "rack-c"), unfenced(1, "rack-a"), unfenced(4, "rack-b"),
                        unfenced(7, "rack-c"), unfenced(2, "rack-a"), unfenced(5, "rack-b"),
                        unfenced(8, "rack-c"), unfenced(3, "rack-a"), fenced(9, "rack-c"),
                        fenced(10, "rack-a")},
                       seed99)) == Assignment{{8, 1, 4},
                                              {2, 5, 6},
                                              {4, 7, 3},
                                              {8, 1, 5},
                                              {2, 4, 6},
                                              {5, 7, 3},
                                              {8, 1, 4},
                                              {2, 5, 6},
                                              {6, 5, 1},
                                              {4, 2, 8},
                                              {3, 7, 5},
                                              {6, 4, 1}});
  JavaRandom seed5(5);
  CHECK(value_of(place(spec(7, 2), {unfenced(0), fenced(1), unfenced(2), fenced(3), unfenced(4)},
                       seed5)) ==
        Assignment{{2, 4}, {4, 0}, {0, 2}, {2, 0}, {0, 4}, {4, 2}, {4, 0}});
  JavaRandom seed_minus3(-3);
  CHECK(value_of(place(spec(5, 1), {unfenced(10, "x"), unfenced(11, "y"), fenced(12, "x")},
                       seed_minus3)) == Assignment{{10}, {11}, {11}, {11}, {11}});
  MockRandom mock;
  CHECK(value_of(place(spec(4, 3), {unfenced(1, "a"), unfenced(2, "a"), unfenced(3, "b")}, mock)) ==
        Assignment{{2, 3, 1}, {3, 1, 2}, {2, 3, 1}, {3, 2, 1}});
}

TEST_CASE("racks are visited in Java's HashMap order when drawing offsets", "[cluster]") {
  // Goal: known answers from a java.util.HashMap<Optional<String>, _> (no rack inserted first),
  // including collisions ("Aa" and "BB"), a resize past 12 keys and non-ASCII names.
  using Order = std::vector<size_t>;
  CHECK(java_hash_map_order({std::nullopt, "us-east-1a", "us-east-1b", "us-east-1c"}) ==
        Order{0, 1, 2, 3});
  CHECK(java_hash_map_order({std::nullopt, "rack-c", "rack-a", "rack-b", "Aa", "BB", "z"}) ==
        Order{0, 1, 4, 5, 3, 2, 6});
  Racks many{std::nullopt};
  for (int i = 0; i <= 16; ++i) many.push_back(fmt::format("r{}", i));
  CHECK(java_hash_map_order(many) ==
        Order{0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 12, 15, 14, 17, 16, 1, 2});
  // é, ü, U+1F600 (a surrogate pair in Java), "ab".
  CHECK(java_hash_map_order({std::nullopt, "\xC3\xA9", "\xC3\xBC", "\xF0\x9F\x98\x80", "ab"}) ==
        Order{0, 4, 3, 1, 2});
}

TEST_CASE("rack names sort as Java strings, no rack first", "[cluster]") {
  // Goal: Java compares UTF-16 code units, so U+1F600 sorts before U+FF21 (not as UTF-8 bytes).
  MockRandom random;
  RackList racks(random, {unfenced(1, "\xEF\xBC\xA1"), unfenced(2, "\xF0\x9F\x98\x80"),
                          unfenced(3, "b"), unfenced(4, "B"), unfenced(5)});
  CHECK(racks.rack_names() == Racks{std::nullopt, "B", "b", "\xF0\x9F\x98\x80", "\xEF\xBC\xA1"});
}

TEST_CASE("the simulator's entry point is a pure function of the Prng stream", "[cluster]") {
  // Goal: one draw from the "placement" stream seeds a JavaRandom; same seed, same placement.
  const std::vector<UsableBroker> brokers{unfenced(0, "a"), unfenced(1, "b"), unfenced(2, "a"),
                                          unfenced(3, "b")};
  ksim::Prng first = ksim::Prng::stream(9, "placement");
  ksim::Prng second = ksim::Prng::stream(9, "placement");
  JavaRandom java(static_cast<int64_t>(ksim::Prng::stream(9, "placement").next_u64()));
  const auto expected = value_of(place(spec(12, 2), brokers, java));
  CHECK(value_of(place(spec(12, 2), brokers, first)) == expected);
  CHECK(value_of(place(spec(12, 2), brokers, second)) == expected);
  CHECK(first == second);
}

TEST_CASE("placements keep Kafka's constraints on many seeded clusters", "[cluster]") {
  // Goal: distinct replicas, an unfenced leader, one replica per rack when racks suffice, and
  // no fenced broker on a single rack with enough unfenced ones.
  ksim::Prng gen = ksim::Prng::stream(2024, "placer-invariants");
  for (int round = 0; round < 300; ++round) {
    const auto num_brokers = static_cast<int32_t>(gen.between(1, 9));
    const auto num_racks = gen.between(0, 3);  // 0: no broker has a rack
    std::vector<UsableBroker> brokers;
    std::map<int32_t, UsableBroker> by_id;
    for (int32_t id = 0; id < num_brokers; ++id) {
      UsableBroker broker{.id = id * 3 + 1, .fenced = gen.chance({1, 3})};
      if (num_racks > 0)
        broker.rack = std::string(1, static_cast<char>('a' + gen.bounded(num_racks)));
      brokers.push_back(broker);
      by_id[broker.id] = broker;
    }
    const auto rf = static_cast<int16_t>(gen.between(1, num_brokers));
    JavaRandom random(static_cast<int64_t>(gen.next_u64()));
    const auto result = place(spec(static_cast<int32_t>(gen.between(1, 20)), rf), brokers, random);
    std::set<std::optional<std::string>> all_racks;
    int32_t num_unfenced = 0;
    for (const auto& broker : brokers) {
      all_racks.insert(broker.rack);
      num_unfenced += broker.fenced ? 0 : 1;
    }
    if (num_unfenced == 0) {
      CHECK(error_of(result) == "All brokers are currently fenced.");
      continue;
    }
    for (const Replicas& replicas : value_of(result)) {
      REQUIRE(replicas.size() == static_cast<size_t>(rf));
      CHECK_FALSE(by_id.at(replicas[0]).fenced);
      std::set<int32_t> ids;
      std::set<std::optional<std::string>> racks;
      for (const int32_t id : replicas) {
        ids.insert(id);
        racks.insert(by_id.at(id).rack);
      }
      CHECK(ids.size() == replicas.size());
      if (all_racks.size() >= replicas.size()) CHECK(racks.size() == replicas.size());
      if (all_racks.size() == 1 && num_unfenced >= rf) {
        for (const int32_t id : replicas) CHECK_FALSE(by_id.at(id).fenced);
      }
    }
  }
}
