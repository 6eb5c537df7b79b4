// Committed offsets through the group coordinator: __consumer_offsets created on first use (or
// not, with too few brokers), auto-commit and its at-least-once redelivery, restarts resuming
// at the committed offset, committed offsets winning over auto.offset.reset, coordinator
// failover, and offsets.retention.minutes.
#include <catch2/catch.hpp>

#include "engine/cluster/group_coordinator.h"
#include "tests/client/client_story.h"

using namespace ksim;
using ksim::testing::ClientStory;

namespace {

const kafka::TopicPartition kT0{"t", 0};

std::vector<int64_t> consumed_offsets(const client::Consumer& c) {
  std::vector<int64_t> out;
  for (const client::ConsumedRecord& r : c.consumed) out.push_back(r.offset);
  return out;
}

std::vector<int64_t> range(int64_t from, int64_t to) {
  std::vector<int64_t> out;
  for (int64_t i = from; i < to; ++i) out.push_back(i);
  return out;
}

// One broker (offsets topic with RF 1, as the seeds' docker set-up), topic t, a producer and a
// consumer of t-0 in group g with `consumer_configs`, and `timeline`.
std::string one_broker_story(const std::string& consumer_configs, const std::string& timeline,
                             const std::string& broker_configs = "") {
  return R"({"name": "g", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "configs": {"offsets.topic.replication.factor": 1)" +
         broker_configs + R"(},
      "topics": [{"name": "t"}],
      "producers": [{"name": "producer"}],
      "consumers": [{"name": "consumer", "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"group.id": "g", )" +
         consumer_configs + R"(}}]},
    "timeline": [)" +
         timeline + "]}";
}

}  // namespace

TEST_CASE("a restarted consumer resumes at its group's committed offset", "[client][group]") {
  ClientStory s(one_broker_story(R"("auto.offset.reset": "earliest")", R"(
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 10},
      {"at_ms": 8000, "action": "crash", "node": "consumer"},
      {"at_ms": 9000, "action": "send", "producer": "producer", "topic": "t", "count": 4},
      {"at_ms": 10000, "action": "restart", "node": "consumer"})"));
  s.run_to_ms(7000);
  // Auto-commit (every 5 s, from inside poll) committed position 10.
  const client::Consumer& before = s.consumer("consumer");
  REQUIRE_FALSE(before.commit_log.empty());
  CHECK(before.commit_log.back().offsets.at(kT0) == 10);
  CHECK(before.commit_log.back().automatic);
  CHECK(before.commit_log.back().error.empty());
  s.run_to_ms(12000);
  CHECK(consumed_offsets(s.consumer("consumer")) == range(0, 14));  // nothing read twice
  // The coordinator's cache and the log agree.
  const cluster::Broker& b = s.broker(1);
  CHECK(b.memory.coordinator.groups.at("g").offsets.at(kT0).offset == 10);
}

TEST_CASE("auto-commit then crash redelivers what was read since the last commit",
          "[client][group]") {
  // Records arrive every 100 ms from 1 s; auto-commit runs at 5.2 s and 10.2 s (the consumer
  // started at 200 ms); the crash at 7 s comes after records 0..59 were read but only 0..41
  // committed.
  ClientStory s(one_broker_story(R"("auto.offset.reset": "earliest")", R"(
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 60,
       "every_ms": 100},
      {"at_ms": 7000, "action": "crash", "node": "consumer"},
      {"at_ms": 8000, "action": "restart", "node": "consumer"})"));
  s.run_to_ms(6990);
  const client::Consumer& before = s.consumer("consumer");
  REQUIRE(before.commit_log.size() == 1);
  const int64_t committed = before.commit_log.back().offsets.at(kT0);
  CHECK(committed == 42);
  CHECK(before.consumed.size() == 60);
  s.run_to_ms(9000);
  const client::Consumer& after = s.consumer("consumer");
  // At least once: 42..59 came twice.
  std::vector<int64_t> expected = range(0, 60);
  for (int64_t o : range(committed, 60)) expected.push_back(o);
  CHECK(consumed_offsets(after) == expected);
}

TEST_CASE("committed offsets win over auto.offset.reset", "[client][group]") {
  // The seeds' note: --from-beginning (earliest) only matters for a group without offsets.
  ClientStory s(one_broker_story(R"("auto.offset.reset": "latest", "enable.auto.commit": false)",
                                 R"(
      {"at_ms": 500, "action": "seek", "consumer": "consumer", "topic": "t", "partition": 0,
       "offset": 0},
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 5},
      {"at_ms": 2000, "action": "commit", "consumer": "consumer", "sync": true},
      {"at_ms": 3000, "action": "crash", "node": "consumer"},
      {"at_ms": 4000, "action": "send", "producer": "producer", "topic": "t", "count": 3},
      {"at_ms": 5000, "action": "restart", "node": "consumer"})"));
  s.run_to_ms(6000);
  const client::Consumer& c = s.consumer("consumer");
  REQUIRE(c.commit_log.size() == 1);
  CHECK(c.commit_log[0].sync);
  CHECK_FALSE(c.commit_log[0].automatic);
  CHECK(c.commit_log[0].offsets.at(kT0) == 5);
  // Restarted with latest, it still reads 5..7, written while it was down.
  CHECK(consumed_offsets(c) == range(0, 8));
}

TEST_CASE(
    "__consumer_offsets is not created while fewer brokers than its replication factor "
    "are alive",
    "[client][group]") {
  // Kafka's default offsets.topic.replication.factor=3 on a one-broker cluster.
  ClientStory s(R"({"name": "g", "stop_at_ms": 100000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t"}],
      "consumers": [{"name": "consumer", "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"group.id": "g"}}]}})");
  s.run_to_ms(5000);
  const cluster::Controller& ctl = s.logic<cluster::Controller>("controller");
  CHECK(ctl.memory.image.topic(cluster::kOffsetsTopic) == nullptr);
  const client::Consumer& c = s.consumer("consumer");
  CHECK(c.memory.coordinator == -1);
  CHECK_FALSE(c.memory.assigned.at(kT0).position.has_value());  // it cannot start
  int not_available = 0;
  for (size_t i = 0; i < s.trace().size(); ++i) {
    const trace::TraceEntry& e = s.trace().entry(Step{static_cast<int64_t>(i)});
    not_available +=
        e.what == static_cast<uint16_t>(proto::MessageKind::kFindCoordinatorResponse) &&
        e.error == static_cast<int16_t>(kafka::ErrorCode::COORDINATOR_NOT_AVAILABLE);
  }
  CHECK(not_available > 10);
}

TEST_CASE("after the coordinator crashes, the new one loads the group from __consumer_offsets",
          "[client][group]") {
  ClientStory s(R"({"name": "failover", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 3, "configs": {"offsets.topic.num.partitions": 3},
      "topics": [{"name": "t", "replication_factor": 3}],
      "producers": [{"name": "producer"}],
      "consumers": [{"name": "consumer", "bootstrap": ["broker-1", "broker-2", "broker-3"],
                     "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"group.id": "g", "auto.offset.reset": "earliest"}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 10},
      {"at_ms": 7000, "action": "crash", "node": "consumer"}]})");
  s.run_to_ms(7500);
  const client::Consumer& c = s.consumer("consumer");
  REQUIRE(c.commit_log.size() == 1);
  CHECK(c.commit_log[0].offsets.at(kT0) == 10);
  // The consumer crashed (and forgot); the coordinator is the broker that holds the group.
  int32_t old_coordinator = -1;
  for (int id = 1; id <= 3; ++id) {
    if (s.broker(id).memory.coordinator.groups.count("g") != 0) old_coordinator = id;
  }
  REQUIRE(old_coordinator >= 1);
  world::World& w = s.world();
  w.schedule(SimTime::from_ms(8000),
             proto::CrashNode{s.node("broker-" + std::to_string(old_coordinator))});
  // broker.session.timeout.ms (9 s) later the controller moves the partition's leadership.
  w.schedule(SimTime::from_ms(9000),
             proto::ProducerSend{s.node("producer"), "t", 3, 0, {}, {}, std::nullopt});
  w.schedule(SimTime::from_ms(20000), proto::RestartNode{s.node("consumer")});
  s.run_to_ms(30000);
  const client::Consumer& after = s.consumer("consumer");
  CHECK(after.memory.coordinator != old_coordinator);
  CHECK(after.memory.coordinator >= 1);
  // It resumed at 10, from the offsets the new coordinator loaded.
  CHECK(consumed_offsets(after) == range(0, 13));
  const cluster::Broker& coordinator = s.broker(after.memory.coordinator);
  CHECK(coordinator.memory.coordinator.groups.at("g").offsets.at(kT0).offset >= 10);
}

TEST_CASE("offsets of an empty group expire after offsets.retention.minutes", "[client][group]") {
  ClientStory s(one_broker_story(R"("auto.offset.reset": "latest")", R"(
      {"at_ms": 500, "action": "seek", "consumer": "consumer", "topic": "t", "partition": 0,
       "offset": 0},
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 5},
      {"at_ms": 6000, "action": "crash", "node": "consumer"},
      {"at_ms": 100000, "action": "send", "producer": "producer", "topic": "t", "count": 2},
      {"at_ms": 200000, "action": "restart", "node": "consumer"},
      {"at_ms": 210000, "action": "send", "producer": "producer", "topic": "t", "count": 1})",
                                 R"(, "offsets.retention.minutes": 1,
      "offsets.retention.check.interval.ms": 10000)"));
  s.run_to_ms(7000);
  CHECK(s.broker(1).memory.coordinator.groups.at("g").offsets.count(kT0) == 1);
  s.run_to_ms(90000);
  // Expired: with no members and no offsets left the group is Dead and forgotten.
  CHECK(s.broker(1).memory.coordinator.groups.count("g") == 0);
  s.run_to_ms(220000);
  // No committed offset any more: latest, so the two records sent while it was down are
  // skipped and only the one after its restart is read.
  CHECK(consumed_offsets(s.consumer("consumer")) == std::vector<int64_t>{0, 1, 2, 3, 4, 7});
}

TEST_CASE("kafka-consumer-groups --reset-offsets: refused while active, a dry run, then executed",
          "[client][group][reset]") {
  ClientStory s(R"({"name": "reset", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "configs": {"offsets.topic.replication.factor": 1},
      "topics": [{"name": "t", "partitions": 2}],
      "producers": [{"name": "producer"}],
      "consumers": [{"name": "consumer", "subscribe": ["t"],
                     "configs": {"group.id": "g", "auto.offset.reset": "earliest"}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 10,
       "keys": ["a", "d"]},
      {"at_ms": 8000, "action": "reset_offsets", "group": "g", "topic": "t", "to": "earliest",
       "execute": true},
      {"at_ms": 9000, "action": "close", "client": "consumer"},
      {"at_ms": 10000, "action": "reset_offsets", "group": "g", "topic": "t", "shift_by": -2},
      {"at_ms": 11000, "action": "reset_offsets", "group": "g", "topic": "t", "to_offset": 3,
       "execute": true},
      {"at_ms": 12000, "action": "restart", "node": "consumer"}]})");
  s.run_to_ms(8500);
  const auto& out = s.broker(1).memory.coordinator.reset_outcomes;
  REQUIRE(out.size() == 1);
  CHECK(out[0].refused);
  CHECK(out[0].error ==
        "Assignments can only be reset if the group 'g' is inactive, but the current "
        "state is Stable.");
  s.run_to_ms(10500);
  // The dry run plans offsets (5 records per partition, committed 5: shifted to 3) and
  // changes nothing.
  const cluster::GroupState& g = s.broker(1).memory.coordinator.groups.at("g");
  REQUIRE(out.size() == 2);
  CHECK(out[1].error.empty());
  CHECK_FALSE(out[1].execute);
  REQUIRE(out[1].plan.size() == 2);
  CHECK(out[1].plan[0].tp == kafka::TopicPartition{"t", 0});
  CHECK(out[1].plan[0].committed_offset == 3);
  CHECK(out[1].plan[1].committed_offset == 3);
  CHECK(g.offsets.at(kafka::TopicPartition{"t", 0}).offset == 5);
  s.run_to_ms(11500);
  CHECK(s.broker(1).memory.coordinator.groups.at("g").offsets.at({"t", 0}).offset == 3);
  CHECK(s.broker(1).memory.coordinator.groups.at("g").offsets.at({"t", 1}).offset == 3);
  // Restarted, the consumer re-reads from offset 3 of both partitions.
  s.run_to_ms(20000);
  const client::Consumer& c = s.consumer("consumer");
  int64_t reread = 0;
  for (size_t i = 10; i < c.consumed.size(); ++i) reread += c.consumed[i].offset >= 3 ? 1 : 0;
  CHECK(c.consumed.size() == 14);
  CHECK(reread == 4);
}
