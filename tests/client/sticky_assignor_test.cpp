// The sticky and cooperative-sticky assignors against the cases of Kafka's
// AbstractStickyAssignorTest (run, as in Kafka, for both assignors), StickyAssignorTest and
// CooperativeStickyAssignorTest. Kafka's helper subscription(topics, i) is a member without
// owned partitions; buildSubscriptionV2Above(topics, owned, generation, i) one with them.
// For the cooperative assignor, checks on lists come after settle(), which runs the follow-up
// rebalances as CooperativeStickyAssignorTest.verifyValidityAndBalance does.
#include <catch2/catch.hpp>

#include "engine/client/assignor.h"
#include "tests/client/assignor_test_support.h"

using namespace ksim;
using namespace ksim::client;
using namespace ksim::client::test;

namespace {

constexpr int32_t kGenerationId = 1;  // AbstractStickyAssignorTest.generationId

// A member with owned partitions: buildSubscriptionV2Above.
MemberSubscription owning(std::string id, std::vector<std::string> topics, Partitions owned,
                          int32_t generation = kGenerationId) {
  return member(std::move(id), std::move(topics), std::move(owned), generation);
}

// The members again, each now owning what `assignment` gave it, in generation 1.
std::vector<MemberSubscription> next_round(std::vector<MemberSubscription> members,
                                           const GroupAssignment& assignment) {
  for (MemberSubscription& m : members) {
    m.owned_partitions = assignment.at(m.member_id);
    m.generation = kGenerationId;
  }
  return members;
}

std::map<TopicPartition, std::string> transferring(const Topics& topics,
                                                   const std::vector<MemberSubscription>& members) {
  return sticky_assign(topics, members).partitions_transferring_ownership;
}

size_t count_of(const Partitions& partitions, const std::string& topic) {
  return static_cast<size_t>(
      std::count_if(partitions.begin(), partitions.end(),
                    [&](const TopicPartition& p) { return p.topic == topic; }));
}

}  // namespace

TEST_CASE("sticky: lone members and single topics", "[client]") {
  // Goal: AbstractStickyAssignorTest.testOneConsumerNoTopic, testOneConsumerNonexistentTopic,
  // testOneConsumerOneTopic, testOnlyAssignsPartitionsFromSubscribedTopics,
  // testOneConsumerMultipleTopics and testTwoConsumersOneTopicTwoPartitions.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  CHECK(assign(kind, {}, {member("consumer", {})}) == GroupAssignment{{"consumer", {}}});
  CHECK(assign(kind, {{"topic", 0}}, {member("consumer", {"topic"})}) ==
        GroupAssignment{{"consumer", {}}});
  CHECK(assign(kind, {{"topic", 3}}, {member("consumer", {"topic"})}).at("consumer") ==
        Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2)});
  const std::vector<MemberSubscription> other{owning(
      "consumer", {"topic"}, {tp("topic", 0), tp("topic", 1), tp("other", 0), tp("other", 1)})};
  CHECK(assign(kind, {{"topic", 2}}, other).at("consumer") ==
        Partitions{tp("topic", 0), tp("topic", 1)});
  CHECK(transferring({{"topic", 2}}, other).empty());
  CHECK(assign(kind, {{"topic1", 1}, {"topic2", 2}}, {member("consumer", {"topic1", "topic2"})})
            .at("consumer") == Partitions{tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)});
  CHECK(assign(kind, {{"topic", 2}},
               {member("consumer1", {"topic"}), member("consumer2", {"topic"})}) ==
        GroupAssignment{{"consumer1", {tp("topic", 0)}}, {"consumer2", {tp("topic", 1)}}});
}

TEST_CASE("sticky: mixed subscriptions take the general algorithm", "[client]") {
  // Goal: AbstractStickyAssignorTest.testMultipleConsumersMixedTopicSubscriptions.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const Topics topics{{"topic1", 3}, {"topic2", 2}};
  const std::vector<MemberSubscription> members{member("consumer1", {"topic1"}),
                                                member("consumer2", {"topic1", "topic2"}),
                                                member("consumer3", {"topic1"})};
  const auto a = settle(kind, topics, members, assign(kind, topics, members));
  CHECK(a.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 2)});
  CHECK(a.at("consumer2") == Partitions{tp("topic2", 0), tp("topic2", 1)});
  CHECK(a.at("consumer3") == Partitions{tp("topic1", 1)});
  CHECK_FALSE(sticky_assign(topics, members).all_subscriptions_equal);
}

TEST_CASE("sticky: a fresh group with equal subscriptions is dealt round-robin", "[client]") {
  // Goal: AbstractStickyAssignorTest.testTwoConsumersTwoTopicsSixPartitions and the first
  // round of testAddRemoveTwoConsumersTwoTopics.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const std::vector<std::string> both{"topic1", "topic2"};
  const auto six = assign(kind, {{"topic1", 3}, {"topic2", 3}},
                          {member("consumer1", both), member("consumer2", both)});
  CHECK(six.at("consumer1") == Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)});
  CHECK(six.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)});
  const auto seven = assign(kind, {{"topic1", 3}, {"topic2", 4}},
                            {member("consumer1", both), member("consumer2", both)});
  CHECK(seven.at("consumer1") ==
        Partitions{tp("topic1", 0), tp("topic1", 2), tp("topic2", 1), tp("topic2", 3)});
  CHECK(seven.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)});
}

TEST_CASE("sticky: members keep owned partitions up to their quota", "[client]") {
  // Goal: AbstractStickyAssignorTest.testConsumerOwningMinQuotaExpectedMaxQuota,
  // testAllConsumersAreUnderMinQuota and testAllConsumersReachExpectedQuotaAndAreConsideredFilled.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const Topics topics{{"topic1", 2}, {"topic2", 3}};
  const std::vector<std::string> both{"topic1", "topic2"};

  const std::vector<MemberSubscription> min_quota{
      owning("consumer1", both, {tp("topic1", 0), tp("topic2", 1)}),
      owning("consumer2", both, {tp("topic1", 1), tp("topic2", 2)})};
  const auto a = settle(kind, topics, min_quota, assign(kind, topics, min_quota));
  CHECK(a.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 1), tp("topic2", 0)});
  CHECK(a.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 2)});
  CHECK(transferring(topics, min_quota).empty());

  const std::vector<MemberSubscription> under_min{owning("consumer1", both, {tp("topic1", 0)}),
                                                  owning("consumer2", both, {tp("topic1", 1)}),
                                                  owning("consumer3", both, {})};
  const auto b = settle(kind, topics, under_min, assign(kind, topics, under_min));
  CHECK(b.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 1)});
  CHECK(b.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 2)});
  CHECK(b.at("consumer3") == Partitions{tp("topic2", 0)});
  CHECK(transferring(topics, under_min).empty());

  const std::vector<MemberSubscription> filled{
      owning("consumer1", {"topic"}, {tp("topic", 0), tp("topic", 1)}),
      owning("consumer2", {"topic"}, {tp("topic", 2)}), owning("consumer3", {"topic"}, {})};
  CHECK(assign(kind, {{"topic", 4}}, filled) ==
        GroupAssignment{{"consumer1", {tp("topic", 0), tp("topic", 1)}},
                        {"consumer2", {tp("topic", 2)}},
                        {"consumer3", {tp("topic", 3)}}});
  CHECK(transferring({{"topic", 4}}, filled).empty());
}

TEST_CASE("sticky: HashMap order decides which over-owner keeps maxQuota", "[client]") {
  // Goal: AbstractStickyAssignorTest.testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers.
  // consumer2 comes before consumer1 in HashMap order, so it keeps both its partitions.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const Topics topics{{"topic1", 2}, {"topic2", 2}};
  const std::vector<std::string> both{"topic1", "topic2"};
  const std::vector<MemberSubscription> members{
      owning("consumer1", both, {tp("topic1", 0), tp("topic2", 0)}),
      owning("consumer2", both, {tp("topic1", 1), tp("topic2", 1)}), owning("consumer3", both, {})};
  CHECK(transferring(topics, members) ==
        std::map<TopicPartition, std::string>{{tp("topic2", 0), "consumer3"}});
  const auto a = settle(kind, topics, members, assign(kind, topics, members));
  CHECK(a.at("consumer1") == Partitions{tp("topic1", 0)});
  CHECK(a.at("consumer2") == Partitions{tp("topic1", 1), tp("topic2", 1)});
  CHECK(a.at("consumer3") == Partitions{tp("topic2", 0)});
}

TEST_CASE("sticky: adding and removing members moves as little as possible", "[client]") {
  // Goal: AbstractStickyAssignorTest.testAddRemoveConsumerOneTopic and
  // testAddRemoveTwoConsumersTwoTopics, round by round.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const Topics one{{"topic", 3}};
  auto first = assign(kind, one, {member("consumer1", {"topic"})});
  std::vector<MemberSubscription> two{owning("consumer1", {"topic"}, first.at("consumer1")),
                                      owning("consumer2", {"topic"}, {})};
  CHECK(transferring(one, two) ==
        std::map<TopicPartition, std::string>{{tp("topic", 2), "consumer2"}});
  const auto second = settle(kind, one, two, assign(kind, one, two));
  CHECK(second.at("consumer1") == Partitions{tp("topic", 0), tp("topic", 1)});
  CHECK(second.at("consumer2") == Partitions{tp("topic", 2)});
  const std::vector<MemberSubscription> last{
      owning("consumer2", {"topic"}, second.at("consumer2"))};
  CHECK(as_set(assign(kind, one, last).at("consumer2")) ==
        as_set({tp("topic", 0), tp("topic", 1), tp("topic", 2)}));

  const Topics topics{{"topic1", 3}, {"topic2", 4}};
  const std::vector<std::string> both{"topic1", "topic2"};
  const auto start = assign(kind, topics, {member("consumer1", both), member("consumer2", both)});
  const std::vector<MemberSubscription> four{owning("consumer1", both, start.at("consumer1")),
                                             owning("consumer2", both, start.at("consumer2")),
                                             owning("consumer3", both, {}),
                                             owning("consumer4", both, {})};
  CHECK(transferring(topics, four) ==
        std::map<TopicPartition, std::string>{{tp("topic1", 2), "consumer3"},
                                              {tp("topic2", 3), "consumer3"},
                                              {tp("topic2", 2), "consumer4"}});
  const auto grown = settle(kind, topics, four, assign(kind, topics, four));
  CHECK(grown.at("consumer1") == Partitions{tp("topic1", 0), tp("topic2", 1)});
  CHECK(grown.at("consumer2") == Partitions{tp("topic2", 0), tp("topic1", 1)});
  CHECK(grown.at("consumer3") == Partitions{tp("topic1", 2), tp("topic2", 3)});
  CHECK(grown.at("consumer4") == Partitions{tp("topic2", 2)});
  const std::vector<MemberSubscription> shrunk{owning("consumer3", both, grown.at("consumer3")),
                                               owning("consumer4", both, grown.at("consumer4"))};
  const auto after = assign(kind, topics, shrunk);
  CHECK(after.at("consumer3") ==
        Partitions{tp("topic1", 2), tp("topic2", 3), tp("topic1", 0), tp("topic2", 1)});
  CHECK(after.at("consumer4") == Partitions{tp("topic2", 2), tp("topic1", 1), tp("topic2", 0)});
  CHECK(transferring(topics, shrunk).empty());
}

TEST_CASE("sticky: a partition claimed twice in one generation belongs to neither", "[client]") {
  // Goal: StickyAssignorTest and CooperativeStickyAssignorTest
  // .testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGeneration
  // WithEqualPartitionsPerConsumer and ...WithUnequalPartitionsPerConsumer, and
  // AbstractStickyAssignorTest.testPartitionsTransferringOwnershipIncludeThePartitionClaimedBy
  // MultipleConsumersInSameGeneration. The cooperative assignor holds topic-0 back: both
  // claimants must revoke it first.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const bool cooperative = kind == AssignorKind::kCooperativeSticky;
  const std::vector<MemberSubscription> members{
      owning("consumer1", {"topic"}, {tp("topic", 0), tp("topic", 1)}),
      owning("consumer2", {"topic"}, {tp("topic", 0), tp("topic", 2)}),
      owning("consumer3", {"topic"}, {})};
  const Partitions topic0 = cooperative ? Partitions{} : Partitions{tp("topic", 0)};
  CHECK(assign(kind, {{"topic", 3}}, members) == GroupAssignment{{"consumer1", {tp("topic", 1)}},
                                                                 {"consumer2", {tp("topic", 2)}},
                                                                 {"consumer3", topic0}});
  CHECK(transferring({{"topic", 3}}, members) ==
        std::map<TopicPartition, std::string>{{tp("topic", 0), "consumer3"}});
  CHECK(assign(kind, {{"topic", 4}}, members) ==
        GroupAssignment{{"consumer1", {tp("topic", 1), tp("topic", 3)}},
                        {"consumer2", {tp("topic", 2)}},
                        {"consumer3", topic0}});
}

TEST_CASE("sticky: the newest generation's claim wins", "[client]") {
  // Goal:
  // AbstractStickyAssignorTest.testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration,
  // ...WithNoGeneration, ...WithMultipleGeneration and
  // testEnsurePartitionsAssignedToHighestGeneration.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const Topics two{{"topic", 3}, {"topic2", 3}};
  const std::vector<std::string> both{"topic", "topic2"};
  const Partitions claim{tp("topic", 0), tp("topic", 2), tp("topic2", 1)};
  for (const int32_t stale : {9, kDefaultGeneration}) {
    const std::vector<MemberSubscription> members{owning("consumer1", both, claim, 10),
                                                  owning("consumer2", both, claim, stale)};
    const auto a = settle(kind, two, members, assign(kind, two, members));
    CHECK(as_set(a.at("consumer1")) == as_set(claim));
    CHECK(as_set(a.at("consumer2")) == as_set({tp("topic", 1), tp("topic2", 0), tp("topic2", 2)}));
    CHECK(transferring(two, members).empty());
  }
  const std::vector<MemberSubscription> multiple{
      owning("consumer1", both, {tp("topic", 0), tp("topic2", 1), tp("topic", 1)}, 10),
      owning("consumer2", both, {tp("topic", 0), tp("topic2", 1), tp("topic2", 2)}, 8)};
  const auto m = settle(kind, two, multiple, assign(kind, two, multiple));
  CHECK(as_set(m.at("consumer1")) == as_set({tp("topic", 0), tp("topic2", 1), tp("topic", 1)}));
  CHECK(as_set(m.at("consumer2")) == as_set({tp("topic", 2), tp("topic2", 2), tp("topic2", 0)}));
  CHECK(transferring(two, multiple).empty());

  const Topics three{{"topic", 3}, {"topic2", 3}, {"topic3", 3}};
  const std::vector<std::string> all{"topic", "topic2", "topic3"};
  const std::vector<MemberSubscription> highest{
      owning("consumer1", all, {tp("topic", 0), tp("topic2", 0), tp("topic3", 0)}, 10),
      owning("consumer2", all, {tp("topic", 1), tp("topic2", 1), tp("topic3", 1)}, 9),
      owning("consumer3", all, {tp("topic2", 1), tp("topic3", 0), tp("topic3", 2)}, 8)};
  const auto h = settle(kind, three, highest, assign(kind, three, highest));
  CHECK(as_set(h.at("consumer1")) == as_set({tp("topic", 0), tp("topic2", 0), tp("topic3", 0)}));
  CHECK(as_set(h.at("consumer2")) == as_set({tp("topic", 1), tp("topic2", 1), tp("topic3", 1)}));
  CHECK(as_set(h.at("consumer3")) == as_set({tp("topic", 2), tp("topic2", 2), tp("topic3", 2)}));
  CHECK(transferring(three, highest).empty());
}

TEST_CASE("sticky: owned partitions of older generations are not reassigned", "[client]") {
  // Goal: AbstractStickyAssignorTest.testNoReassignmentOnCurrentMembers.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const Topics topics{{"topic", 3}, {"topic1", 3}, {"topic2", 3}, {"topic3", 3}};
  const std::vector<std::string> all{"topic", "topic2", "topic3", "topic1"};
  const std::vector<MemberSubscription> members{
      owning("consumer1", all, {}, kDefaultGeneration),
      owning("consumer2", all, {tp("topic", 0), tp("topic2", 0), tp("topic1", 0)}, 9),
      owning("consumer3", all, {tp("topic3", 2), tp("topic2", 2), tp("topic1", 1)}, 8),
      owning("consumer4", all, {tp("topic3", 1), tp("topic", 1), tp("topic", 2)}, 7)};
  const auto a = settle(kind, topics, members, assign(kind, topics, members));
  CHECK(as_set(a.at("consumer1")) == as_set({tp("topic1", 2), tp("topic2", 1), tp("topic3", 0)}));
  CHECK(transferring(topics, members).empty());
}

TEST_CASE("sticky: conflicting generations still give a balanced, sticky result", "[client]") {
  // Goal: StickyAssignorTest.testAssignmentWithMultipleGenerations1 and
  // testAssignmentWithConflictingPreviousGenerations, with equal and unequal subscriptions.
  // These are StickyAssignorTest's own: the cooperative assignor holds partitions back, so
  // its first-round sizes differ.
  const auto kind = AssignorKind::kSticky;
  const bool equal = GENERATE(true, false);
  INFO((equal ? "equal subscriptions" : "unequal subscriptions"));
  const std::vector<std::string> all{"topic", "topic2", "topic3"};

  // testAssignmentWithConflictingPreviousGenerations.
  const Topics topics{{"topic", 4}, {"topic2", 4}, {"topic3", 4}};
  const Partitions c2{tp("topic", 0),  tp("topic", 1),  tp("topic2", 0),
                      tp("topic2", 1), tp("topic2", 2), tp("topic2", 3)};
  const Partitions c3{tp("topic", 2),  tp("topic", 3),  tp("topic3", 0),
                      tp("topic3", 1), tp("topic3", 2), tp("topic3", 3)};
  const std::vector<MemberSubscription> members{
      owning("consumer1", equal ? all : std::vector<std::string>{"topic"},
             equal ? Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2), tp("topic2", 2),
                                tp("topic2", 3), tp("topic3", 0)}
                   : Partitions{tp("topic", 0), tp("topic", 1), tp("topic", 2), tp("topic", 3)},
             1),
      owning("consumer2", equal ? all : std::vector<std::string>{"topic", "topic2"}, c2, 2),
      owning("consumer3", all, c3, 2)};
  const auto first = assign(kind, topics, members);
  CHECK(first.at("consumer1").size() == 4);
  CHECK(first.at("consumer2").size() == 4);
  CHECK(first.at("consumer3").size() == 4);
  for (const auto& p : first.at("consumer2")) CHECK(as_set(c2).contains(p));
  for (const auto& p : first.at("consumer3")) CHECK(as_set(c3).contains(p));
  settle(kind, topics, members, first);

  // testAssignmentWithMultipleGenerations1: a member leaves, then comes back with stale claims.
  const Topics six{{"topic", 6}, {"topic2", 6}};
  const std::vector<std::string> pair{"topic", "topic2"};
  const std::vector<std::string> c2_topics = equal ? pair : std::vector<std::string>{"topic"};
  const auto r1 = assign(
      kind, six,
      {member("consumer1", pair), member("consumer2", c2_topics), member("consumer3", pair)});
  CHECK(r1.at("consumer1").size() == 4);
  CHECK(r1.at("consumer2").size() == 4);
  CHECK(r1.at("consumer3").size() == 4);
  const std::vector<MemberSubscription> round2{
      owning("consumer1", pair, r1.at("consumer1"), 1),
      owning("consumer2", c2_topics, r1.at("consumer2"), 1)};
  const auto r2 = assign(kind, six, round2);
  CHECK(r2.at("consumer1").size() == 6);
  CHECK(r2.at("consumer2").size() == 6);
  if (equal) {
    for (const auto& p : r1.at("consumer1")) CHECK(as_set(r2.at("consumer1")).contains(p));
  }
  for (const auto& p : r1.at("consumer2")) CHECK(as_set(r2.at("consumer2")).contains(p));
  settle(kind, six, round2, r2);
  const std::vector<MemberSubscription> round3{
      owning("consumer2", c2_topics, r2.at("consumer2"), 2),
      owning("consumer3", pair, r1.at("consumer3"), 1)};
  const auto r3 = assign(kind, six, round3);
  CHECK(r3.at("consumer2").size() == 6);
  CHECK(r3.at("consumer3").size() == 6);
  for (const auto& p : r3.at("consumer2")) CHECK_FALSE(as_set(r3.at("consumer3")).contains(p));
  settle(kind, six, round3, r3);
}

TEST_CASE("sticky: topic and member changes keep the assignment valid and sticky", "[client]") {
  // Goal: AbstractStickyAssignorTest.testAddRemoveTopicTwoConsumers,
  // testTopicBalanceAfterReassignment, testStickiness and
  // testNoExceptionThrownWhenOnlySubscribedTopicDeleted.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  Topics topics{{"topic", 3}};
  const auto r1 =
      assign(kind, topics, {member("consumer1", {"topic"}), member("consumer2", {"topic"})});
  topics["topic2"] = 3;
  const std::vector<std::string> both{"topic", "topic2"};
  const std::vector<MemberSubscription> added{owning("consumer1", both, r1.at("consumer1")),
                                              owning("consumer2", both, r1.at("consumer2"))};
  CHECK(transferring(topics, added).empty());
  const auto r2 = settle(kind, topics, added, assign(kind, topics, added));
  CHECK(r2.at("consumer1").size() == 3);
  for (const auto& p : r1.at("consumer1")) CHECK(as_set(r2.at("consumer1")).contains(p));
  for (const auto& p : r1.at("consumer2")) CHECK(as_set(r2.at("consumer2")).contains(p));
  topics.erase("topic");
  const std::vector<MemberSubscription> removed{
      owning("consumer1", {"topic2"}, r2.at("consumer1")),
      owning("consumer2", {"topic2"}, r2.at("consumer2"))};
  const auto r3 = settle(kind, topics, removed, assign(kind, topics, removed));
  for (const auto& p : r3.at("consumer1")) CHECK(as_set(r2.at("consumer1")).contains(p));
  for (const auto& p : r3.at("consumer2")) CHECK(as_set(r2.at("consumer2")).contains(p));

  const Topics twelve{{"topic1", 12}, {"topic2", 12}};
  const std::vector<std::string> pair{"topic1", "topic2"};
  const auto alone = assign(kind, twelve, {member("consumer1", pair)});
  const std::vector<MemberSubscription> joined{owning("consumer1", pair, alone.at("consumer1")),
                                               owning("consumer2", pair, {})};
  const auto split = settle(kind, twelve, joined, assign(kind, twelve, joined));
  for (const auto& [id, partitions] : split) {
    CHECK(count_of(partitions, "topic1") == 6);
    CHECK(count_of(partitions, "topic2") == 6);
  }

  // testStickiness: when the leader leaves, the others keep their partition.
  const std::vector<MemberSubscription> four{
      member("consumer1", {"topic1"}), member("consumer2", {"topic1"}),
      member("consumer3", {"topic1"}), member("consumer4", {"topic1"})};
  const auto s1 = assign(kind, {{"topic1", 3}}, four);
  const std::vector<MemberSubscription> three{owning("consumer2", {"topic1"}, s1.at("consumer2")),
                                              owning("consumer3", {"topic1"}, s1.at("consumer3")),
                                              owning("consumer4", {"topic1"}, s1.at("consumer4"))};
  CHECK(transferring({{"topic1", 3}}, three).empty());
  const auto s2 = settle(kind, {{"topic1", 3}}, three, assign(kind, {{"topic1", 3}}, three));
  for (const auto& m : three) {
    CHECK(s2.at(m.member_id).size() == 1);
    for (const auto& p : m.owned_partitions) CHECK(s2.at(m.member_id) == Partitions{p});
  }

  const std::vector<MemberSubscription> deleted{
      owning("consumer", {"topic"}, {tp("topic", 0), tp("topic", 1), tp("topic", 2)})};
  CHECK(assign(kind, {}, deleted) == GroupAssignment{{"consumer", {}}});
}

TEST_CASE("sticky: uneven subscriptions stay valid and balanced", "[client]") {
  // Goal: AbstractStickyAssignorTest.testPoorRoundRobinAssignmentScenario,
  // testReassignmentAfterOneConsumerLeaves, testMoveExistingAssignments,
  // testSubscriptionNotEqualAndAssignSamePartitionWith3Generation and testNewSubscription.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  Topics poor;
  for (int i = 1; i <= 5; ++i) poor[numbered("topic", i)] = i % 2 + 1;
  const std::vector<std::string> all5{"topic1", "topic2", "topic3", "topic4", "topic5"};
  const std::vector<std::string> odd{"topic1", "topic3", "topic5"};
  const std::vector<MemberSubscription> poor_members{
      member("consumer1", all5), member("consumer2", odd), member("consumer3", odd),
      member("consumer4", all5)};
  settle(kind, poor, poor_members, assign(kind, poor, poor_members));

  // Names as getTopicName(i, 20) and getConsumerName(i, 20) build them.
  const auto two_digits = [](const char* prefix, int i) {
    return numbered(std::string(prefix) + (i < 10 ? "0" : ""), i);
  };
  Topics many;
  std::vector<MemberSubscription> leaving;
  for (int i = 1; i < 20; ++i) many[two_digits("t", i)] = i;
  for (int i = 1; i < 20; ++i) {
    std::vector<std::string> subscribed;
    for (int j = 1; j <= i; ++j) subscribed.push_back(two_digits("t", j));
    leaving.push_back(member(two_digits("c", i), subscribed));
  }
  const auto before = settle(kind, many, leaving, assign(kind, many, leaving));
  auto after = next_round(leaving, before);
  after.erase(after.begin() + 9);  // consumer10 leaves
  settle(kind, many, after, assign(kind, many, after));

  Topics singles;
  for (int i = 1; i <= 6; ++i) singles[numbered("topic", i)] = 1;
  const std::vector<MemberSubscription> existing{
      owning("consumer1", {"topic1", "topic2"}, {tp("topic1", 0)}),
      owning("consumer2", {"topic1", "topic2", "topic3", "topic4"},
             {tp("topic2", 0), tp("topic3", 0)}),
      owning("consumer3", {"topic2", "topic3", "topic4", "topic5", "topic6"},
             {tp("topic4", 0), tp("topic5", 0), tp("topic6", 0)})};
  CHECK_FALSE(sticky_assign(singles, existing).all_subscriptions_equal);
  settle(kind, singles, existing, assign(kind, singles, existing));

  const Topics generations{{"topic", 6}, {"topic1", 1}};
  const int sequences[6][3] = {{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {2, 3, 1}, {3, 1, 2}, {3, 2, 1}};
  for (const auto& g : sequences) {
    const std::vector<MemberSubscription> claims{
        owning("consumer1", {"topic"}, {tp("topic", 0), tp("topic", 2)}, g[0]),
        owning("consumer2", {"topic"}, {tp("topic", 1), tp("topic", 2), tp("topic", 3)}, g[1]),
        owning("consumer3", {"topic"}, {tp("topic", 2), tp("topic", 4), tp("topic", 5)}, g[2]),
        owning("consumer4", {"topic1"}, {tp("topic1", 0)}, 2)};
    const auto a = assign(kind, generations, claims);
    std::set<TopicPartition> seen;
    for (const auto& [id, partitions] : a) {
      for (const auto& p : partitions) CHECK(seen.insert(p).second);
      CHECK((partitions.size() >= 1 && partitions.size() <= 2));
    }
  }

  Topics four_topics;
  for (int i = 1; i < 5; ++i) four_topics[numbered("t", i)] = 1;
  std::vector<MemberSubscription> fresh{member("c0", {}), member("c1", {"t1"}),
                                        member("c2", {"t2", "t3", "t4"})};
  settle(kind, four_topics, fresh, assign(kind, four_topics, fresh));
  fresh[0].topics.push_back("t1");
  settle(kind, four_topics, fresh, assign(kind, four_topics, fresh));
}

TEST_CASE("sticky: the non-rack-aware expectations of Kafka's rack tests", "[client]") {
  // Goal: AbstractStickyAssignorTest.testRackAwareAssignmentWithUniformSubscription and
  // testRackAwareAssignmentWithNonEqualSubscription where racks play no part. Those tests build
  // members without user data, so StickyAssignor ignores the owned partitions there, while
  // CooperativeStickyAssignor takes them from ownedPartitions.
  const Topics topics{{"t1", 6}, {"t2", 7}, {"t3", 2}};
  const std::vector<std::string> all{"t1", "t2", "t3"};
  const auto run = [&](AssignorKind kind, const std::vector<std::vector<std::string>>& topic_lists,
                       const std::vector<std::string>& owned) {
    std::vector<MemberSubscription> members;
    for (size_t i = 0; i < topic_lists.size(); ++i) {
      members.push_back(member(numbered("consumer", i), topic_lists[i],
                               owned.empty() ? Partitions{} : parse_partitions(owned[i])));
    }
    const auto a = assign(kind, topics, members);
    std::vector<std::string> result;
    for (size_t i = 0; i < members.size(); ++i)
      result.push_back(sorted_string(a.at(members[i].member_id)));
    return result;
  };
  const std::vector<std::string> uniform{"t1-0, t1-3, t2-0, t2-3, t2-6",
                                         "t1-1, t1-4, t2-1, t2-4, t3-0",
                                         "t1-2, t1-5, t2-2, t2-5, t3-1"};
  const std::vector<std::string> unequal{"t1-5, t2-0, t2-2, t2-4, t2-6",
                                         "t1-3, t2-1, t2-3, t2-5, t3-0",
                                         "t1-0, t1-1, t1-2, t1-4, t3-1"};
  const std::vector<std::vector<std::string>> same{all, all, all};
  const std::vector<std::vector<std::string>> differ{all, all, {"t1", "t3"}};
  for (const auto kind : {AssignorKind::kSticky, AssignorKind::kCooperativeSticky}) {
    CHECK(run(kind, same, {}) == uniform);
    CHECK(run(kind, same, uniform) == uniform);
    CHECK(run(kind, differ, {}) == unequal);
    CHECK(run(kind, differ, unequal) == unequal);
  }
  // The cooperative assignor first keeps what it can, then completes in the follow-up round.
  const std::vector<std::string> owned{"t1-0, t1-1, t1-2, t1-3, t1-4",
                                       "t1-5, t2-0, t2-1, t2-2, t2-3",
                                       "t2-4, t2-5, t2-6, t3-0, t3-1"};
  const std::vector<std::string> intermediate{"t1-2, t1-3, t1-4", "t2-0, t2-1, t2-2, t2-3",
                                              "t3-0, t3-1"};
  CHECK(run(AssignorKind::kCooperativeSticky, differ, owned) == intermediate);
  CHECK(run(AssignorKind::kCooperativeSticky, differ, intermediate) ==
        std::vector<std::string>{"t1-2, t1-3, t1-4, t2-4, t2-5", "t2-0, t2-1, t2-2, t2-3, t2-6",
                                 "t1-0, t1-1, t1-5, t3-0, t3-1"});
}

TEST_CASE("sticky: old-style subscriptions with owned partitions keep them", "[client]") {
  // Goal: StickyAssignorTest and
  // CooperativeStickyAssignorTest.testAssignorWithOldVersionSubscriptions (the generation comes
  // from user data there; here every member reports generation 1).
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);
  const std::vector<MemberSubscription> members{owning("consumer1", {"topic1"}, {tp("topic1", 0)}),
                                                owning("consumer2", {"topic1"}, {tp("topic1", 1)}),
                                                owning("consumer3", {"topic1"}, {})};
  CHECK(assign(kind, {{"topic1", 3}}, members) ==
        GroupAssignment{{"consumer1", {tp("topic1", 0)}},
                        {"consumer2", {tp("topic1", 1)}},
                        {"consumer3", {tp("topic1", 2)}}});
}

TEST_CASE("sticky: where Kafka 3.9 returns an invalid assignment, kafkasim stays valid",
          "[client]") {
  // Goal: the two documented differences (docs/assignors.md#differences), on inputs where
  // Kafka's own run gives partitions to a member that does not subscribe to their topic.
  const auto kind = GENERATE(AssignorKind::kSticky, AssignorKind::kCooperativeSticky);

  // c0 subscribes to nothing and comes first in HashMap order, so Kafka's allSubscriptionsEqual
  // says "equal" and its constrained builder gives c0 topic-0. Here the general builder runs.
  const std::vector<MemberSubscription> empty_first{member("c0", {}), member("c1", {"topic"}),
                                                    member("c2", {"topic"})};
  CHECK(assign(kind, {{"topic", 3}}, empty_first) ==
        GroupAssignment{
            {"c0", {}}, {"c1", {tp("topic", 0), tp("topic", 2)}}, {"c2", {tp("topic", 1)}}});
  CHECK_FALSE(sticky_assign({{"topic", 3}}, empty_first).all_subscriptions_equal);

  // consumer-13 (generation 1) still claims payments-4 though it now subscribes to t0 only;
  // Kafka's balancing hands payments-4 back to it from c4 (generation 2).
  const Topics topics{{"payments", 5}, {"t0", 1}, {"t1", 2}, {"t2", 4}, {"t7", 1}};
  std::vector<MemberSubscription> members{
      owning("consumer-8", {"t2", "t1", "t0", "payments"},
             {tp("payments", 1), tp("t2", 2), tp("t1", 1), tp("t0", 0), tp("t1", 0)}, 1),
      owning("consumer-13", {"t0"}, {tp("t1", 1), tp("payments", 4)}, 1),
      owning("c4", {"t2", "t1", "t7", "t0", "payments"}, {tp("payments", 2), tp("payments", 1)},
             2)};
  members[0].group_instance_id = "inst-20";
  const auto a = assign(kind, topics, members);
  check_partition_owners_subscribed(members, a);
  CHECK(sticky_assign(topics, members).assignment.at("consumer-13") == Partitions{tp("t0", 0)});
}
