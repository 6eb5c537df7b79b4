// The partition log: offsets on append, reads, validation errors, rolls and truncation.
#include "engine/log/partition_log.h"

#include <catch2/catch.hpp>

#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

using kafka::ErrorCode;
using testing::append1;
using testing::kv;
using testing::tp;
using testing::value_only;

TopicConfig small_segments(int32_t segment_bytes) {
  TopicConfig c;
  c.segment_bytes = segment_bytes;
  return c;
}

TEST_CASE("appends get dense offsets from the log end offset", "[log]") {
  // Goal: a batch of three records gets 0..2, the next batch starts at 3.
  PartitionLog log(tp(), TopicConfig{});
  const AppendResult a = log.append_as_leader({kv("a", "1"), kv("b", "2"), kv("c", "3")}, 0, 0);
  CHECK(a.error == ErrorCode::NONE);
  CHECK(a.first_offset == 0);
  CHECK(a.last_offset == 2);
  const AppendResult b = append1(log, kv("d", "4"));
  CHECK(b.first_offset == 3);
  CHECK(b.last_offset == 3);
  CHECK(log.log_end_offset() == 4);
  CHECK(log.log_start_offset() == 0);
  CHECK(log.high_watermark() == 0);
  CHECK(log.leader_epoch_cache().entries() == std::vector<EpochEntry>{{0, 0}});
}

TEST_CASE("a size roll happens when the next batch would overflow segment.bytes", "[log]") {
  // UnifiedLogTest.testSizeBasedLogRoll: segment.bytes = 10 * (72 - 1) with 72-byte batches
  // holds 9 batches (9*72 = 648 > 710 - 72 rolls the 10th), so 11 appends make 2 segments.
  PartitionLog log(tp(), small_segments(10 * (72 - 1)));
  for (int i = 0; i < 11; ++i) CHECK(append1(log, value_only("test")).error == ErrorCode::NONE);
  CHECK(log.segment_count() == 2);
  CHECK(testing::segment_bases(log) == std::vector<Offset>{0, 9});
}

TEST_CASE("a time roll happens only on append, once the segment spans more than segment.ms",
          "[log]") {
  // Goal: time passing alone never rolls; the next append does, at the LEO.
  TopicConfig c;
  c.segment_ms = 1000;
  PartitionLog log(tp(), c);
  append1(log, kv("a", "1", 0), 0);
  append1(log, kv("b", "2", 1000), 1000);
  CHECK(log.segment_count() == 1);
  const AppendResult r = append1(log, kv("c", "3", 5000), 5000);
  CHECK(r.rolled_to == 2);
  CHECK(testing::segment_bases(log) == std::vector<Offset>{0, 2});
}

TEST_CASE("a read returns at least one whole batch even when it exceeds max bytes", "[log]") {
  // Goal: Kafka's minOneMessage: the first batch always comes back; later ones must fit.
  PartitionLog log(tp(), TopicConfig{});
  for (int i = 0; i < 3; ++i) append1(log, kv("k", "v"));  // 70 bytes each
  const ReadResult tiny = log.read(0, 1);
  CHECK(tiny.error == ErrorCode::NONE);
  REQUIRE(tiny.batches.size() == 1);
  CHECK(tiny.size_bytes == 70);
  CHECK(log.read(0, 140).batches.size() == 2);
  CHECK(log.read(0, 139).batches.size() == 1);
  const ReadResult from_middle = log.read(1, 1 << 20);
  REQUIRE(from_middle.batches.size() == 2);
  CHECK(from_middle.batches[0]->base_offset == 1);
}

TEST_CASE("a read starts at the batch holding the fetch offset, across segments", "[log]") {
  // Goal: a fetch inside a multi-record batch returns that whole batch; reads cross segments.
  PartitionLog log(tp(), small_segments(100));               // one 79-byte batch per segment
  log.append_as_leader({kv("a", "1"), kv("b", "2")}, 0, 0);  // 0..1
  log.append_as_leader({kv("c", "3"), kv("d", "4")}, 0, 0);  // 2..3, rolls
  REQUIRE(log.segment_count() == 2);
  const ReadResult r = log.read(1, 1 << 20);
  REQUIRE(r.batches.size() == 2);
  CHECK(r.batches[0]->base_offset == 0);
  CHECK(r.batches[1]->base_offset == 2);
}

TEST_CASE("reads outside [log start, LEO] are OFFSET_OUT_OF_RANGE; at the LEO they are empty",
          "[log]") {
  // Goal: the exact boundaries of UnifiedLog.read.
  PartitionLog log(tp(), TopicConfig{}, 5);
  append1(log, kv("a", "1"));
  append1(log, kv("b", "2"));
  CHECK(log.read(4, 1000).error == ErrorCode::OFFSET_OUT_OF_RANGE);
  CHECK(log.read(8, 1000).error == ErrorCode::OFFSET_OUT_OF_RANGE);
  const ReadResult at_leo = log.read(7, 1000);
  CHECK(at_leo.error == ErrorCode::NONE);
  CHECK(at_leo.batches.empty());
  CHECK(log.read(5, 1000).batches.size() == 2);
}

TEST_CASE("a consumer read stops at the high watermark", "[log]") {
  // Goal: ReadUpTo::kHighWatermark returns only batches wholly below the HW.
  PartitionLog log(tp(), TopicConfig{});
  for (int i = 0; i < 4; ++i) append1(log, kv("k", "v"));
  log.set_high_watermark(2);
  CHECK(log.read(0, 1 << 20, ReadUpTo::kHighWatermark).batches.size() == 2);
  CHECK(log.read(2, 1 << 20, ReadUpTo::kHighWatermark).batches.empty());
  CHECK(log.read(2, 1 << 20).batches.size() == 2);
}

TEST_CASE("a compacted topic rejects a record without a key with INVALID_RECORD", "[log]") {
  // Goal: LogValidator.validateKey; an empty key is still a key and is accepted.
  TopicConfig c;
  c.cleanup_policy = CleanupPolicy{false, true};
  PartitionLog log(tp("users"), c);
  const AppendResult bad = log.append_as_leader({kv("a", "1"), value_only("no key")}, 0, 0);
  CHECK(bad.error == ErrorCode::INVALID_RECORD);
  CHECK(bad.error_message ==
        "Compacted topic cannot accept message without key in topic partition users-0.");
  CHECK(log.log_end_offset() == 0);
  CHECK(append1(log, testing::rec("", "v")).error == ErrorCode::NONE);
}

TEST_CASE("a batch larger than max.message.bytes is MESSAGE_TOO_LARGE", "[log]") {
  // Goal: the limit is on the whole batch including its 61-byte header; equal is accepted.
  TopicConfig c;
  c.max_message_bytes = 70;
  PartitionLog log(tp(), c);
  CHECK(append1(log, kv("k", "v")).error == ErrorCode::NONE);  // exactly 70
  const AppendResult big = append1(log, kv("k", "vv"));
  CHECK(big.error == ErrorCode::MESSAGE_TOO_LARGE);
  CHECK(big.error_message ==
        "The record batch size in the append to demo-0 is 71 bytes which exceeds the maximum "
        "configured value of 70.");
  CHECK(log.log_end_offset() == 1);
}

TEST_CASE("LogAppendTime replaces record timestamps with the broker's time", "[log]") {
  // Goal: message.timestamp.type=LogAppendTime stamps now on every record.
  TopicConfig c;
  c.message_timestamp_type = TimestampType::kLogAppendTime;
  PartitionLog log(tp(), c);
  const AppendResult r = log.append_as_leader({kv("a", "1", 5)}, 0, 777);
  CHECK(r.batch->records[0].record.timestamp_ms == 777);
  CHECK(r.batch->max_timestamp_ms == 777);
}

TEST_CASE("a follower stores the leader's batch itself, sharing its payload", "[log]") {
  // Goal: followers append the same immutable batch object; offsets and epochs carry over.
  PartitionLog leader(tp(), TopicConfig{});
  PartitionLog follower(tp(), TopicConfig{});
  const AppendResult a = leader.append_as_leader({kv("a", "1"), kv("b", "2")}, 3, 0);
  const AppendResult f = follower.append_as_follower(a.batch, 0);
  CHECK(f.first_offset == 0);
  CHECK(follower.log_end_offset() == 2);
  CHECK(follower.active_segment().batches()[0].get() == a.batch.get());
  CHECK(follower.leader_epoch_cache().latest_epoch() == 3);
}

TEST_CASE("truncate_to drops records at and above the offset and trims the epoch cache", "[log]") {
  // Goal: follower truncation across segments: segments above go, the one holding the offset
  // becomes active again, HW and the epoch cache follow.
  PartitionLog log(tp(), small_segments(140));  // two 70-byte batches per segment
  for (int i = 0; i < 6; ++i) log.append_as_leader({kv("k", std::to_string(i))}, i / 2, 0);
  REQUIRE(testing::segment_bases(log) == std::vector<Offset>{0, 2, 4});
  log.set_high_watermark(5);
  log.truncate_to(3);
  CHECK(log.log_end_offset() == 3);
  CHECK(log.high_watermark() == 3);
  CHECK(testing::segment_bases(log) == std::vector<Offset>{0, 2});
  CHECK(testing::offsets(log) == std::vector<Offset>{0, 1, 2});
  CHECK(log.leader_epoch_cache().entries() == std::vector<EpochEntry>{{0, 0}, {1, 2}});
  // Appends continue at the new LEO in the reopened segment.
  CHECK(append1(log, kv("k", "n")).first_offset == 3);
  CHECK(log.segment_count() == 2);
}

TEST_CASE("truncating above the LEO changes nothing; below the first segment empties the log",
          "[log]") {
  // Goal: UnifiedLog.truncateTo's two edges.
  PartitionLog log(tp(), TopicConfig{}, 10);
  append1(log, kv("a", "1"));
  log.truncate_to(11);
  CHECK(log.log_end_offset() == 11);
  log.truncate_to(4);
  CHECK(log.log_end_offset() == 4);
  CHECK(log.log_start_offset() == 4);
  CHECK(log.segment_count() == 1);
  CHECK(log.active_segment().base_offset() == 4);
  CHECK(log.leader_epoch_cache().entries().empty());
}

TEST_CASE("truncate_fully_and_start_at leaves one empty segment at the new offset", "[log]") {
  // Goal: LEO = HW = log start = the new offset, epoch cache cleared.
  PartitionLog log(tp(), small_segments(140));
  for (int i = 0; i < 5; ++i) append1(log, kv("k", "v"));
  log.set_high_watermark(5);
  log.truncate_fully_and_start_at(100);
  CHECK(log.segment_count() == 1);
  CHECK(log.log_start_offset() == 100);
  CHECK(log.log_end_offset() == 100);
  CHECK(log.high_watermark() == 100);
  CHECK(log.size_bytes() == 0);
  CHECK(log.leader_epoch_cache().entries().empty());
  CHECK(append1(log, kv("k", "v")).first_offset == 100);
}

TEST_CASE("DeleteRecords may move the log start offset up to the HW, not past it", "[log]") {
  // Goal: UnifiedLog.maybeIncrementLogStartOffset returns OFFSET_OUT_OF_RANGE above the HW.
  PartitionLog log(tp(), TopicConfig{});
  for (int i = 0; i < 5; ++i) append1(log, kv("k", "v"));
  log.set_high_watermark(3);
  CHECK(log.increment_log_start_offset(4) == ErrorCode::OFFSET_OUT_OF_RANGE);
  CHECK(log.increment_log_start_offset(2) == ErrorCode::NONE);
  CHECK(log.log_start_offset() == 2);
  CHECK(log.read(1, 100).error == ErrorCode::OFFSET_OUT_OF_RANGE);
}

}  // namespace
}  // namespace ksim::log

namespace ksim::log {
namespace {

TEST_CASE("the log's errors carry Kafka's numeric codes and names", "[log]") {
  // Goal: engine/kafka/errors.h matches Errors.java for the codes the log returns.
  using kafka::ErrorCode;
  CHECK(static_cast<int16_t>(ErrorCode::OFFSET_OUT_OF_RANGE) == 1);
  CHECK(static_cast<int16_t>(ErrorCode::MESSAGE_TOO_LARGE) == 10);
  CHECK(static_cast<int16_t>(ErrorCode::INVALID_RECORD) == 87);
  CHECK(static_cast<int16_t>(ErrorCode::NOT_ENOUGH_REPLICAS) == 19);
  CHECK(kafka::error_name(ErrorCode::INVALID_RECORD) == "INVALID_RECORD");
  CHECK(kafka::error_name(ErrorCode::NONE) == "NONE");
}

}  // namespace
}  // namespace ksim::log
