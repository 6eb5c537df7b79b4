// The consumer against a simulated cluster: auto.offset.reset, a poison-pill record and seeking
// past it, and reading from a rack-local follower without passing its high watermark.
#include <catch2/catch.hpp>

#include "tests/client/client_story.h"

using namespace ksim;
using ksim::testing::ClientStory;

namespace {

const kafka::TopicPartition kT0{"t", 0};

std::vector<std::string> consumed_values(const client::Consumer& c) {
  std::vector<std::string> out;
  for (const client::ConsumedRecord& r : c.consumed) out.push_back(r.value.value_or("null"));
  return out;
}

}  // namespace

TEST_CASE("auto.offset.reset: earliest reads what is there, latest only what comes after",
          "[client][consumer]") {
  ClientStory s(R"({"name": "reset", "stop_at_ms": 60000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t"}],
      "producers": [{"name": "producer"}],
      "consumers": [
        {"name": "early", "configs": {"auto.offset.reset": "earliest"}, "start_ms": 2000,
         "assign": [{"topic": "t", "partition": 0}]},
        {"name": "late", "start_ms": 2000, "assign": [{"topic": "t", "partition": 0}]},
        {"name": "strict", "configs": {"auto.offset.reset": "none"}, "start_ms": 2000,
         "assign": [{"topic": "t", "partition": 0}]}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 3},
      {"at_ms": 3000, "action": "send", "producer": "producer", "topic": "t", "count": 2}]})");
  s.run_to_ms(5000);
  CHECK(consumed_values(s.consumer("early")) == std::vector<std::string>{"producer-0", "producer-1",
                                                                         "producer-2", "producer-3",
                                                                         "producer-4"});
  CHECK(consumed_values(s.consumer("late")) ==
        std::vector<std::string>{"producer-3", "producer-4"});
  const client::Consumer& strict = s.consumer("strict");
  CHECK(strict.consumed.empty());
  CHECK(strict.memory.state == client::ConsumerAppState::kFailed);
  CHECK(strict.memory.error ==
        "NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: "
        "[t-0]");
  // Lag is HW - position: nothing left to read.
  CHECK(client::partition_lag(s.consumer("early"), kT0) == 0);
}

TEST_CASE("a record the deserializer cannot read stops the consumer there until it seeks past",
          "[client][consumer]") {
  ClientStory s(R"({"name": "pill", "stop_at_ms": 60000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t"}],
      "producers": [
        {"name": "v1", "configs": {"value.serializer": "integer"}},
        {"name": "v2", "configs": {"value.serializer": "string"}}],
      "consumers": [{"name": "consumer", "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"auto.offset.reset": "earliest", "value.deserializer":
                                 "org.apache.kafka.common.serialization.IntegerDeserializer"}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "v1", "topic": "t", "count": 3},
      {"at_ms": 1100, "action": "send", "producer": "v2", "topic": "t", "value": "hello"},
      {"at_ms": 1200, "action": "send", "producer": "v1", "topic": "t", "count": 2},
      {"at_ms": 5000, "action": "seek", "consumer": "consumer", "topic": "t", "partition": 0,
       "offset": 4}]})");
  s.run_to_ms(4000);
  const client::Consumer& stuck = s.consumer("consumer");
  CHECK(consumed_values(stuck) == std::vector<std::string>{"0", "1", "2"});
  CHECK(stuck.memory.state == client::ConsumerAppState::kFailed);
  CHECK(stuck.memory.assigned.at(kT0).position == 3);  // it stays on the bad record
  CHECK_THAT(stuck.memory.error,
             Catch::StartsWith("RecordDeserializationException: Error deserializing VALUE for "
                               "partition t-0 at offset 3. If needed, please seek past the "
                               "record to continue consumption."));
  CHECK_THAT(stuck.memory.error, Catch::Contains("Size of data received by IntegerDeserializer"));
  s.run_to_ms(8000);
  const client::Consumer& resumed = s.consumer("consumer");
  CHECK(resumed.memory.state != client::ConsumerAppState::kFailed);
  CHECK(consumed_values(resumed) == std::vector<std::string>{"0", "1", "2", "3", "4"});
  CHECK(resumed.memory.assigned.at(kT0).position == 6);
}

TEST_CASE("a consumer reads from the follower in its rack, never past that follower's HW",
          "[client][consumer][kip392]") {
  ClientStory s(R"({"name": "rack", "stop_at_ms": 60000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 3, "racks": ["a", "b", "c"],
      "configs": {"replica.selector.class":
                  "org.apache.kafka.common.replica.RackAwareReplicaSelector"},
      "topics": [{"name": "t", "replication_factor": 3}],
      "producers": [{"name": "producer", "configs": {"acks": 1}}],
      "consumers": [{"name": "consumer", "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"auto.offset.reset": "earliest"}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 4}]})");
  // Once the topic exists, put the consumer (not started yet) in a follower's rack.
  s.run_to_ms(150);
  const int32_t leader = s.broker(1).memory.partitions.at(kT0).leader;
  const int32_t follower = leader == 1 ? 2 : 1;
  std::get<client::Consumer>(s.world().nodes[static_cast<size_t>(s.node("consumer").value)].logic)
      .config.client_rack = std::string(1, static_cast<char>('a' + follower - 1));
  s.run_to_ms(3000);
  const client::Consumer& c = s.consumer("consumer");
  CHECK(c.consumed.size() == 4);
  CHECK(c.memory.assigned.at(kT0).preferred_read_replica == follower);
  // Every consumer fetch after the first went to the follower.
  int to_follower = 0;
  for (size_t i = 0; i < s.trace().size(); ++i) {
    const trace::TraceEntry& e = s.trace().entry(Step{static_cast<int64_t>(i)});
    if (e.kind == trace::EventKind::kDeliver && e.from == s.node("consumer") &&
        e.what == static_cast<uint16_t>(proto::MessageKind::kFetchRequest)) {
      to_follower += e.node == s.node("broker-" + std::to_string(follower));
    }
  }
  CHECK(to_follower > 1);

  // Cut the follower off from the leader: its HW stops while the leader's moves on.
  const std::string leader_name = "broker-" + std::to_string(leader);
  world::World& w = s.world();
  w.schedule(SimTime::from_ms(3000),
             proto::PartitionNetwork{
                 {s.node("broker-" + std::to_string(follower))}, {s.node(leader_name)}, false});
  w.schedule(SimTime::from_ms(3100),
             proto::ProducerSend{s.node("producer"), "t", 5, 0, {}, {}, std::nullopt});
  // After replica.lag.time.max.ms (30 s; checked every 15 s) the leader drops the follower from
  // the ISR and its own HW moves to 9; the consumer still reads the follower it was sent to (for
  // metadata.max.age.ms), which serves only up to its own HW.
  s.run_to_ms(50000);
  const int64_t follower_hw = s.log_of(follower, kT0).high_watermark();
  const int64_t leader_hw = s.log_of(leader, kT0).high_watermark();
  CHECK(follower_hw == 4);
  INFO("leader LEO " << s.log_of(leader, kT0).log_end_offset() << " isr "
                     << s.broker(leader).memory.partitions.at(kT0).isr.size() << " sent "
                     << s.producer("producer").outcomes.size());
  CHECK(leader_hw == 9);
  const client::Consumer& behind = s.consumer("consumer");
  CHECK(behind.consumed.size() == 4);  // nothing beyond the follower's HW
  CHECK(behind.memory.assigned.at(kT0).high_watermark == 4);
}

TEST_CASE("a position deleted by retention falls back to auto.offset.reset", "[client][consumer]") {
  // Small segments and retention.ms=10 s: by the time the consumer starts at 30 s the first
  // records are gone. Its seek to 0 is out of range; earliest moves it to the log start.
  ClientStory s(R"({"name": "gone", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "configs": {"log.retention.check.interval.ms": 1000,
                                         "log.initial.task.delay.ms": 0},
      "topics": [{"name": "t", "configs": {"segment.bytes": 200, "retention.ms": 10000}}],
      "producers": [{"name": "producer"}],
      "consumers": [{"name": "consumer", "start_ms": 30000,
                     "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"auto.offset.reset": "earliest"}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 10},
      {"at_ms": 25000, "action": "send", "producer": "producer", "topic": "t", "count": 2},
      {"at_ms": 30500, "action": "seek", "consumer": "consumer", "topic": "t", "partition": 0,
       "offset": 0}]})");
  s.run_to_ms(33000);
  const int64_t log_start = s.log_of(1, kT0).log_start_offset();
  REQUIRE(log_start > 0);
  const client::Consumer& c = s.consumer("consumer");
  REQUIRE_FALSE(c.consumed.empty());
  CHECK(c.consumed.front().offset == log_start);
  CHECK(c.consumed.back().offset == 11);
}

TEST_CASE("seek to the beginning and to the end", "[client][consumer]") {
  ClientStory s(R"({"name": "seek", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t"}],
      "producers": [{"name": "producer"}],
      "consumers": [{"name": "consumer", "assign": [{"topic": "t", "partition": 0}],
                     "configs": {"auto.offset.reset": "earliest"}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 3},
      {"at_ms": 2000, "action": "seek", "consumer": "consumer", "topic": "t", "partition": 0,
       "offset": "beginning"},
      {"at_ms": 3000, "action": "send", "producer": "producer", "topic": "t", "count": 2},
      {"at_ms": 3500, "action": "seek", "consumer": "consumer", "topic": "t", "partition": 0,
       "offset": "end"},
      {"at_ms": 4000, "action": "send", "producer": "producer", "topic": "t", "count": 1}]})");
  s.run_to_ms(5000);
  std::vector<int64_t> offsets;
  for (const client::ConsumedRecord& r : s.consumer("consumer").consumed) {
    offsets.push_back(r.offset);
  }
  // 0..2, again 0..2 after seekToBeginning, 3..4, then seekToEnd skips nothing new: 5.
  CHECK(offsets == std::vector<int64_t>{0, 1, 2, 0, 1, 2, 3, 4, 5});
}

TEST_CASE("max.poll.records and processing time pace the consumer; lag shows it",
          "[client][consumer]") {
  // 100 records arrive at once; 10 per poll at 100 ms each: a second per poll.
  ClientStory s(R"({"name": "slow", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t"}],
      "producers": [{"name": "producer", "configs": {"linger.ms": 10}}],
      "consumers": [{"name": "consumer", "assign": [{"topic": "t", "partition": 0}],
                     "processing_ms": 100,
                     "configs": {"auto.offset.reset": "earliest", "max.poll.records": 10}}]},
    "timeline": [
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 100}]})");
  s.run_to_ms(3500);
  const client::Consumer& c = s.consumer("consumer");
  CHECK(c.consumed.size() == 30);
  CHECK(client::partition_lag(c, kT0) == 70);
  // Records of one poll share their delivery time; polls are a second apart.
  CHECK(c.consumed[0].at == c.consumed[9].at);
  CHECK(c.consumed[10].at - c.consumed[0].at == SimTime::from_ms(1000));
  s.run_to_ms(12000);
  CHECK(s.consumer("consumer").consumed.size() == 100);
  CHECK(client::partition_lag(s.consumer("consumer"), kT0) == 0);
}
