// The producer against a simulated cluster: idempotence under a lost ProduceResponse, Kafka's
// configuration coupling, bootstrapping past a dead broker, and giving up when none answers.
#include <catch2/catch.hpp>
#include <set>

#include "engine/client/client_config.h"
#include "engine/client/murmur2.h"
#include "tests/client/client_story.h"
#include "tests/support/generated_doc.h"

using namespace ksim;
using ksim::testing::ClientStory;

namespace {

// One broker, topic t with one partition, a producer with `configs`. At 1000 ms it sends one
// record; at the same moment the link from the broker back to the producer is cut, so the
// ProduceResponse is lost; the cut heals at 1500 ms and request.timeout.ms (1000) makes the
// producer send the batch again.
std::string lost_response_story(const std::string& configs) {
  return R"({"name": "lost", "stop_at_ms": 20000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t"}],
      "producers": [{"name": "producer", "configs": )" +
         configs + R"(}]},
    "timeline": [
      {"at_ms": 1000, "action": "partition", "sides": [["broker-1"], ["producer"]], "one_way": true},
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "value": "v"},
      {"at_ms": 1500, "action": "heal"}]})";
}

const kafka::TopicPartition kT0{"t", 0};

}  // namespace

TEST_CASE("an idempotent producer's retry after a lost response is not written twice",
          "[client][producer]") {
  ClientStory s(lost_response_story(R"({"request.timeout.ms": 1000})"));
  s.run_to_ms(10000);
  const client::Producer& p = s.producer("producer");
  CHECK(p.config.enable_idempotence);
  REQUIRE(p.outcomes.size() == 1);
  CHECK(p.outcomes[0].status == client::SendOutcome::Status::kAcked);
  CHECK(p.outcomes[0].offset == 0);  // the first write's offset, reported for the retry
  CHECK(s.values(1, kT0) == std::vector<std::string>{"v"});
  // The broker saw the batch twice: both Produce requests reached it.
  int produces = 0;
  for (size_t i = 0; i < s.trace().size(); ++i) {
    const trace::TraceEntry& e = s.trace().entry(Step{static_cast<int64_t>(i)});
    produces += e.what == static_cast<uint16_t>(proto::MessageKind::kProduceRequest) &&
                e.kind == trace::EventKind::kDeliver;
  }
  CHECK(produces == 2);
}

TEST_CASE("without idempotence the same lost response duplicates the record",
          "[client][producer]") {
  ClientStory s(
      lost_response_story(R"({"request.timeout.ms": 1000, "enable.idempotence": false})"));
  s.run_to_ms(10000);
  const client::Producer& p = s.producer("producer");
  CHECK_FALSE(p.config.enable_idempotence);
  REQUIRE(p.outcomes.size() == 1);
  CHECK(p.outcomes[0].status == client::SendOutcome::Status::kAcked);
  CHECK(p.outcomes[0].offset == 1);  // the retry's own offset
  CHECK(s.values(1, kT0) == std::vector<std::string>{"v", "v"});
}

TEST_CASE("enable.idempotence=true with acks=1 is refused as Kafka refuses it",
          "[client][producer][config]") {
  std::vector<client::ClientConfigProblem> problems;
  client::parse_producer_config({{"acks", "1"}, {"enable.idempotence", "true"}}, problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].key == "enable.idempotence");
  CHECK_THAT(problems[0].message,
             Catch::Contains("Must set acks to all in order to use the idempotent producer"));

  // Not asked for: quietly off with acks=1, on with the default acks=all.
  problems.clear();
  CHECK_FALSE(client::parse_producer_config({{"acks", "1"}}, problems).enable_idempotence);
  CHECK(client::parse_producer_config({}, problems).enable_idempotence);
  CHECK_FALSE(
      client::parse_producer_config({{"max.in.flight.requests.per.connection", "6"}}, problems)
          .enable_idempotence);
  CHECK(problems.empty());

  // The loader reports it with the file, the pointer and Kafka's words.
  const scenario::LoadResult r = scenario::load_text(
      R"({"name": "x", "cluster": {"brokers": 1, "producers": [{"name": "p",
          "configs": {"acks": 1, "enable.idempotence": true}}]}})",
      "bad.json");
  REQUIRE(r.problems.size() == 1);
  CHECK_THAT(scenario::to_string(r.problems[0]),
             Catch::StartsWith("bad.json: /cluster/producers/0/configs/enable.idempotence:"));
}

TEST_CASE("unknown or invalid client configs are errors with a hint", "[client][config]") {
  std::vector<client::ClientConfigProblem> problems;
  client::parse_producer_config({{"linger.ms", "-1"}, {"lingr.ms", "5"}, {"acks", "2"}}, problems);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].message == "acks must be all, -1, 0 or 1, not \"2\"");
  CHECK(problems[1].message == "linger.ms must be an integer >= 0, not \"-1\"");
  CHECK(problems[2].message ==
        "unknown producer config \"lingr.ms\" (did you mean \"linger.ms\"?)");
  problems.clear();
  client::parse_consumer_config({{"auto.offset.reset", "smallest"}}, problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message ==
        "auto.offset.reset must be earliest, latest or none, not \"smallest\"");
}

TEST_CASE("a producer bootstraps past a dead first bootstrap broker", "[client][producer]") {
  ClientStory s(R"({"name": "boot", "stop_at_ms": 60000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 2, "topics": [{"name": "t", "replication_factor": 2}],
      "producers": [{"name": "producer", "bootstrap": ["broker-1", "broker-2"],
                     "start_ms": 500}]},
    "timeline": [
      {"at_ms": 400, "action": "crash", "node": "broker-1"},
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 3}]})");
  s.run_to_ms(40000);
  const client::Producer& p = s.producer("producer");
  // The refused connection moved it to broker-2 at once; the first answer came from there.
  CHECK(p.memory.metadata.failed_attempts == 0);
  CHECK(p.memory.metadata.ever_answered);
  const client::SendCounts n = client::count_outcomes(p);
  CHECK(n.acked == 3);
  CHECK(n.failed == 0);
}

TEST_CASE("with every bootstrap broker down, send fails after max.block.ms", "[client][producer]") {
  ClientStory s(R"({"name": "down", "stop_at_ms": 60000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 2, "topics": [{"name": "t"}],
      "producers": [{"name": "producer", "bootstrap": ["broker-1", "broker-2"], "start_ms": 500,
                     "configs": {"max.block.ms": 5000}}]},
    "timeline": [
      {"at_ms": 400, "action": "crash", "node": "broker-1"},
      {"at_ms": 400, "action": "crash", "node": "broker-2"},
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t"}]})");
  s.run_to_ms(7000);
  const client::Producer& p = s.producer("producer");
  REQUIRE(p.outcomes.size() == 1);
  CHECK(p.outcomes[0].status == client::SendOutcome::Status::kFailed);
  CHECK(p.outcomes[0].error == "TimeoutException: Topic t not present in metadata after 5000 ms.");
  CHECK(p.outcomes[0].done_at == SimTime::from_ms(6000));
  CHECK(p.memory.metadata.failed_attempts > 2);  // it kept trying both, in turn
}

TEST_CASE("keyed records go to murmur2(key) % partitions through the whole stack",
          "[client][producer]") {
  ClientStory s(R"({"name": "keys", "stop_at_ms": 60000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t", "partitions": 3}],
      "producers": [{"name": "producer"}]},
    "timeline": [{"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t",
                  "count": 6, "keys": ["key", "a", "b"]}]})");
  s.run_to_ms(3000);
  const client::Producer& p = s.producer("producer");
  REQUIRE(p.outcomes.size() == 6);
  // Kafka: "key" -> 0 of 3 partitions... computed by partition_for_key, checked in murmur2_test.
  for (const client::SendOutcome& o : p.outcomes) {
    CHECK(o.status == client::SendOutcome::Status::kAcked);
    CHECK(o.tp.partition == client::partition_for_key(*o.key, 3));
  }
  CHECK(p.outcomes[0].tp.partition == p.outcomes[3].tp.partition);
}

TEST_CASE("docs/client-configs.md matches the tables", "[client][docs]") {
  // Goal: the checked-in docs are generated from the tables; KSIM_UPDATE_DOCS=1 rewrites them.
  ksim::testing::check_generated_doc(
      "docs/client-configs.md", client::render_client_configs_markdown(),
      "KSIM_UPDATE_DOCS=1 ./build/debug/tests/client/client_story_tests \"[docs]\"");
}

namespace {

int count_kind(const ClientStory& s, proto::MessageKind kind) {
  int n = 0;
  for (size_t i = 0; i < s.trace().size(); ++i) {
    const trace::TraceEntry& e = s.trace().entry(Step{static_cast<int64_t>(i)});
    n += e.kind == trace::EventKind::kDeliver && e.what == static_cast<uint16_t>(kind);
  }
  return n;
}

std::string one_broker_producer(const std::string& configs, const std::string& timeline,
                                int partitions = 1) {
  return R"({"name": "p", "stop_at_ms": 10000000, "network": {"latency_ms": 1},
    "cluster": {"brokers": 1, "topics": [{"name": "t", "partitions": )" +
         std::to_string(partitions) + R"(}],
      "producers": [{"name": "producer", "configs": )" +
         configs + R"(}]},
    "timeline": [)" +
         timeline + "]}";
}

}  // namespace

TEST_CASE("linger.ms gathers records into one batch; batch.size splits them",
          "[client][producer]") {
  SECTION("linger.ms=50: five sends 10 ms apart travel as one Produce") {
    ClientStory s(one_broker_producer(R"({"linger.ms": 50})", R"(
        {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 5,
         "every_ms": 10})"));
    s.run_to_ms(2000);
    CHECK(count_kind(s, proto::MessageKind::kProduceRequest) == 1);
    CHECK(s.log_of(1, kT0).segment(0).batches().size() == 1);
    CHECK(client::count_outcomes(s.producer("producer")).acked == 5);
  }
  SECTION("linger.ms=0: each send goes at once") {
    ClientStory s(one_broker_producer(R"({"linger.ms": 0})", R"(
        {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 5,
         "every_ms": 10})"));
    s.run_to_ms(2000);
    CHECK(count_kind(s, proto::MessageKind::kProduceRequest) == 5);
  }
  SECTION("batch.size=100 with a long linger: a batch with one behind it goes at once") {
    // A record with value "producer-N" and no key is 17 bytes: 61 + 17 + 17 = 95 fits in
    // batch.size, a third would not. Four sends make two batches; the first has another queued
    // behind it (as a full one in Kafka's accumulator) and goes now, the last waits linger.ms.
    ClientStory s(one_broker_producer(R"({"linger.ms": 60000, "batch.size": 100})", R"(
        {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 4})"));
    s.run_to_ms(2000);
    CHECK(count_kind(s, proto::MessageKind::kProduceRequest) == 1);
    CHECK(s.log_of(1, kT0).log_end_offset() == 2);
    s.run_to_ms(62000);
    CHECK(count_kind(s, proto::MessageKind::kProduceRequest) == 2);
    CHECK(s.log_of(1, kT0).log_end_offset() == 4);
  }
}

TEST_CASE("acks=0 counts a send as done at once, with no offset", "[client][producer]") {
  ClientStory s(one_broker_producer(R"({"acks": 0})", R"(
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t", "count": 2})"));
  s.run_to_ms(2000);
  const client::Producer& p = s.producer("producer");
  CHECK_FALSE(p.config.enable_idempotence);
  REQUIRE(p.outcomes.size() == 2);
  for (const client::SendOutcome& o : p.outcomes) {
    CHECK(o.status == client::SendOutcome::Status::kAcked);
    CHECK(o.offset == -1);
    CHECK(o.done_at == SimTime::from_ms(1000));
  }
  CHECK(count_kind(s, proto::MessageKind::kProduceResponse) == 0);
  CHECK(s.log_of(1, kT0).log_end_offset() == 2);
}

TEST_CASE("retries stop at delivery.timeout.ms", "[client][producer]") {
  // The only broker is cut off from the producer after the metadata arrived: every attempt
  // times out after request.timeout.ms, is retried with backoff, and the batch expires.
  ClientStory s(one_broker_producer(
      R"({"request.timeout.ms": 1000, "delivery.timeout.ms": 5000, "linger.ms": 0})", R"(
      {"at_ms": 900, "action": "partition", "sides": [["broker-1"], ["producer"]]},
      {"at_ms": 1000, "action": "send", "producer": "producer", "topic": "t"})"));
  s.run_to_ms(10000);
  const client::Producer& p = s.producer("producer");
  REQUIRE(p.outcomes.size() == 1);
  CHECK(p.outcomes[0].status == client::SendOutcome::Status::kFailed);
  CHECK_THAT(p.outcomes[0].error, Catch::StartsWith("TimeoutException"));
  CHECK(p.outcomes[0].done_at >= SimTime::from_ms(6000));
  CHECK(p.outcomes[0].done_at <= SimTime::from_ms(6100));
}

TEST_CASE("a producer notices added partitions only at its next metadata refresh",
          "[client][producer]") {
  // Keyless records with the sticky partitioner and batch.size=1: each record may switch
  // partition; before the refresh only partition 0 exists for the producer.
  ClientStory s(one_broker_producer(R"({"metadata.max.age.ms": 5000, "batch.size": 1})", R"(
      {"at_ms": 1000, "action": "add_partitions", "topic": "t", "partitions": 4},
      {"at_ms": 2000, "action": "send", "producer": "producer", "topic": "t", "count": 20,
       "every_ms": 50},
      {"at_ms": 6000, "action": "send", "producer": "producer", "topic": "t", "count": 20,
       "every_ms": 50})"));
  s.run_to_ms(8000);
  const client::Producer& p = s.producer("producer");
  REQUIRE(p.outcomes.size() == 40);
  for (size_t i = 0; i < 20; ++i) CHECK(p.outcomes[i].tp.partition == 0);
  std::set<int32_t> later;
  for (size_t i = 20; i < 40; ++i) later.insert(p.outcomes[i].tp.partition);
  CHECK(later.size() > 1);  // the new partitions are in use after the refresh at 5.2 s
}
