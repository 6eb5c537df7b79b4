// The controller's election and ISR rules as pure functions (PartitionChangeBuilder and
// ReplicationControlManager in Kafka's metadata module).
#include "engine/cluster/partition_change.h"

#include <catch2/catch.hpp>
#include <set>

using namespace ksim;
using namespace ksim::cluster;

namespace {

Liveness live(std::set<int32_t> alive, std::set<int32_t> shutting_down = {}) {
  return Liveness{[alive](int32_t b) { return alive.count(b) != 0; },
                  [shutting_down](int32_t b) { return shutting_down.count(b) != 0; }};
}

proto::PartitionRecord partition(std::vector<int32_t> replicas, std::vector<int32_t> isr,
                                 int32_t leader) {
  return proto::PartitionRecord{"t", 0, std::move(replicas), std::move(isr), leader, 5, 9};
}

}  // namespace

TEST_CASE("a live leader in the ISR keeps leading", "[cluster][election]") {
  // Goal: PartitionChangeBuilder keeps the current leader when it is still acceptable.
  const auto p = partition({1, 2, 3}, {1, 2, 3}, 2);
  const auto next = with_elected_leader(p, live({1, 2, 3}), Election::kClean);
  CHECK(next == p);
}

TEST_CASE("the first live ISR replica in assignment order is elected", "[cluster][election]") {
  // Goal: with leader 3 dead, replicas [3,1,2] and ISR [2,1], broker 1 leads (assignment
  // order, not ISR order); the leader and partition epochs go up by one.
  const auto next =
      with_elected_leader(partition({3, 1, 2}, {2, 1}, 3), live({1, 2}), Election::kClean);
  CHECK(next.leader == 1);
  CHECK(next.leader_epoch == 6);
  CHECK(next.partition_epoch == 10);
}

TEST_CASE("a fenced broker leaves the ISR but the ISR never becomes empty", "[cluster][isr]") {
  // Goal: handleBrokerFenced removes the broker from the ISR unless it is the last member;
  // then the partition goes offline (leader -1) keeping that broker in its ISR.
  const auto shrunk =
      without_broker(partition({1, 2, 3}, {1, 2, 3}, 1), 2, live({1, 3}), Election::kClean);
  CHECK(shrunk.isr == std::vector<int32_t>{1, 3});
  CHECK(shrunk.leader == 1);
  CHECK(shrunk.leader_epoch == 5);  // an ISR change alone keeps the leader epoch (3.6+)
  CHECK(shrunk.partition_epoch == 10);
  const auto offline = without_broker(partition({1, 2}, {1}, 1), 1, live({2}), Election::kClean);
  CHECK(offline.leader == -1);
  CHECK(offline.isr == std::vector<int32_t>{1});
  CHECK(offline.leader_epoch == 6);
}

TEST_CASE("an unclean election picks the first live replica and resets the ISR",
          "[cluster][election]") {
  // Goal: with unclean election allowed and no ISR member alive, the first live replica in
  // assignment order leads alone.
  const auto next =
      without_broker(partition({1, 2, 3}, {1}, 1), 1, live({2, 3}), Election::kUnclean);
  CHECK(next.leader == 2);
  CHECK(next.isr == std::vector<int32_t>{2});
  CHECK(next.leader_epoch == 6);
}

TEST_CASE("a broker in controlled shutdown is not elected", "[cluster][election]") {
  // Goal: shutting-down brokers are not acceptable leaders.
  const auto next = with_elected_leader(partition({1, 2, 3}, {1, 2, 3}, -1), live({1, 2, 3}, {1}),
                                        Election::kClean);
  CHECK(next.leader == 2);
}

TEST_CASE("preferred leader election moves leadership back only when it can",
          "[cluster][election]") {
  // Goal: the first replica becomes leader again only when it is alive and in the ISR.
  CHECK_FALSE(with_preferred_leader(partition({1, 2}, {2}, 2), live({1, 2})).has_value());
  CHECK_FALSE(with_preferred_leader(partition({1, 2}, {1, 2}, 1), live({1, 2})).has_value());
  const auto moved = with_preferred_leader(partition({1, 2}, {1, 2}, 2), live({1, 2}));
  REQUIRE(moved.has_value());
  CHECK(moved->leader == 1);
  CHECK(moved->leader_epoch == 6);
}
