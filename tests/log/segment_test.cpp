// Segments: size and time roll decisions, truncation, batch lookup.
#include "engine/log/segment.h"

#include <catch2/catch.hpp>

#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

using testing::kv;

TopicConfig roll_config(int32_t segment_bytes, int64_t segment_ms) {
  TopicConfig c;
  c.segment_bytes = segment_bytes;
  c.segment_ms = segment_ms;
  return c;
}

TEST_CASE("a segment rolls when the next batch would not fit in segment.bytes", "[log]") {
  // Goal: LogSegment.shouldRoll's size test is segmentSize > segment.bytes - batchSize.
  const TopicConfig c = roll_config(140, 1'000'000);
  Segment s(0, 0);
  CHECK_FALSE(s.should_roll(70, 0, 0, c));  // empty: 0 > 70 is false
  s.append(make_batch(0, 0, {kv("k", "v")}));
  CHECK_FALSE(s.should_roll(70, 0, 0, c));  // 70 > 70 is false: the batch fits exactly
  CHECK(s.should_roll(71, 0, 0, c));
  s.append(make_batch(1, 0, {kv("k", "v")}));
  CHECK(s.should_roll(70, 0, 0, c));
}

TEST_CASE("an empty segment rolls for an oversized batch but never for time", "[log]") {
  // Goal: size alone can roll an empty segment (0 > bytes - size); time needs size > 0.
  Segment s(0, 0);
  CHECK(s.should_roll(200, 0, 0, roll_config(100, 1'000'000)));
  CHECK_FALSE(s.should_roll(10, 1'000'000'000, 1'000'000'000, roll_config(1000, 1)));
}

TEST_CASE("a segment rolls by time when the new batch is more than segment.ms newer", "[log]") {
  // Goal: time is measured from the first batch's max timestamp to the new batch's max
  // timestamp (strictly greater than segment.ms), not from the wall clock.
  const TopicConfig c = roll_config(1 << 30, 100);
  Segment s(0, 0);
  s.append(make_batch(0, 0, {kv("a", "1", 1000), kv("b", "2", 1050)}));  // first max ts 1050
  CHECK_FALSE(s.should_roll(70, 1150, 999'999, c));                      // 100 is not > 100
  CHECK(s.should_roll(70, 1151, 0, c));
}

TEST_CASE("segment truncation removes the batch holding the offset and all after it", "[log]") {
  // Goal: LogSegment.truncateTo works at batch granularity.
  Segment s(0, 0);
  s.append(make_batch(0, 0, {kv("a", "1"), kv("b", "2")}));
  s.append(make_batch(2, 0, {kv("c", "3"), kv("d", "4")}));
  s.append(make_batch(4, 0, {kv("e", "5")}));
  CHECK(s.find_batch(3) == 1);
  CHECK(s.find_batch(5) == 3);
  const int64_t before = s.size_bytes();
  const int64_t removed = s.truncate_to(3);
  CHECK(s.batches().size() == 1);
  CHECK(s.next_offset() == 2);
  CHECK(removed == before - s.size_bytes());
  CHECK(s.record_count() == 2);
}

}  // namespace
}  // namespace ksim::log
