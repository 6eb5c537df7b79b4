// Controller quorum stories (KRaft with three voters): election at start, failover of the
// active controller, and no progress without a majority.
#include <catch2/catch.hpp>

#include "tests/cluster/cluster_fixture.h"

using namespace ksim;
using ksim::testing::ClusterStory;

TEST_CASE("three controllers elect one active controller and serve the cluster",
          "[cluster][quorum]") {
  // Goal: after the start-up election exactly one voter is active, every voter holds the same
  // committed metadata, and the topic (created through a forwarded admin action) works.
  ClusterStory c(3, "{}", "demo", 1, 3, "{}", 1, /*controllers=*/3);
  REQUIRE(c.active_controller_node().value >= 0);
  int active = 0;
  for (int i = 0; i < 3; ++i) {
    active += c.controller_at(NodeId{3 + i}).memory.role == cluster::QuorumRole::kActive ? 1 : 0;
  }
  CHECK(active == 1);
  REQUIRE(c.produce_and_wait(-1, 2) == kafka::ErrorCode::NONE);
  c.run_for_ms(1000);
  const int64_t committed = c.controller().memory.high_watermark;
  for (int i = 0; i < 3; ++i) {
    CHECK(static_cast<int64_t>(c.controller_at(NodeId{3 + i}).disk.metadata_log.size()) >=
          committed);
  }
}

TEST_CASE("a standby controller takes over when the active one crashes", "[cluster][quorum]") {
  // Goal: the standbys notice the silence after controller.quorum.fetch.timeout.ms, elect a
  // new active controller in a higher epoch, which then fences a crashed broker and moves its
  // leadership, as the old one would have.
  ClusterStory c(3, "{}", "demo", 1, 3, "{}", 1, /*controllers=*/3);
  const NodeId old_active = c.active_controller_node();
  REQUIRE(old_active.value >= 0);
  const int32_t old_epoch = c.controller().disk.quorum_epoch;
  c.act(proto::CrashNode{old_active});
  c.run_until([&] {
    const NodeId a = c.active_controller_node();
    return a.value >= 0 && a != old_active;
  });
  CHECK(c.controller().disk.quorum_epoch > old_epoch);
  const int leader = c.leader();
  c.crash(leader);
  c.run_until([&] { return c.leader() != leader && c.leader() > 0; }, 400000);
  CHECK(c.controller().memory.image.broker(leader)->fenced);
  REQUIRE(c.produce_and_wait(-1, 1) == kafka::ErrorCode::NONE);
}

TEST_CASE("without a majority of controllers no metadata change commits", "[cluster][quorum]") {
  // Goal: with two of three voters down the active controller can append but not commit, so
  // brokers hear nothing: a crashed broker's leadership does not move.
  ClusterStory c(3, "{}", "demo", 1, 3, "{}", 1, /*controllers=*/3);
  const NodeId active = c.active_controller_node();
  for (int i = 0; i < 3; ++i) {
    if (NodeId{3 + i} != active) c.act(proto::CrashNode{NodeId{3 + i}});
  }
  const int leader = c.leader();
  const int survivor = leader == 1 ? 2 : 1;
  c.crash(leader);
  c.run_for_ms(20000);
  CHECK(c.broker(survivor).memory.image.partition(c.tp())->leader == leader);
}
