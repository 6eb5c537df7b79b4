// Replication stories: acks, the ISR, the high watermark, leader failover, truncation and
// unclean election, each told on a small simulated cluster (every wait bounded by steps).
#include <catch2/catch.hpp>

#include "tests/cluster/cluster_fixture.h"

using namespace ksim;
using ksim::kafka::ErrorCode;
using ksim::testing::ClusterStory;

namespace {

bool contains(const std::set<uint64_t>& s, uint64_t x) { return s.count(x) != 0; }

std::vector<int> others(int leader, int brokers) {
  std::vector<int> out;
  for (int b = 1; b <= brokers; ++b) {
    if (b != leader) out.push_back(b);
  }
  return out;
}

}  // namespace

TEST_CASE("acks=all is acknowledged only after the ISR has the records", "[cluster][acks]") {
  // Goal: with RF=3 the leader answers acks=all once the followers fetched the batch, and by
  // then the high watermark covers it on the leader.
  ClusterStory c(3, R"({"min.insync.replicas": 2})", "demo", 1, 3);
  REQUIRE(c.partition().isr.size() == 3);
  c.produce(-1, 3);
  c.run_until([&] { return c.acked() == 1; });
  CHECK(c.outcomes()[0].base_offset == 0);
  CHECK(c.log_of(c.leader()).high_watermark() == 3);
  for (int f : others(c.leader(), 3)) CHECK(c.log_of(f).log_end_offset() == 3);
}

TEST_CASE("an acks=1 record acknowledged by a leader that then dies is lost", "[cluster][acks]") {
  // Goal: the leader acknowledges after its own append; it crashes before any follower fetched;
  // after failover the record is gone, and the old leader truncates it when it returns.
  ClusterStory c(3, "{}", "demo", 1, 3);
  const int old_leader = c.leader();
  for (int f : others(old_leader, 3)) c.cut(old_leader, f);  // followers cannot fetch
  c.produce(1, 1);
  c.run_until([&] { return c.acked() == 1; });
  const uint64_t record = *c.acked_records().begin();
  CHECK(contains(c.records_in(old_leader, false), record));
  c.crash(old_leader);
  c.heal();
  c.run_until([&] { return c.leader() >= 0 && c.leader() != old_leader; });
  const int new_leader = c.leader();
  CHECK(c.partition().leader_epoch == 1);
  CHECK_FALSE(contains(c.records_in(new_leader, false), record));
  c.restart(old_leader);
  c.run_until([&] { return c.truncated(old_leader); });
  c.run_for_ms(2000);
  CHECK_FALSE(contains(c.records_in(old_leader, false), record));
  CHECK(c.log_of(old_leader).log_end_offset() == c.log_of(new_leader).log_end_offset());
}

TEST_CASE("two of three replicas down: acks=all fails with NOT_ENOUGH_REPLICAS, acks=1 works",
          "[cluster][acks]") {
  // Goal: min.insync.replicas=2 rejects acks=all before appending once the ISR is the leader
  // alone; acks=1 is appended and acknowledged, but (Kafka 3.7+) the HW does not move.
  ClusterStory c(3, R"({"min.insync.replicas": 2})", "demo", 1, 3);
  const int leader = c.leader();
  for (int f : others(leader, 3)) c.crash(f);
  c.run_until([&] { return c.broker(leader).memory.partitions.at(c.tp()).isr.size() == 1; });
  const int64_t leo = c.log_of(leader).log_end_offset();
  c.produce(-1, 1);
  c.run_until([&] { return c.outcomes().size() == 1 && c.outcomes()[0].answered; });
  CHECK(c.outcomes()[0].error == ErrorCode::NOT_ENOUGH_REPLICAS);
  CHECK(c.log_of(leader).log_end_offset() == leo);  // nothing was appended
  c.produce(1, 1);
  c.run_until([&] { return c.outcomes().size() == 2 && c.outcomes()[1].answered; });
  CHECK(c.outcomes()[1].error == ErrorCode::NONE);
  CHECK(c.log_of(leader).log_end_offset() == leo + 1);
  CHECK(c.log_of(leader).high_watermark() == leo);  // not visible to consumers
}

TEST_CASE("a cut-off follower leaves the ISR after replica.lag.time.max.ms and rejoins",
          "[cluster][isr]") {
  // Goal: the ISR shrinks only after 30 s without catching up (checked every 15 s); while
  // it is below min.insync.replicas the HW stalls; after heal the follower catches up and
  // rejoins, and the HW moves again.
  ClusterStory c(3, R"({"min.insync.replicas": 3})", "demo", 1, 3);
  const int leader = c.leader();
  const int follower = others(leader, 3)[0];
  c.cut(leader, follower);
  const SimTime cut_at = c.world().now();
  c.produce(1, 1);
  c.run_until([&] { return c.partition().isr.size() == 2; }, 400000);
  const SimTime shrunk_after = c.world().now() - cut_at;
  CHECK(shrunk_after > SimTime::from_ms(30000));
  CHECK(shrunk_after <= SimTime::from_ms(45000 + 100));
  const int64_t hw = c.log_of(leader).high_watermark();
  c.produce(1, 2);
  c.run_until([&] { return c.acked() == 2; });
  c.run_for_ms(1000);
  CHECK(c.log_of(leader).high_watermark() == hw);  // ISR 2 < min.insync.replicas 3
  c.heal();
  c.run_until([&] { return c.partition().isr.size() == 3; });
  c.run_until(
      [&] { return c.log_of(leader).high_watermark() == c.log_of(leader).log_end_offset(); });
  CHECK(c.log_of(leader).high_watermark() == hw + 3);  // all three acks=1 records
}

namespace {

// Leader and follower (RF=2); the follower is cut off until it leaves the ISR while records
// are committed without it; then the leader dies. Returns the ids committed on the leader.
std::set<uint64_t> commit_without_follower(ClusterStory& c, int leader, int follower) {
  c.cut(leader, follower);
  c.produce(1, 2);
  c.run_until([&] { return c.partition().isr.size() == 1; }, 400000);
  c.produce(-1, 2);
  c.run_until([&] { return c.acked() == 2; });
  const std::set<uint64_t> committed = c.records_in(leader, /*below_hw_only=*/true);
  c.crash(leader);
  c.heal();
  c.run_until([&] { return c.controller().memory.image.broker(leader)->fenced; });
  c.run_for_ms(100);
  return committed;
}

}  // namespace

TEST_CASE("without unclean election the partition goes offline when its ISR is gone",
          "[cluster][election]") {
  // Goal: unclean.leader.election.enable=false (the default): the out-of-sync follower does
  // not lead; the partition has no leader and keeps the dead broker in its ISR.
  ClusterStory c(2, "{}", "demo", 1, 2);
  const int leader = c.leader();
  const int follower = others(leader, 2)[0];
  const std::set<uint64_t> committed = commit_without_follower(c, leader, follower);
  CHECK(committed.size() == 4);
  CHECK(c.partition().leader == -1);
  CHECK(c.partition().isr == std::vector<int32_t>{leader});
}

TEST_CASE("with unclean election an out-of-sync replica leads and committed records are lost",
          "[cluster][election]") {
  // Goal: unclean.leader.election.enable=true: the follower that missed committed records
  // becomes leader with ISR = itself, and those records are gone from the partition.
  ClusterStory c(2, "{}", "demo", 1, 2, R"({"unclean.leader.election.enable": true})");
  const int leader = c.leader();
  const int follower = others(leader, 2)[0];
  const std::set<uint64_t> committed = commit_without_follower(c, leader, follower);
  CHECK(c.partition().leader == follower);
  CHECK(c.partition().isr == std::vector<int32_t>{follower});
  const std::set<uint64_t> kept = c.records_in(follower, false);
  int lost = 0;
  for (uint64_t r : committed) lost += contains(kept, r) ? 0 : 1;
  CHECK(lost == 4);
}

TEST_CASE("an isolated leader keeps taking acks=1 writes and truncates them on heal",
          "[cluster][truncation]") {
  // Goal: cut off with one client, the old leader still believes it leads and acknowledges
  // acks=1 writes; the controller elects another leader; after heal the old leader learns the
  // new epoch, its divergent tail is truncated (truncation on fetch) and the writes are gone.
  ClusterStory c(3, "{}", "demo", 1, 3);
  c.produce(-1, 2);
  c.run_until([&] { return c.acked() == 1; });
  const int old_leader = c.leader();
  std::vector<NodeId> rest;
  for (int b : others(old_leader, 3)) rest.push_back(c.broker_node(b));
  rest.push_back(c.controller_node());
  c.act(proto::PartitionNetwork{{c.broker_node(old_leader), c.client_node()}, rest, false});
  c.produce(1, 3);
  c.run_until([&] { return c.acked() == 2; });
  std::set<uint64_t> doomed;
  for (RecordId r : c.outcomes()[1].records) doomed.insert(r.value);
  c.run_until([&] { return c.leader() != old_leader && c.leader() >= 0; });
  c.heal();
  c.run_until([&] { return c.truncated(old_leader); });
  c.run_for_ms(3000);
  for (int b = 1; b <= 3; ++b) {
    for (uint64_t r : doomed) CHECK_FALSE(contains(c.records_in(b, false), r));
    CHECK(c.log_of(b).log_end_offset() == 2);
  }
  CHECK(c.broker(old_leader).memory.partitions.at(c.tp()).leader == c.leader());
}

TEST_CASE("a divergent follower tail is replaced by the leader's records",
          "[cluster][truncation]") {
  // Goal (after AbstractFetcherThreadTest.testDivergingEpochs): the old leader has offsets
  // 2..3 from epoch 0 that no one else has; the new leader (epoch 1) writes other records at
  // offsets 2..4; after rejoining, the old leader's log equals the new leader's, record by
  // record.
  ClusterStory c(3, "{}", "demo", 1, 3);
  c.produce(-1, 2);
  c.run_until([&] { return c.acked() == 1; });
  const int old_leader = c.leader();
  for (int f : others(old_leader, 3)) c.cut(old_leader, f);
  c.produce(1, 2);
  c.run_until([&] { return c.acked() == 2; });
  c.crash(old_leader);
  c.heal();
  c.run_until([&] { return c.leader() >= 0 && c.leader() != old_leader; });
  const int new_leader = c.leader();
  REQUIRE(c.produce_and_wait(-1, 3) == ErrorCode::NONE);
  c.restart(old_leader);
  c.run_until(
      [&] { return c.log_of(old_leader).log_end_offset() == 5 && c.truncated(old_leader); });
  c.run_for_ms(2000);
  CHECK(c.records_in(old_leader, false) == c.records_in(new_leader, false));
  CHECK(c.log_of(old_leader).leader_epoch_cache().latest_epoch() ==
        c.log_of(new_leader).leader_epoch_cache().latest_epoch());
}

TEST_CASE("with replication factor N, N-1 brokers can be lost without losing committed data",
          "[cluster][durability]") {
  // Goal: RF=3: committed records survive the loss of any two brokers, leader included.
  for (int survivor = 1; survivor <= 3; ++survivor) {
    ClusterStory c(3, "{}", "demo", 1, 3);
    c.produce(-1, 5);
    c.run_until([&] { return c.acked() == 1; });
    c.run_for_ms(1000);  // the followers learn the HW too
    const std::set<uint64_t> committed = c.records_in(c.leader(), true);
    REQUIRE(committed.size() == 5);
    for (int b : others(survivor, 3)) c.crash(b);
    c.run_until([&] { return c.leader() == survivor; }, 400000);
    const std::set<uint64_t> kept = c.records_in(survivor, false);
    for (uint64_t r : committed) CHECK(contains(kept, r));
  }
}

TEST_CASE(
    "acks=all with min.insync.replicas=2 loses no acknowledged record when a broker "
    "crashes at any step",
    "[cluster][durability]") {
  // Goal: for every step of a short produce run and every broker, crash that broker at that
  // step; after failover and recovery every acknowledged record is in the leader's log below
  // its high watermark.
  int runs_with_acks = 0;
  int leader_crashes = 0;
  for (int broker = 1; broker <= 3; ++broker) {
    for (int k = 0; k < 40; ++k) {
      ClusterStory c(3, R"({"min.insync.replicas": 2})", "demo", 1, 3);
      const int leader = c.leader();
      c.produce(-1, 2);
      c.produce(-1, 2);
      for (int i = 0; i < k; ++i) world::step(c.world(), nullptr);
      c.crash(broker);
      leader_crashes += broker == leader ? 1 : 0;
      c.run_for_ms(12000);
      c.restart(broker);
      c.run_until(
          [&] {
            return c.leader() >= 0 && c.partition().isr.size() == 3 &&
                   c.log_of(c.leader()).high_watermark() == c.log_of(c.leader()).log_end_offset();
          },
          400000);
      const std::set<uint64_t> committed = c.records_in(c.leader(), true);
      for (uint64_t r : c.acked_records()) CHECK(contains(committed, r));
      runs_with_acks += c.acked() > 0 ? 1 : 0;
    }
  }
  CHECK(runs_with_acks > 40);
  CHECK(leader_crashes >= 40);
}

TEST_CASE("a request to a crashed broker fails at once with NETWORK_EXCEPTION",
          "[cluster][faults]") {
  // Goal: peers see a crashed process's connection drop at once: the client's produce to the
  // dead leader is answered by a ConnectionClosed one link latency later, not after
  // request.timeout.ms; a cut link, by contrast, stays silent until the timeout.
  ClusterStory c(3, "{}", "demo", 1, 3);
  REQUIRE(c.produce_and_wait(-1, 1) == ErrorCode::NONE);
  const int leader = c.leader();
  c.crash(leader);
  c.run_for_ms(1);
  const SimTime sent = c.world().now();
  c.produce(-1, 1);
  c.run_until([&] { return c.outcomes().size() == 2 && c.outcomes().back().answered; });
  CHECK(c.outcomes().back().error == ErrorCode::NETWORK_EXCEPTION);
  CHECK(c.world().now() - sent < SimTime::from_ms(10));
}

TEST_CASE("a follower rejoins the ISR only once it reaches the high watermark", "[cluster][isr]") {
  // Goal (after PartitionTest's ISR expansion cases): an out-of-sync follower catching up one
  // batch per fetch (replica.fetch.max.bytes=1 still returns one whole batch) stays out of the
  // ISR while it is behind the high watermark, and is added once it reaches it.
  ClusterStory c(3, R"({"replica.fetch.max.bytes": 1})", "demo", 1, 3);
  const int leader = c.leader();
  const int follower = others(leader, 3)[0];
  c.cut(leader, follower);
  for (int i = 0; i < 4; ++i) REQUIRE(c.produce_and_wait(1, 50) == ErrorCode::NONE);
  c.run_until([&] { return c.partition().isr.size() == 2; }, 400000);
  c.run_until([&] { return c.log_of(leader).high_watermark() == 200; });
  const int64_t hw = 200;
  const int64_t behind_from = c.log_of(follower).log_end_offset();
  c.heal();
  c.run_until([&] {
    const int64_t leo = c.log_of(follower).log_end_offset();
    return leo > behind_from && leo < hw;
  });
  CHECK(c.partition().isr.size() == 2);  // fetching again, but still behind the HW
  c.run_until([&] { return c.partition().isr.size() == 3; });
  CHECK(c.log_of(follower).log_end_offset() >= hw);
}

TEST_CASE("a caught-up follower that is fenced is not added to the ISR", "[cluster][isr]") {
  // Goal (after PartitionTest.testIsrNotExpandedIfReplicaIsFencedOrShutdown): a follower cut off
  // from the controller is fenced and removed from the ISR; although it keeps fetching and is
  // fully caught up, the leader does not propose it until it is unfenced again.
  ClusterStory c(3, "{}", "demo", 1, 3);
  const int leader = c.leader();
  const int follower = others(leader, 3)[0];
  c.act(proto::PartitionNetwork{{c.broker_node(follower)}, {c.controller_node()}, false});
  c.run_until([&] { return c.partition().isr.size() == 2; });
  REQUIRE(c.controller().memory.image.broker(follower)->fenced);
  REQUIRE(c.produce_and_wait(-1, 3) == ErrorCode::NONE);
  c.run_for_ms(5000);
  CHECK(c.log_of(follower).log_end_offset() == c.log_of(leader).log_end_offset());
  CHECK(c.partition().isr.size() == 2);
  c.heal();
  c.run_until([&] { return c.partition().isr.size() == 3; });
  CHECK_FALSE(c.controller().memory.image.broker(follower)->fenced);
}
