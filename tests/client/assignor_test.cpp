#include "engine/client/assignor.h"

#include <catch2/catch.hpp>

#include "engine/client/java_hash_map_order.h"
#include "engine/kafka/java_string.h"
#include "engine/sim/prng.h"
#include "tests/client/assignor_test_support.h"

using namespace ksim;
using namespace ksim::client;
using namespace ksim::client::test;

// ---- Java's String arithmetic ----

TEST_CASE("java_string_hash_code gives String.hashCode's known answers", "[client]") {
  // Goal: the hash Kafka places groups and orders HashMaps with, ASCII and beyond.
  CHECK(kafka::java_string_hash_code("") == 0);
  CHECK(kafka::java_string_hash_code("a") == 97);
  CHECK(kafka::java_string_hash_code("hello") == 99162322);
  CHECK(kafka::java_string_hash_code("\xC3\xA9") == 233);                     // "é", U+00E9
  CHECK(kafka::java_string_hash_code("\xE6\x97\xA5\xE6\x9C\xAC") == 835047);  // "日本"
  // U+1F600 is the surrogate pair D83D DE00 in Java: 0xD83D * 31 + 0xDE00.
  CHECK(kafka::java_string_hash_code("\xF0\x9F\x98\x80") == 1772899);
  // The classic string whose hashCode is Integer.MIN_VALUE.
  CHECK(kafka::java_string_hash_code("polygenelubricants") == INT32_MIN);
  // Malformed UTF-8 decodes to U+FFFD (65533), as new String(bytes, UTF_8) does.
  CHECK(kafka::java_string_hash_code("\xFF") == 65533);
  CHECK(kafka::java_string_hash_code("\xE6\x97") == 65533);  // a truncated 3-byte sequence
}

TEST_CASE("a group's __consumer_offsets partition is Utils.abs(hashCode) % 50", "[client]") {
  // Goal: GroupCoordinator.partitionFor, with Utils.abs mapping Integer.MIN_VALUE to 0.
  const auto partition_for = [](std::string_view group_id) {
    return kafka::kafka_utils_abs(kafka::java_string_hash_code(group_id)) % 50;
  };
  CHECK(kafka::kafka_utils_abs(INT32_MIN) == 0);
  CHECK(kafka::kafka_utils_abs(-5) == 5);
  CHECK(kafka::kafka_utils_abs(7) == 7);
  CHECK(partition_for("my-group") == 12);             // hashCode -1906497762
  CHECK(partition_for("test-group") == 12);           // hashCode 627841412
  CHECK(partition_for("console-consumer-42") == 37);  // hashCode 1109249087
  CHECK(partition_for("polygenelubricants") == 0);    // hashCode Integer.MIN_VALUE
}

TEST_CASE("java_string_compare orders by UTF-16 code units like String.compareTo", "[client]") {
  // Goal: compareTo's values, and the one place UTF-16 and UTF-8 orders disagree.
  CHECK(kafka::java_string_compare("a", "b") == -1);
  CHECK(kafka::java_string_compare("consumer10", "consumer2") == '1' - '2');
  CHECK(kafka::java_string_compare("abc", "ab") == 1);
  CHECK(kafka::java_string_compare("", "") == 0);
  CHECK(kafka::java_string_compare("\xC3\xA9", "\xC3\xA9") == 0);
  // U+1F600 (D83D DE00) sorts before U+E000 in Java, after it in UTF-8 bytes.
  const std::string_view emoji = "\xF0\x9F\x98\x80";
  const std::string_view private_use = "\xEE\x80\x80";
  CHECK(kafka::java_string_compare(emoji, private_use) == 0xD83D - 0xE000);
  CHECK(emoji > private_use);
  // A surrogate pair is two code units long.
  CHECK(kafka::java_string_compare(emoji, "\xF0\x9F\x98\x80x") == -1);
}

TEST_CASE("java_hash_map_order follows java.util.HashMap buckets", "[client]") {
  // Goal: the order AbstractStickyAssignorTest's expectations depend on (reference note:
  // consumer1..3 iterate as consumer3, consumer2, consumer1).
  CHECK(java_hash_map_order({"consumer1", "consumer2", "consumer3"}) ==
        std::vector<std::string>{"consumer3", "consumer2", "consumer1"});
  // 13 keys in distinct buckets pass the load factor (12 of 16): the table doubles.
  JavaHashOrder<std::string> spread_out;
  for (int i = 0; i < 12; ++i) spread_out.insert(numbered("k", i), i);
  CHECK(spread_out.capacity() == 16);
  spread_out.insert("k12", 12);
  CHECK(spread_out.capacity() == 32);
  // A 9th key in one bucket of a small table doubles it too (treeifyBin below 64 buckets).
  // Keys sharing a bucket keep their insertion order.
  JavaHashOrder<std::string> crowded;
  for (int i = 0; i < 8; ++i) crowded.insert(numbered("k", i), i * 16);
  CHECK(crowded.capacity() == 16);
  crowded.insert("k8", 8 * 16);
  CHECK(crowded.capacity() == 32);
  CHECK(crowded.iteration_order() ==
        std::vector<std::string>{"k0", "k2", "k4", "k6", "k8", "k1", "k3", "k5", "k7"});
  CHECK(crowded.erase("k0"));
  CHECK(crowded.first() == "k2");
}

// ---- names and protocols ----

TEST_CASE("assignors are known by protocol name and Java class name", "[client]") {
  // Goal: partition.assignment.strategy accepts both spellings.
  CHECK(assignor_name(AssignorKind::kCooperativeSticky) == "cooperative-sticky");
  CHECK(assignor_from_config("range") == AssignorKind::kRange);
  CHECK(assignor_from_config("roundrobin") == AssignorKind::kRoundRobin);
  CHECK(assignor_from_config("org.apache.kafka.clients.consumer.StickyAssignor") ==
        AssignorKind::kSticky);
  CHECK(assignor_from_config("org.apache.kafka.clients.consumer.CooperativeStickyAssignor") ==
        AssignorKind::kCooperativeSticky);
  CHECK_FALSE(assignor_from_config("RangeAssignor").has_value());
  CHECK(rebalance_protocol(AssignorKind::kSticky) == RebalanceProtocol::kEager);
  CHECK(rebalance_protocol(AssignorKind::kCooperativeSticky) == RebalanceProtocol::kCooperative);
}

// ---- RangeAssignor (RangeAssignorTest) ----

TEST_CASE("range: a lone member gets every partition of its topics only", "[client]") {
  // Goal: RangeAssignorTest.testOneConsumerNoTopic, testOneConsumerNonexistentTopic,
  // testOnlyAssignsPartitionsFromSubscribedTopics and testOneConsumerMultipleTopics.
  CHECK(assign(AssignorKind::kRange, {}, {member("consumer1", {})}) ==
        GroupAssignment{{"consumer1", {}}});
  CHECK(assign(AssignorKind::kRange, {}, {member("consumer1", {"topic1"})}) ==
        GroupAssignment{{"consumer1", {}}});
  const auto only = assign(AssignorKind::kRange, {{"topic1", 3}, {"other", 3}},
                           {member("consumer1", {"topic1"})});
  CHECK(as_set(only.at("consumer1")) ==
        as_set({tp("topic1", 0), tp("topic1", 1), tp("topic1", 2)}));
  const auto both = assign(AssignorKind::kRange, {{"topic1", 1}, {"topic2", 2}},
                           {member("consumer1", {"topic1", "topic2"})});
  CHECK(both.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)});
}

TEST_CASE("range: each topic is split in contiguous ranges, early members get the extra",
          "[client]") {
  // Goal: RangeAssignorTest.testTwoConsumersOneTopicOnePartition, ...TwoPartitions,
  // testMultipleConsumersMixedTopics and testTwoConsumersTwoTopicsSixPartitions.
  CHECK(assign(AssignorKind::kRange, {{"topic1", 1}},
               {member("consumer1", {"topic1"}), member("consumer2", {"topic1"})}) ==
        GroupAssignment{{"consumer1", {tp("topic1", 0)}}, {"consumer2", {}}});
  CHECK(assign(AssignorKind::kRange, {{"topic1", 2}},
               {member("consumer1", {"topic1"}), member("consumer2", {"topic1"})}) ==
        GroupAssignment{{"consumer1", {tp("topic1", 0)}}, {"consumer2", {tp("topic1", 1)}}});
  const auto mixed =
      assign(AssignorKind::kRange, {{"topic1", 3}, {"topic2", 2}},
             {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
              member("consumer3", {"topic1"})});
  CHECK(mixed.at("consumer1") == Partitions{tp("topic1", 0)});
  CHECK(mixed.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
  CHECK(mixed.at("consumer3") == Partitions{tp("topic1", 2)});
  const auto six = assign(
      AssignorKind::kRange, {{"topic1", 3}, {"topic2", 3}},
      {member("consumer1", {"topic1", "topic2"}), member("consumer2", {"topic1", "topic2"})});
  CHECK(six.at("consumer1") ==
        Partitions{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
  CHECK(six.at("consumer2") == Partitions{tp("topic1", 2), tp("topic2", 2)});
}

TEST_CASE("range: static members come first, ordered by group.instance.id", "[client]") {
  // Goal: RangeAssignorTest.testTwoStaticConsumersTwoTopicsSixPartitions and
  // testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions.
  const Topics topics{{"topic1", 3}, {"topic2", 3}};
  const std::vector<std::string> both{"topic1", "topic2"};
  const Partitions low{tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)};
  const Partitions high{tp("topic1", 2), tp("topic2", 2)};
  const auto two_static = assign(AssignorKind::kRange, topics,
                                 {static_member("consumer-b", "instance1", both),
                                  static_member("consumer-a", "instance2", both)});
  CHECK(two_static.at("consumer-b") == low);
  CHECK(two_static.at("consumer-a") == high);
  const auto one_static =
      assign(AssignorKind::kRange, topics,
             {static_member("consumer-b", "instance1", both), member("consumer-a", both)});
  CHECK(one_static.at("consumer-b") == low);
  CHECK(one_static.at("consumer-a") == high);
}

TEST_CASE("range: static members keep their ranges when dynamic members change", "[client]") {
  // Goal: RangeAssignorTest.testStaticMemberRangeAssignmentPersistent.
  const Topics topics{{"topic1", 5}, {"topic2", 4}};
  const std::vector<std::string> both{"topic1", "topic2"};
  std::vector<MemberSubscription> members{
      static_member("consumer1", "instance1", both), static_member("consumer2", "instance2", both),
      static_member("consumer3", "instance3", both), member("consumer4", both)};
  GroupAssignment expected{
      {"consumer1", {tp("topic1", 0), tp("topic1", 1), tp("topic2", 0)}},
      {"consumer2", {tp("topic1", 2), tp("topic2", 1)}},
      {"consumer3", {tp("topic1", 3), tp("topic2", 2)}},
      {"consumer4", {tp("topic1", 4), tp("topic2", 3)}},
  };
  CHECK(assign(AssignorKind::kRange, topics, members) == expected);
  members[3] = member("consumer5", both);
  expected["consumer5"] = expected.at("consumer4");
  expected.erase("consumer4");
  CHECK(assign(AssignorKind::kRange, topics, members) == expected);
}

TEST_CASE("range: a static member's ranges follow its instance id, not its member id", "[client]") {
  // Goal: RangeAssignorTest.testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges.
  const Topics topics{{"topic1", 5}, {"topic2", 5}};
  const std::vector<std::string> both{"topic1", "topic2"};
  const auto by_instance = [&](const std::vector<MemberSubscription>& members) {
    const GroupAssignment by_member = assign(AssignorKind::kRange, topics, members);
    std::map<std::string, Partitions> result;
    for (const auto& m : members) result[*m.group_instance_id] = by_member.at(m.member_id);
    return result;
  };
  const std::map<std::string, Partitions> expected{
      {"instance1", {tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)}},
      {"instance2", {tp("topic1", 2), tp("topic1", 3), tp("topic2", 2), tp("topic2", 3)}},
      {"instance3", {tp("topic1", 4), tp("topic2", 4)}},
  };
  CHECK(by_instance({static_member("consumer1", "instance1", both),
                     static_member("consumer2", "instance2", both),
                     static_member("consumer3", "instance3", both)}) == expected);
  CHECK(by_instance({static_member("consumer1", "instance1", both),
                     static_member("consumer5", "instance2", both),
                     static_member("consumer4", "instance3", both)}) == expected);
}

TEST_CASE("range: the same early members get the extra partition of every topic", "[client]") {
  // Goal: the non-rack-aware expectations of RangeAssignorTest.
  // testRackAwareAssignmentWithUniformSubscription and
  // testRackAwareAssignmentWithNonEqualSubscription.
  const Topics topics{{"t1", 6}, {"t2", 7}, {"t3", 2}};
  const std::vector<std::string> all{"t1", "t2", "t3"};
  const auto uniform =
      assign(AssignorKind::kRange, topics,
             {member("consumer0", all), member("consumer1", all), member("consumer2", all)});
  CHECK(sorted_string(uniform.at("consumer0")) == "t1-0, t1-1, t2-0, t2-1, t2-2, t3-0");
  CHECK(sorted_string(uniform.at("consumer1")) == "t1-2, t1-3, t2-3, t2-4, t3-1");
  CHECK(sorted_string(uniform.at("consumer2")) == "t1-4, t1-5, t2-5, t2-6");
  const auto unequal = assign(
      AssignorKind::kRange, topics,
      {member("consumer0", all), member("consumer1", all), member("consumer2", {"t1", "t3"})});
  CHECK(sorted_string(unequal.at("consumer0")) == "t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0");
  CHECK(sorted_string(unequal.at("consumer1")) == "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1");
  CHECK(sorted_string(unequal.at("consumer2")) == "t1-4, t1-5");
}

// ---- RoundRobinAssignor (RoundRobinAssignorTest) ----

TEST_CASE("roundrobin: a lone member gets every partition of its topics only", "[client]") {
  // Goal: RoundRobinAssignorTest.testOneConsumerNoTopic, testOneConsumerNonexistentTopic,
  // testOneConsumerOneTopic, testOnlyAssignsPartitionsFromSubscribedTopics and
  // testOneConsumerMultipleTopics.
  CHECK(assign(AssignorKind::kRoundRobin, {}, {member("consumer", {})}) ==
        GroupAssignment{{"consumer", {}}});
  CHECK(assign(AssignorKind::kRoundRobin, {}, {member("consumer", {"topic"})}) ==
        GroupAssignment{{"consumer", {}}});
  const Partitions three{tp("topic", 0), tp("topic", 1), tp("topic", 2)};
  CHECK(assign(AssignorKind::kRoundRobin, {{"topic", 3}}, {member("consumer", {"topic"})})
            .at("consumer") == three);
  CHECK(assign(AssignorKind::kRoundRobin, {{"topic", 3}, {"other", 3}},
               {member("consumer", {"topic"})})
            .at("consumer") == three);
  CHECK(assign(AssignorKind::kRoundRobin, {{"topic1", 1}, {"topic2", 2}},
               {member("consumer", {"topic1", "topic2"})})
            .at("consumer") == Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)});
}

TEST_CASE("roundrobin: partitions are dealt in turn, skipping unsubscribed members", "[client]") {
  // Goal: RoundRobinAssignorTest.testTwoConsumersOneTopicOnePartition, ...TwoPartitions,
  // testMultipleConsumersMixedTopics and testTwoDynamicConsumersTwoTopicsSixPartitions.
  CHECK(assign(AssignorKind::kRoundRobin, {{"topic", 1}},
               {member("consumer1", {"topic"}), member("consumer2", {"topic"})}) ==
        GroupAssignment{{"consumer1", {tp("topic", 0)}}, {"consumer2", {}}});
  CHECK(assign(AssignorKind::kRoundRobin, {{"topic", 2}},
               {member("consumer1", {"topic"}), member("consumer2", {"topic"})}) ==
        GroupAssignment{{"consumer1", {tp("topic", 0)}}, {"consumer2", {tp("topic", 1)}}});
  const auto mixed =
      assign(AssignorKind::kRoundRobin, {{"topic1", 3}, {"topic2", 2}},
             {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
              member("consumer3", {"topic1"})});
  CHECK(mixed.at("consumer1") == Partitions{tp("topic1", 0)});
  CHECK(mixed.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)});
  CHECK(mixed.at("consumer3") == Partitions{tp("topic1", 2)});
  const auto six = assign(
      AssignorKind::kRoundRobin, {{"topic1", 3}, {"topic2", 3}},
      {member("consumer1", {"topic1", "topic2"}), member("consumer2", {"topic1", "topic2"})});
  CHECK(six.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)});
  CHECK(six.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)});
}

TEST_CASE("roundrobin: static members deal first, by group.instance.id", "[client]") {
  // Goal: RoundRobinAssignorTest.testTwoStaticConsumersTwoTopicsSixPartitions,
  // testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions and
  // testStaticMemberRoundRobinAssignmentPersistent.
  const Topics topics{{"topic1", 3}, {"topic2", 3}};
  const std::vector<std::string> both{"topic1", "topic2"};
  const Partitions first{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)};
  const Partitions second{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)};
  const auto two_static = assign(AssignorKind::kRoundRobin, topics,
                                 {static_member("consumer-b", "instance1", both),
                                  static_member("consumer-a", "instance2", both)});
  CHECK(two_static.at("consumer-b") == first);
  CHECK(two_static.at("consumer-a") == second);
  const auto one_static =
      assign(AssignorKind::kRoundRobin, topics,
             {static_member("consumer-b", "instance1", both), member("consumer-a", both)});
  CHECK(one_static.at("consumer-b") == first);
  CHECK(one_static.at("consumer-a") == second);

  std::vector<MemberSubscription> members{
      static_member("consumer1", "instance1", both), static_member("consumer2", "instance2", both),
      static_member("consumer3", "instance3", both), member("consumer4", both)};
  GroupAssignment expected{{"consumer1", {tp("topic1", 0), tp("topic2", 1)}},
                           {"consumer2", {tp("topic1", 1), tp("topic2", 2)}},
                           {"consumer3", {tp("topic1", 2)}},
                           {"consumer4", {tp("topic2", 0)}}};
  CHECK(assign(AssignorKind::kRoundRobin, topics, members) == expected);
  members[3] = member("consumer5", both);
  expected["consumer5"] = expected.at("consumer4");
  expected.erase("consumer4");
  CHECK(assign(AssignorKind::kRoundRobin, topics, members) == expected);
}

TEST_CASE("roundrobin: a static member's partitions follow its instance id", "[client]") {
  // Goal:
  // RoundRobinAssignorTest.testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges.
  const Topics topics{{"topic1", 5}, {"topic2", 5}};
  const std::vector<std::string> both{"topic1", "topic2"};
  const auto by_instance = [&](const std::vector<MemberSubscription>& members) {
    const GroupAssignment by_member = assign(AssignorKind::kRoundRobin, topics, members);
    std::map<std::string, Partitions> result;
    for (const auto& m : members) result[*m.group_instance_id] = by_member.at(m.member_id);
    return result;
  };
  const std::map<std::string, Partitions> expected{
      {"instance1", {tp("topic1", 0), tp("topic1", 3), tp("topic2", 1), tp("topic2", 4)}},
      {"instance2", {tp("topic1", 1), tp("topic1", 4), tp("topic2", 2)}},
      {"instance3", {tp("topic1", 2), tp("topic2", 0), tp("topic2", 3)}},
  };
  CHECK(by_instance({static_member("consumer1", "instance1", both),
                     static_member("consumer2", "instance2", both),
                     static_member("consumer3", "instance3", both)}) == expected);
  CHECK(by_instance({static_member("consumer1", "instance1", both),
                     static_member("consumer5", "instance2", both),
                     static_member("consumer4", "instance3", both)}) == expected);
}

// ---- properties over random groups ----

namespace {

// A random group: up to 6 topics of 1..6 partitions (some missing from metadata), up to 7
// members each subscribing to a random non-empty subset, some static, some owning partitions
// from a previous round of random generations.
struct RandomGroup {
  Topics topics;
  std::vector<MemberSubscription> members;
};

RandomGroup random_group(Prng& prng, bool identical_subscriptions) {
  RandomGroup g;
  const auto topic_count = static_cast<int>(prng.between(1, 6));
  std::vector<std::string> names;
  for (int t = 0; t < topic_count; ++t) {
    names.push_back(numbered("t", t));
    if (!prng.chance({1, 8})) g.topics[names.back()] = static_cast<int32_t>(prng.between(1, 6));
  }
  const auto member_count = static_cast<int>(prng.between(1, 7));
  std::vector<std::string> shared;
  for (const auto& n : names) {
    if (prng.chance({1, 2})) shared.push_back(n);
  }
  if (shared.empty()) shared.push_back(names.front());
  for (int i = 0; i < member_count; ++i) {
    std::vector<std::string> topics = shared;
    if (!identical_subscriptions) {
      topics.clear();
      for (const auto& n : names) {
        if (prng.chance({1, 2})) topics.push_back(n);
      }
      if (topics.empty()) topics.push_back(names[prng.bounded(names.size())]);
    }
    MemberSubscription m =
        member(numbered(numbered("consumer-", prng.bounded(1000)) + "-", i), topics);
    if (prng.chance({1, 4}))
      m.group_instance_id = numbered(numbered("instance-", prng.bounded(100)) + "-", i);
    // Claims on random partitions, overlapping ones included, in generations 3..5 or none.
    for (const auto& [topic, count] : g.topics) {
      for (int32_t p = 0; p < count; ++p) {
        if (prng.chance({1, 4})) m.owned_partitions.push_back(tp(topic, p));
      }
    }
    if (!m.owned_partitions.empty()) m.generation = static_cast<int32_t>(prng.between(3, 5));
    g.members.push_back(std::move(m));
  }
  return g;
}

void check_partition_owners(const RandomGroup& g, const GroupAssignment& a) {
  REQUIRE(a.size() == g.members.size());
  std::set<TopicPartition> seen;
  for (const MemberSubscription& m : g.members) {
    for (const TopicPartition& p : a.at(m.member_id)) {
      INFO(m.member_id << " got " << kafka::to_string(p));
      CHECK(subscribes(m, p.topic));
      CHECK(g.topics.contains(p.topic));
      CHECK(p.partition < g.topics.at(p.topic));
      CHECK(seen.insert(p).second);
    }
  }
}

size_t spread(const GroupAssignment& a) {
  size_t min = SIZE_MAX;
  size_t max = 0;
  for (const auto& [id, partitions] : a) {
    min = std::min(min, partitions.size());
    max = std::max(max, partitions.size());
  }
  return max - min;
}

}  // namespace

TEST_CASE("every assignor gives each partition to at most one subscribed member", "[client]") {
  // Goal: validity, balance and cooperative safety over 400 seeded random groups.
  Prng prng = Prng::stream(20240917, "assignor-properties");
  for (int round = 0; round < 400; ++round) {
    const bool identical = round % 2 == 0;
    const RandomGroup g = random_group(prng, identical);
    INFO("round " << round);
    for (const AssignorKind kind : {AssignorKind::kRange, AssignorKind::kRoundRobin,
                                    AssignorKind::kSticky, AssignorKind::kCooperativeSticky}) {
      INFO(assignor_name(kind));
      const GroupAssignment a = assign(kind, g.topics, g.members);
      check_partition_owners(g, a);
      if (identical && (kind == AssignorKind::kRoundRobin || kind == AssignorKind::kSticky)) {
        CHECK(spread(a) <= 1);
      }
      if (kind == AssignorKind::kSticky) check_valid_and_balanced(g.members, a);
      if (kind != AssignorKind::kCooperativeSticky) continue;
      // A partition goes to a member that did not own it only once nobody else claims it.
      for (const auto& [id, partitions] : a) {
        const auto& me = *std::find_if(g.members.begin(), g.members.end(),
                                       [&](const auto& m) { return m.member_id == id; });
        for (const TopicPartition& p : partitions) {
          if (as_set(me.owned_partitions).contains(p)) continue;
          for (const MemberSubscription& other : g.members) {
            INFO(id << " takes " << kafka::to_string(p) << " still owned by " << other.member_id);
            CHECK_FALSE(as_set(other.owned_partitions).contains(p));
          }
        }
      }
      settle(kind, g.topics, g.members, a);
    }
  }
}
