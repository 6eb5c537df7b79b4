// Consumer groups with subscribe(): the seeds' demo, the initial rebalance delay, crashes and
// clean closes, eager against cooperative rebalancing, static membership and max.poll.interval.ms.
#include <catch2/catch.hpp>
#include <set>

#include "engine/cluster/group_coordinator.h"
#include "tests/client/client_story.h"

using namespace ksim;
using ksim::testing::ClientStory;

namespace {

std::vector<int64_t> offsets_of(const client::Consumer& c, int32_t partition) {
  std::vector<int64_t> out;
  for (const client::ConsumedRecord& r : c.consumed) {
    if (r.tp.partition == partition) out.push_back(r.offset);
  }
  return out;
}

std::vector<kafka::TopicPartition> owned(const client::Consumer& c) {
  std::vector<kafka::TopicPartition> out;
  for (const auto& [tp, p] : c.memory.assigned) out.push_back(tp);
  return out;
}

const cluster::GroupState& group(const ClientStory& s, const std::string& id) {
  return s.broker(1).memory.coordinator.groups.at(id);
}

// The seeds' set-up: one broker (offsets topic RF 1), topic demo_1 with 2 partitions, a producer
// sending 1 record every 100 ms from 1 s, keyed so both partitions get records ("a" hashes to
// partition 0, "d" to 1).
std::string demo(const std::string& consumers, const std::string& timeline = "", int count = 100) {
  return R"({"name": "demo", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "configs": {"offsets.topic.replication.factor": 1},
      "topics": [{"name": "demo_1", "partitions": 2}],
      "producers": [{"name": "producer"}],
      "consumers": [)" +
         consumers + R"(]},
    "timeline": [{"at_ms": 1000, "action": "send", "producer": "producer", "topic": "demo_1",
                  "count": )" +
         std::to_string(count) + R"(, "every_ms": 100, "keys": ["a", "d"]})" + timeline + "]}";
}

std::string consumer(const std::string& name, const std::string& group, int start_ms = 200,
                     const std::string& extra_configs = "") {
  return R"({"name": ")" + name + R"(", "start_ms": )" + std::to_string(start_ms) +
         R"(, "subscribe": ["demo_1"], "configs": {"group.id": ")" + group +
         R"(", "auto.offset.reset": "earliest")" + extra_configs + "}}";
}

}  // namespace

TEST_CASE("the seeds' demo: groups read demo_1 independently, a third consumer stays idle",
          "[client][group]") {
  // demo.1: one consumer, killed at 6 s and restarted at 8 s; its old member is only removed
  // when its session (45 s) runs out, so the restarted one starts reading at about 51 s.
  // demo.2: one consumer from the start, a second at 14 s, a third at 20 s.
  ClientStory s(demo(consumer("one", "demo.1") + "," + consumer("a", "demo.2") + "," +
                         consumer("b", "demo.2", 14000) + "," + consumer("c", "demo.2", 20000),
                     R"(,
      {"at_ms": 6000, "action": "crash", "node": "one"},
      {"at_ms": 8000, "action": "restart", "node": "one"})"));
  s.run_to_ms(13000);
  const client::Consumer& a = s.consumer("a");
  CHECK(owned(a).size() == 2);  // alone in demo.2: both partitions
  s.run_to_ms(70000);
  // demo.1 read each partition in order; after its restart it resumed at the committed offset,
  // at or before where it had stopped (records read after the last commit come again), and read
  // on to the end.
  const client::Consumer& one = s.consumer("one");
  for (int32_t p : {0, 1}) {
    const std::vector<int64_t> got = offsets_of(one, p);
    REQUIRE_FALSE(got.empty());
    std::vector<std::pair<int64_t, int64_t>> runs;  // [first, last] of consecutive offsets
    for (int64_t o : got) {
      if (!runs.empty() && o == runs.back().second + 1) {
        runs.back().second = o;
      } else {
        runs.push_back({o, o});
      }
    }
    const int64_t hw = s.log_of(1, kafka::TopicPartition{"demo_1", p}).high_watermark();
    REQUIRE(runs.size() == 2);  // before the crash, after the restart
    CHECK(runs[0].first == 0);
    CHECK(runs[1].first <= runs[0].second + 1);
    CHECK(runs[1].second == hw - 1);
  }
  // demo.2 read everything from the start too, independently of demo.1.
  std::set<std::pair<int32_t, int64_t>> demo2;
  for (const std::string name : {"a", "b", "c"}) {
    for (const client::ConsumedRecord& r : s.consumer(name).consumed) {
      demo2.insert({r.tp.partition, r.offset});
    }
  }
  CHECK(demo2.size() == 100);
  // Three members, two partitions: one member holds nothing.
  int idle = 0;
  int holding = 0;
  for (const std::string name : {"a", "b", "c"}) {
    (owned(s.consumer(name)).empty() ? idle : holding) += 1;
  }
  CHECK(idle == 1);
  CHECK(holding == 2);
  const cluster::GroupState& g = group(s, "demo.2");
  CHECK(g.phase == cluster::GroupPhase::kStable);
  CHECK(g.members.size() == 3);
  CHECK(g.protocol_name == "range");  // the default [range, cooperative-sticky] votes range
}

TEST_CASE("the first rebalance waits group.initial.rebalance.delay.ms, more per wave",
          "[client][group]") {
  // GroupMetadataManagerTest's initial-delay cases: a member at 1.2 s starts a 3 s wait; a
  // second joining at 2.2 s extends it by another 3 s; the join completes at 7.2 s with both.
  ClientStory s(demo(consumer("a", "g", 200) + "," + consumer("b", "g", 2200), "", 1));
  s.run_to_ms(4300);
  CHECK(group(s, "g").phase == cluster::GroupPhase::kPreparingRebalance);
  CHECK(group(s, "g").generation == 0);
  s.run_to_ms(7100);
  CHECK(group(s, "g").phase == cluster::GroupPhase::kPreparingRebalance);
  s.run_to_ms(7300);
  CHECK(group(s, "g").generation == 1);
  CHECK(group(s, "g").members.size() == 2);
  CHECK(s.consumer("a").assignments.size() == 1);
  CHECK(s.consumer("b").assignments.size() == 1);
}

TEST_CASE("the initial delay is bounded by the rebalance timeout", "[client][group]") {
  // GroupMetadataManagerTest (initial delay with max.poll.interval.ms 5 s): after the first 3 s
  // only min(3 s, 5 s - 3 s) = 2 s remain for a second wave, so the join completes at 6.2 s
  // with everyone who came by then; a third wave (c, joining during the second) does not
  // extend it to 9.2 s as it would with a longer rebalance timeout.
  const std::string cfg = R"(, "max.poll.interval.ms": 5000)";
  ClientStory s(demo(consumer("a", "g", 200, cfg) + "," + consumer("b", "g", 2200, cfg) + "," +
                         consumer("c", "g", 4500, cfg),
                     "", 1));
  s.run_to_ms(6100);
  CHECK(group(s, "g").generation == 0);
  s.run_to_ms(6300);
  CHECK(group(s, "g").generation == 1);
  CHECK(group(s, "g").members.size() == 3);
  CHECK(s.consumer("c").assignments.size() == 1);
}

TEST_CASE("a crashed member's partitions move after session.timeout.ms; a closed one's at once",
          "[client][group]") {
  const std::string cfg = R"(, "session.timeout.ms": 10000)";
  SECTION("crash") {
    ClientStory s(demo(consumer("a", "g", 200, cfg) + "," + consumer("b", "g", 200, cfg), R"(,
        {"at_ms": 8000, "action": "crash", "node": "b"})"));
    s.run_to_ms(8000);
    REQUIRE(owned(s.consumer("a")).size() == 1);
    s.run_to_ms(15000);
    CHECK(owned(s.consumer("a")).size() == 1);  // b's session has not run out yet
    s.run_to_ms(22000);
    CHECK(owned(s.consumer("a")).size() == 2);
    CHECK(group(s, "g").members.size() == 1);
  }
  SECTION("close") {
    ClientStory s(demo(consumer("a", "g", 200, cfg) + "," + consumer("b", "g", 200, cfg), R"(,
        {"at_ms": 8000, "action": "close", "client": "b"})"));
    s.run_to_ms(8000);
    REQUIRE(owned(s.consumer("a")).size() == 1);
    // LeaveGroup: the rebalance starts at once; a joins again at its next heartbeat (3 s).
    s.run_to_ms(11500);
    CHECK(owned(s.consumer("a")).size() == 2);
  }
}

TEST_CASE(
    "cooperative-sticky keeps unaffected partitions consuming through a rebalance; eager "
    "does not",
    "[client][group]") {
  auto story = [](const std::string& strategy) {
    const std::string cfg = R"(, "partition.assignment.strategy": ")" + strategy + "\"";
    return demo(consumer("a", "g", 200, cfg) + "," + consumer("b", "g", 10000, cfg), "", 300);
  };
  // While b joins, does a keep the partition it will keep?
  for (const std::string strategy : {"range", "cooperative-sticky"}) {
    ClientStory s(story(strategy));
    s.run_to_ms(9900);
    const client::Consumer& a = s.consumer("a");
    REQUIRE(owned(a).size() == 2);
    // Sample a's ownership during b's join (10 s to 15 s).
    bool ever_empty = false;
    for (int64_t t = 10000; t <= 15000; t += 10) {
      s.run_to_ms(t);
      ever_empty = ever_empty || owned(s.consumer("a")).empty();
    }
    s.run_to_ms(20000);
    CHECK(owned(s.consumer("a")).size() == 1);
    CHECK(owned(s.consumer("b")).size() == 1);
    if (strategy == "range") {
      CHECK(ever_empty);  // eager: a revoked everything before rejoining
      CHECK(s.consumer("a").assignments.size() == 2);
    } else {
      CHECK_FALSE(ever_empty);  // cooperative: a kept one partition throughout
      // Two rounds: the first takes a partition from a, the follow-up gives it to b.
      CHECK(group(s, "g").generation == 3);
      CHECK(s.consumer("a").assignments.size() == 3);
    }
  }
}

TEST_CASE(
    "a static member restarting within session.timeout.ms keeps its partitions without "
    "a rebalance",
    "[client][group]") {
  const std::string cfg = R"(, "session.timeout.ms": 20000)";
  ClientStory s(demo(consumer("a", "g", 200, cfg + R"(, "group.instance.id": "a-1")") + "," +
                         consumer("b", "g", 200, cfg + R"(, "group.instance.id": "b-1")"),
                     R"(,
      {"at_ms": 8000, "action": "crash", "node": "b"},
      {"at_ms": 10000, "action": "restart", "node": "b"})"));
  s.run_to_ms(7900);
  const int32_t generation = group(s, "g").generation;
  const std::vector<kafka::TopicPartition> b_before = owned(s.consumer("b"));
  REQUIRE(b_before.size() == 1);
  s.run_to_ms(16000);
  CHECK(group(s, "g").generation == generation);  // no rebalance
  CHECK(owned(s.consumer("b")) == b_before);
  CHECK(owned(s.consumer("a")).size() == 1);
  // Its new member id starts with the instance id.
  const auto& members = group(s, "g").members;
  CHECK(std::any_of(members.begin(), members.end(), [](const cluster::GroupMember& m) {
    return m.member_id.rfind("b-1-", 0) == 0;
  }));
}

TEST_CASE("a consumer slower than max.poll.interval.ms is put out of the group",
          "[client][group]") {
  // 500 records per poll at 20 ms each: 10 s between polls, beyond max.poll.interval.ms (6 s).
  ClientStory s(R"({"name": "slow", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "configs": {"offsets.topic.replication.factor": 1},
      "topics": [{"name": "t"}],
      "producers": [{"name": "producer"}],
      "consumers": [
        {"name": "slow", "subscribe": ["t"], "processing_ms": 20,
         "configs": {"group.id": "g", "auto.offset.reset": "earliest",
                     "max.poll.interval.ms": 6000, "session.timeout.ms": 10000}},
        {"name": "fast", "subscribe": ["t"], "start_ms": 20000,
         "configs": {"group.id": "g", "auto.offset.reset": "earliest"}}]},
    "timeline": [{"at_ms": 500, "action": "send", "producer": "producer", "topic": "t",
                  "count": 2000}]})");
  s.run_to_ms(15000);
  const client::Consumer& slow = s.consumer("slow");
  REQUIRE_FALSE(slow.errors.empty());
  CHECK_THAT(slow.errors.front(), Catch::Contains("max.poll.interval.ms"));
  // Its heartbeat thread sent LeaveGroup; the group rebalanced without it.
  int leaves = 0;
  for (size_t i = 0; i < s.trace().size(); ++i) {
    const trace::TraceEntry& e = s.trace().entry(Step{static_cast<int64_t>(i)});
    leaves += e.kind == trace::EventKind::kDeliver && e.from == s.node("slow") &&
              e.what == static_cast<uint16_t>(proto::MessageKind::kLeaveGroupRequest);
  }
  CHECK(leaves == 1);
  CHECK(group(s, "g").generation >= 2);
}
