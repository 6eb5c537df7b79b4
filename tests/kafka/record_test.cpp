// Record batches: dense offsets on build, immutable rebuilds that keep the offset range.
#include "engine/kafka/record.h"

#include <catch2/catch.hpp>

#include "engine/kafka/batch_size.h"
#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

// The record format lives in engine/kafka; the log's test helpers build the records.
using namespace ::ksim::kafka;

using testing::kv;

TEST_CASE("make_batch assigns dense offset deltas and the largest timestamp", "[log]") {
  // Goal: a batch of three records at base 10 covers offsets 10..12 with max timestamp 300.
  const BatchPtr b = make_batch(10, 3, {kv("a", "1", 100), kv("b", "2", 300), kv("c", "3", 200)});
  CHECK(b->base_offset == 10);
  CHECK(b->last_offset() == 12);
  CHECK(b->next_offset() == 13);
  CHECK(b->partition_leader_epoch == 3);
  CHECK(b->max_timestamp_ms == 300);
  REQUIRE(b->records.size() == 3);
  CHECK(b->records[2].offset_delta == 2);
  CHECK(b->size_bytes == batch_size_bytes(b->records, std::nullopt));
}

TEST_CASE("rebuild_batch keeps the original offset range and epoch even when emptied", "[log]") {
  // Goal: compaction leaves gaps but never moves offsets; an empty batch still spans its range.
  const BatchPtr b = make_batch(10, 2, {kv("a", "1", 100), kv("b", "2", 300)});
  const BatchPtr only_last = rebuild_batch(*b, {b->records[1]}, std::nullopt);
  CHECK(only_last->base_offset == 10);
  CHECK(only_last->last_offset() == 11);
  CHECK(only_last->records.size() == 1);
  CHECK(only_last->records[0].offset_delta == 1);
  CHECK(only_last->partition_leader_epoch == 2);
  const BatchPtr empty = rebuild_batch(*b, {}, std::nullopt);
  CHECK(empty->records.empty());
  CHECK(empty->last_offset() == 11);
  CHECK(empty->size_bytes == kRecordBatchOverhead);
  CHECK(empty->max_timestamp_ms == 300);
  // The original is untouched.
  CHECK(b->records.size() == 2);
}

}  // namespace
}  // namespace ksim::log
