// Controller stories: placement, fencing after the session timeout, controlled shutdown,
// preferred-leader election, topic deletion and growth, automatic topic creation, and a
// controller crash.
#include <catch2/catch.hpp>

#include "tests/cluster/cluster_fixture.h"

using namespace ksim;
using ksim::testing::ClusterStory;

TEST_CASE("a topic's partitions are striped over the brokers", "[cluster][controller]") {
  // Goal: 3 partitions with RF=2 on 3 brokers: each has 2 distinct replicas, and the leaders
  // (first replicas) are three different brokers.
  ClusterStory c(3, "{}", "demo", 3, 2);
  std::set<int32_t> leaders;
  for (int p = 0; p < 3; ++p) {
    const auto part = c.partition(p);
    REQUIRE(part.replicas.size() == 2);
    CHECK(part.replicas[0] != part.replicas[1]);
    CHECK(part.leader == part.replicas[0]);
    CHECK(part.isr.size() == 2);
    leaders.insert(part.leader);
  }
  CHECK(leaders.size() == 3);
}

TEST_CASE("a crashed broker is fenced after broker.session.timeout.ms and its leadership moves",
          "[cluster][controller]") {
  // Goal: nothing changes until the 9 s session expires (the last heartbeat was at most 2 s
  // before the crash), then the controller fences the broker and elects a new leader.
  ClusterStory c(3, "{}", "demo", 1, 3);
  const int leader = c.leader();
  c.crash(leader);
  const SimTime crashed_at = c.world().now();
  c.run_for_ms(6900);
  CHECK(c.leader() == leader);
  c.run_until([&] { return c.leader() != leader; });
  const SimTime took = c.world().now() - crashed_at;
  CHECK(took > SimTime::from_ms(7000));
  CHECK(took < SimTime::from_ms(9100));
  CHECK(c.controller().memory.image.broker(leader)->fenced);
  CHECK(c.partition().isr.size() == 2);
}

TEST_CASE("a controlled shutdown moves leadership away before the broker stops",
          "[cluster][controller]") {
  // Goal: the shutting-down leader hands over leadership at once (no session timeout) and then
  // stops; no acknowledged record is lost.
  ClusterStory c(3, "{}", "demo", 1, 3);
  c.produce(-1, 3);
  c.run_until([&] { return c.acked() == 1; });
  const int leader = c.leader();
  c.act(proto::ControlledShutdown{c.broker_node(leader)});
  c.run_until([&] { return !c.world().rt.status_of(c.broker_node(leader)).up; });
  CHECK(c.leader() != leader);
  CHECK(c.leader() > 0);
  CHECK(c.world().now() < SimTime::from_ms(1000 + 3000));
  const auto kept = c.records_in(c.leader(), false);
  for (uint64_t r : c.acked_records()) CHECK(kept.count(r) == 1);
}

TEST_CASE("preferred leader election gives leadership back to the first replica",
          "[cluster][controller]") {
  // Goal: after the preferred leader crashes and returns, it leads again only after it is
  // back in the ISR and a preferred election runs.
  ClusterStory c(3, "{}", "demo", 1, 3);
  const int preferred = c.partition().replicas[0];
  REQUIRE(c.leader() == preferred);
  c.crash(preferred);
  c.run_until([&] { return c.leader() != preferred; });
  c.restart(preferred);
  c.run_until([&] { return c.partition().isr.size() == 3; });
  CHECK(c.leader() != preferred);
  c.act(proto::ElectPreferredLeaders{c.controller_node()});
  c.run_for_ms(10);
  CHECK(c.leader() == preferred);
}

TEST_CASE("deleting a topic removes its logs; adding partitions creates new ones",
          "[cluster][controller]") {
  // Goal: kafka-topics --delete and --alter --partitions reach every broker's logs.
  ClusterStory c(2, "{}", "demo", 1, 2);
  c.act(proto::AddPartitions{c.controller_node(), "demo", 3});
  c.run_for_ms(100);
  CHECK(c.controller().memory.image.topic("demo")->partitions.size() == 3);
  CHECK(c.broker(1).disk.logs.logs().size() == 3);
  c.act(proto::DeleteTopic{c.controller_node(), "demo"});
  c.run_for_ms(100);
  CHECK(c.controller().memory.image.topic("demo") == nullptr);
  CHECK(c.broker(1).disk.logs.logs().empty());
  CHECK(c.broker(2).disk.logs.logs().empty());
}

TEST_CASE("a producer's metadata request creates an unknown topic when auto-create is on",
          "[cluster][controller]") {
  // Goal: auto.create.topics.enable=true: the first Metadata for "auto" creates it with
  // num.partitions and default.replication.factor; the produce then succeeds.
  ClusterStory c(3, R"({"num.partitions": 2, "default.replication.factor": 3})", "demo", 1, 1);
  c.act(proto::ClientProduce{c.client_node(), {"auto", 1}, -1, 1, std::nullopt});
  c.run_until([&] { return c.acked() == 1; });
  const auto* t = c.controller().memory.image.topic("auto");
  REQUIRE(t != nullptr);
  CHECK(t->partitions.size() == 2);
  CHECK(t->partitions[1].replicas.size() == 3);
}

TEST_CASE("with the controller down, no broker is fenced until it returns",
          "[cluster][controller]") {
  // Goal: a single controller is a single point for metadata: a broker crash goes unnoticed
  // while the controller is down; after it restarts, the session timeout runs from then.
  ClusterStory c(3, "{}", "demo", 1, 3);
  const int leader = c.leader();
  const int other = leader == 1 ? 2 : 1;
  // What a surviving broker believes, since the controller's memory is gone while it is down.
  const auto seen_leader = [&] { return c.broker(other).memory.image.partition(c.tp())->leader; };
  c.act(proto::CrashNode{c.controller_node()});
  c.crash(leader);
  c.run_for_ms(20000);
  CHECK(seen_leader() == leader);
  c.act(proto::RestartNode{c.controller_node()});
  c.run_for_ms(8900);
  CHECK(c.partition().leader == leader);
  CHECK(seen_leader() == leader);
  c.run_until([&] { return c.partition().leader != leader && seen_leader() != leader; });
}
