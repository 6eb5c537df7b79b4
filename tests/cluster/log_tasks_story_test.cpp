// The partition log's background work on a running broker: retention checked every
// log.retention.check.interval.ms of simulated time and the log cleaner for compacted topics,
// on leaders and followers alike, with the trace showing what went.
#include <catch2/catch.hpp>

#include "tests/cluster/cluster_fixture.h"

using namespace ksim;
using ksim::testing::ClusterStory;

namespace {

bool trace_has(const trace::Trace& t, trace::Field field, int32_t node) {
  for (size_t i = 0; i < t.size(); ++i) {
    for (const trace::StateChange& c : t.changes(Step{static_cast<int64_t>(i)})) {
      if (c.field == field && c.entity.node == node) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("retention.ms deletes old segments on every replica at the next check",
          "[cluster][retention]") {
  // Goal: with segment.bytes small enough for one batch per segment and retention.ms=60000,
  // nothing goes before the records are 60 s old and a check runs (every 10 s here); then
  // every replica deletes the old segments (the active one too, after a roll) and the log
  // start offset moves to the LEO.
  ClusterStory c(2, R"({"log.retention.check.interval.ms": 10000, "log.initial.task.delay.ms": 0})",
                 "events", 1, 2, R"({"retention.ms": 60000, "segment.bytes": 100})");
  for (int i = 0; i < 3; ++i) {
    REQUIRE(c.produce_and_wait(-1, 1) == kafka::ErrorCode::NONE);
  }
  c.run_for_ms(1000);
  const int leader = c.leader();
  const int follower = leader == 1 ? 2 : 1;
  REQUIRE(c.log_of(leader).segment_count() >= 3);
  c.run_for_ms(50000);
  CHECK(c.log_of(leader).log_start_offset() == 0);
  c.run_for_ms(20000);
  for (int b : {leader, follower}) {
    CHECK(c.log_of(b).log_start_offset() == 3);
    CHECK(c.log_of(b).segment_count() == 1);
    CHECK(trace_has(c.trace(), trace::Field::kSegmentsDeleted, c.broker_node(b).value));
  }
}

TEST_CASE("the cleaner compacts a compacted topic on a running broker", "[cluster][compaction]") {
  // Goal: cleanup.policy=compact: after enough overwrites of one key, the cleaner (backing off
  // 15 s between runs) keeps only the latest record of the key below the active segment, and
  // the trace shows the cleaner checkpoint moving.
  ClusterStory c(1, "{}", "compacted", 1, 1,
                 R"({"cleanup.policy": "compact", "segment.bytes": 100})");
  for (int i = 0; i < 6; ++i) {
    c.act(proto::ClientProduce{c.client_node(), c.tp(), -1, 1, std::string("k")});
    c.run_until([&] { return c.acked() == i + 1; });
  }
  const size_t before = c.records_in(1, false).size();
  REQUIRE(before == 6);
  c.run_for_ms(40000);
  const size_t after = c.records_in(1, false).size();
  CHECK(after < before);
  CHECK(c.log_of(1).cleaner_checkpoint().has_value());
  CHECK(c.log_of(1).log_end_offset() == 6);  // offsets are kept: compaction leaves gaps
  CHECK(trace_has(c.trace(), trace::Field::kCleanerCheckpoint, c.broker_node(1).value));
}
