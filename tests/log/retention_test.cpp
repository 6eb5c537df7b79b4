// Retention by time, size and log start offset, ported from Kafka's UnifiedLogTest.
#include "engine/log/retention.h"

#include <catch2/catch.hpp>

#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

using testing::append1;
using testing::rec;
using testing::segment_bases;
using testing::tp;

constexpr int32_t kBatch = 72;       // TestUtils.singletonRecords("test".getBytes): no key
constexpr int32_t kKeyedBatch = 76;  // the same with key "test"
constexpr TimestampMs kNow = 1'700'000'000'000;

TopicConfig config(int32_t segment_bytes, std::string_view policy = "delete") {
  TopicConfig c;
  c.segment_bytes = segment_bytes;
  c.cleanup_policy = CleanupPolicy{policy.find("delete") != std::string_view::npos,
                                   policy.find("compact") != std::string_view::npos};
  return c;
}

// 15 single-record batches, 5 per segment, HW at the LEO.
PartitionLog fifteen_records(TopicConfig c, bool keyed, TimestampMs ts) {
  PartitionLog log(tp(), c);
  for (int i = 0; i < 15; ++i) {
    append1(log, rec(keyed ? "test" : nullptr, "test", ts));
  }
  log.set_high_watermark(log.log_end_offset());
  REQUIRE(segment_bases(log) == std::vector<Offset>{0, 5, 10});
  return log;
}

TEST_CASE("size-based retention deletes the oldest segments but never goes below the limit",
          "[log]") {
  // UnifiedLogTest.shouldDeleteSizeBasedSegments: 1080 bytes, retention.bytes 720 -> diff 360,
  // exactly the first 360-byte segment goes.
  TopicConfig c = config(kBatch * 5);
  c.retention_bytes = kBatch * 10;
  PartitionLog log = fifteen_records(c, false, kNow);
  const std::vector<DeletedSegment> deleted = delete_old_segments(log, kNow);
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].reason == DeletionReason::kRetentionSizeBreach);
  CHECK(deleted[0].segment.base_offset == 0);
  CHECK(deleted[0].segment.next_offset == 5);
  CHECK(deleted[0].segment.size_bytes == kBatch * 5);
  CHECK(deleted[0].segment.record_count == 5);
  CHECK(segment_bases(log) == std::vector<Offset>{5, 10});
  CHECK(log.log_start_offset() == 5);
  CHECK(log.size_bytes() == kBatch * 10);
}

TEST_CASE("size-based retention deletes nothing when the log is at its limit", "[log]") {
  // UnifiedLogTest.shouldNotDeleteSizeBasedSegmentsWhenUnderRetentionSize
  TopicConfig c = config(kBatch * 5);
  c.retention_bytes = kBatch * 15;
  PartitionLog log = fifteen_records(c, false, kNow);
  CHECK(delete_old_segments(log, kNow).empty());
  CHECK(log.segment_count() == 3);
}

TEST_CASE("time-based retention rolls and deletes a non-empty active segment", "[log]") {
  // UnifiedLogTest.shouldDeleteTimeBasedSegmentsReadyToBeDeleted: 15 records in 3 segments,
  // all older than retention.ms and below the HW, end as 1 new empty segment at offset 15.
  TopicConfig c = config(kBatch * 5);
  c.retention_ms = 10000;
  PartitionLog log = fifteen_records(c, false, 10);
  const std::vector<DeletedSegment> deleted = delete_old_segments(log, kNow);
  REQUIRE(deleted.size() == 3);
  for (const DeletedSegment& d : deleted) CHECK(d.reason == DeletionReason::kRetentionMsBreach);
  CHECK(log.segment_count() == 1);
  CHECK(log.active_segment().empty());
  CHECK(log.active_segment().base_offset() == 15);
  CHECK(log.log_start_offset() == 15);
  CHECK(log.log_end_offset() == 15);
  // An empty active segment is never deleted.
  CHECK(delete_old_segments(log, kNow + 1'000'000).empty());
  CHECK(log.segment_count() == 1);
}

TEST_CASE("time-based retention keeps segments whose newest record is recent", "[log]") {
  // UnifiedLogTest.shouldNotDeleteTimeBasedSegmentsWhenNoneReadyToBeDeleted
  TopicConfig c = config(kBatch * 5);
  c.retention_ms = 10'000'000;
  PartitionLog log = fifteen_records(c, false, kNow);
  CHECK(delete_old_segments(log, kNow).empty());
  CHECK(log.segment_count() == 3);
}

TEST_CASE("retention uses the segment's largest timestamp and a strict comparison", "[log]") {
  // Goal: delete while now - largestTimestamp > retention.ms; equal is kept.
  TopicConfig c = config(kBatch * 5);
  c.retention_ms = 1000;
  PartitionLog log = fifteen_records(c, false, 5000);
  CHECK(delete_old_segments(log, 6000).empty());
  CHECK(delete_old_segments(log, 6001).size() == 3);
}

TEST_CASE("retention never deletes a segment reaching above the high watermark", "[log]") {
  // Goal: only segments whose upper bound <= HW qualify, and deletion stops at the first that
  // does not.
  TopicConfig c = config(kBatch * 5);
  c.retention_ms = 10000;
  PartitionLog lower(tp(), c);
  for (int i = 0; i < 15; ++i) append1(lower, rec(nullptr, "test", 10));
  lower.set_high_watermark(7);
  const std::vector<DeletedSegment> deleted = delete_old_segments(lower, kNow);
  REQUIRE(deleted.size() == 1);
  CHECK(segment_bases(lower) == std::vector<Offset>{5, 10});
  CHECK(lower.log_start_offset() == 5);
  CHECK(lower.high_watermark() == 7);
}

TEST_CASE("a compact-only topic keeps old segments", "[log]") {
  // UnifiedLogTest.shouldNotDeleteSegmentsWhenPolicyDoesNotIncludeDelete
  TopicConfig c = config(kKeyedBatch * 5, "compact");
  c.retention_ms = 10000;
  PartitionLog log = fifteen_records(c, true, 10);
  CHECK(delete_old_segments(log, kNow).empty());
  CHECK(log.segment_count() == 3);
}

TEST_CASE("compact,delete topics are also subject to time-based retention", "[log]") {
  // UnifiedLogTest.shouldDeleteSegmentsReadyToBeDeletedWhenCleanupPolicyIsCompactAndDelete
  TopicConfig c = config(kKeyedBatch * 5, "compact,delete");
  c.retention_ms = 10000;
  PartitionLog log = fifteen_records(c, true, 10);
  delete_old_segments(log, kNow);
  CHECK(log.segment_count() == 1);
}

TEST_CASE("segments wholly below the log start offset go whatever the policy", "[log]") {
  // UnifiedLogTest.shouldDeleteStartOffsetBreachedSegmentsWhenPolicyDoesNotIncludeDelete
  TopicConfig c = config(kKeyedBatch * 5, "compact");
  c.retention_ms = 10000;
  PartitionLog log = fifteen_records(c, true, 10);
  REQUIRE(log.increment_log_start_offset(5) == kafka::ErrorCode::NONE);
  const std::vector<DeletedSegment> deleted = delete_old_segments(log, kNow);
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].reason == DeletionReason::kLogStartOffsetBreach);
  CHECK(reason_name(deleted[0].reason) == "LogStartOffsetBreach");
  CHECK(log.segment_count() == 2);
  CHECK(log.segment(0).base_offset() <= log.log_start_offset());
}

}  // namespace
}  // namespace ksim::log
