// The idempotent producer's state in a partition log, after Kafka's ProducerStateManagerTest
// and UnifiedLogTest (duplicate, out-of-order and fenced-epoch appends).
#include "engine/log/producer_state.h"

#include <catch2/catch.hpp>

#include "engine/log/partition_log.h"
#include "tests/log/log_test_util.h"

using namespace ksim;
using namespace ksim::log;
using namespace ksim::log::testing;

namespace {

const TopicPartition kTp{"t", 0};

std::vector<Record> records(int n) {
  std::vector<Record> out;
  for (int i = 0; i < n; ++i) {
    std::string value = "v";  // not "v" + std::to_string(i): GCC 12 -O3 -Wrestrict
    value += std::to_string(i);
    out.push_back(value_only(value));
  }
  return out;
}

kafka::ProducerIdentity producer(int64_t id, int16_t epoch, int32_t sequence) {
  return kafka::ProducerIdentity{id, epoch, sequence};
}

}  // namespace

TEST_CASE("a batch appended again is a duplicate answered with the first write's offsets",
          "[log][producer]") {
  // UnifiedLogTest.testDuplicateAppends
  PartitionLog log(kTp, TopicConfig{});
  const AppendResult first = log.append_as_leader(records(3), 0, 0, producer(7, 0, 0));
  REQUIRE(first.error == ErrorCode::NONE);
  const AppendResult again = log.append_as_leader(records(3), 0, 0, producer(7, 0, 0));
  CHECK(again.error == ErrorCode::NONE);
  CHECK(again.duplicate);
  CHECK(again.first_offset == 0);
  CHECK(again.last_offset == 2);
  CHECK(log.log_end_offset() == 3);
  // The next batch in sequence is appended.
  const AppendResult next = log.append_as_leader(records(2), 0, 0, producer(7, 0, 3));
  CHECK_FALSE(next.duplicate);
  CHECK(next.first_offset == 3);
}

TEST_CASE("only the last five batches are remembered", "[log][producer]") {
  // ProducerStateEntry.NUM_BATCHES_TO_RETAIN
  PartitionLog log(kTp, TopicConfig{});
  for (int32_t b = 0; b < 6; ++b) log.append_as_leader(records(1), 0, 0, producer(7, 0, b));
  CHECK(log.producer_state().producers().at(7).batches.size() == 5);
  // Batch 1 is still known; batch 0 is not, and out of sequence now.
  CHECK(log.append_as_leader(records(1), 0, 0, producer(7, 0, 1)).duplicate);
  const AppendResult old = log.append_as_leader(records(1), 0, 0, producer(7, 0, 0));
  CHECK(old.error == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
}

TEST_CASE("a gap in sequence numbers is OUT_OF_ORDER_SEQUENCE_NUMBER", "[log][producer]") {
  // UnifiedLogTest.testNonSequentialAppend
  PartitionLog log(kTp, TopicConfig{});
  log.append_as_leader(records(2), 0, 0, producer(7, 0, 0));
  const AppendResult gap = log.append_as_leader(records(1), 0, 0, producer(7, 0, 5));
  CHECK(gap.error == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  CHECK_THAT(gap.error_message, Catch::Contains("5 (incoming seq. number), 1 (current end"));
  CHECK(log.log_end_offset() == 2);
}

TEST_CASE("an unknown producer may start at any sequence; an older epoch is fenced",
          "[log][producer]") {
  PartitionLog log(kTp, TopicConfig{});
  CHECK(log.append_as_leader(records(1), 0, 0, producer(9, 3, 42)).error == ErrorCode::NONE);
  const AppendResult fenced = log.append_as_leader(records(1), 0, 0, producer(9, 2, 43));
  CHECK(fenced.error == ErrorCode::INVALID_PRODUCER_EPOCH);
  // A new epoch starts again at 0; anything else is out of order.
  CHECK(log.append_as_leader(records(1), 0, 0, producer(9, 4, 1)).error ==
        ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  CHECK(log.append_as_leader(records(1), 0, 0, producer(9, 4, 0)).error == ErrorCode::NONE);
}

TEST_CASE("followers keep the table as they copy batches; truncation rebuilds it",
          "[log][producer]") {
  PartitionLog leader(kTp, TopicConfig{});
  PartitionLog follower(kTp, TopicConfig{});
  const AppendResult a = leader.append_as_leader(records(2), 0, 0, producer(7, 0, 0));
  const AppendResult b = leader.append_as_leader(records(2), 0, 0, producer(7, 0, 2));
  follower.append_as_follower(a.batch, 0);
  follower.append_as_follower(b.batch, 0);
  CHECK(follower.producer_state() == leader.producer_state());
  // The follower becomes leader: the producer's retry of its last batch is recognised.
  CHECK(follower.append_as_leader(records(2), 1, 0, producer(7, 0, 2)).duplicate);
  // Truncated below the second batch, it forgets it: the retry is a new write again.
  follower.truncate_to(2);
  CHECK(follower.producer_state().producers().at(7).batches.size() == 1);
  const AppendResult rewrite = follower.append_as_leader(records(2), 1, 0, producer(7, 0, 2));
  CHECK_FALSE(rewrite.duplicate);
  CHECK(rewrite.first_offset == 2);
}
