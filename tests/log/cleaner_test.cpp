// Compaction: latest value per key, preserved offsets, tombstone horizons, compaction lag,
// the strict dirty-ratio threshold and segment regrouping.
#include "engine/log/cleaner.h"

#include <catch2/catch.hpp>

#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

using testing::append1;
using testing::key_values;
using testing::kv;
using testing::offsets;
using testing::segment_bases;
using testing::tombstone;
using testing::tp;

TopicConfig compacted(int32_t segment_bytes = 1 << 30) {
  TopicConfig c;
  c.segment_bytes = segment_bytes;
  c.cleanup_policy = CleanupPolicy{false, true};
  return c;
}

void commit_all(PartitionLog& log) { log.set_high_watermark(log.log_end_offset()); }

TEST_CASE("compaction keeps the latest value per key and preserves offsets", "[log]") {
  // Goal: the LogCleanerTest.testCleanSegments idea: superseded records vanish, survivors keep
  // their offsets, the active segment is untouched and the checkpoint moves to its base.
  PartitionLog log(tp(), compacted(70 * 3));  // three 70-byte batches per segment
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"1", "a"}, {"2", "b"}, {"1", "c"}, {"3", "d"}, {"2", "e"}, {"1", "f"}, {"4", "g"}}) {
    append1(log, kv(k, v));
  }
  commit_all(log);
  REQUIRE(segment_bases(log) == std::vector<Offset>{0, 3, 6});
  const CleanableRange before = cleanable_range(log, 0);
  CHECK(before.first_dirty_offset == 0);
  CHECK(before.first_uncleanable_offset == 6);
  CHECK(before.clean_bytes == 0);
  CHECK(before.cleanable_bytes == 420);

  const CleanStats stats = clean_log(log, 0);
  CHECK(offsets(log) == std::vector<Offset>{3, 4, 5, 6});
  CHECK(key_values(log) == std::vector<std::string>{"3=d", "2=e", "1=f", "4=g"});
  CHECK(stats.end_offset == 6);
  CHECK(log.cleaner_checkpoint() == 6);
  CHECK(stats.records_before == 6);
  CHECK(stats.records_after == 3);
  CHECK(log.log_end_offset() == 7);
  // Offsets never move: reading from 0 skips the gap and starts at offset 3.
  const ReadResult r = log.read(0, 1 << 20);
  REQUIRE(!r.batches.empty());
  CHECK(r.batches.front()->base_offset == 3);
  // Nothing is dirty any more.
  CHECK(cleanable_range(log, 0).cleanable_bytes == 0);
}

TEST_CASE("a tombstone survives the first pass and goes once delete.retention.ms has passed",
          "[log]") {
  // Goal: KIP-534: the first pass that rewrites the tombstone's batch stamps deleteHorizonMs =
  // now + delete.retention.ms; a later pass at or after that time drops it.
  TopicConfig c = compacted();
  c.delete_retention_ms = 5000;
  PartitionLog log(tp(), c);
  append1(log, kv("k", "v1", 100));
  append1(log, tombstone("k", 200));
  log.roll(300);
  append1(log, kv("other", "x", 300));
  commit_all(log);

  clean_log(log, 1000);
  CHECK(key_values(log) == std::vector<std::string>{"k=null", "other=x"});
  const BatchPtr& stamped = log.segment(0).batches().back();
  CHECK(stamped->delete_horizon_ms == 6000);
  CHECK(stamped->records[0].record.is_tombstone());

  // More dirty data so later passes have work to do.
  log.roll(1000);
  append1(log, kv("other", "y", 2000));
  commit_all(log);
  clean_log(log, 5999);  // other=y is in the active segment: other=x is still the latest cleaned
  CHECK(key_values(log) == std::vector<std::string>{"k=null", "other=x", "other=y"});

  log.roll(6000);
  append1(log, kv("other", "z", 6000));
  commit_all(log);
  const CleanStats stats = clean_log(log, 6000);
  CHECK(stats.tombstones_removed == 1);
  CHECK(key_values(log) == std::vector<std::string>{"other=y", "other=z"});
}

TEST_CASE("min.compaction.lag.ms holds back segments with recent records", "[log]") {
  // Goal: the first uncleanable offset is the base of the first dirty segment whose largest
  // timestamp is newer than now - min.compaction.lag.ms.
  TopicConfig c = compacted();
  c.min_compaction_lag_ms = 5000;
  PartitionLog log(tp(), c);
  append1(log, kv("k", "old", 1000));
  append1(log, kv("k", "older-copy", 1000));
  log.roll(1000);
  append1(log, kv("k", "fresh", 9000));
  log.roll(9000);
  append1(log, kv("j", "active", 9500));
  commit_all(log);

  const CleanableRange range = cleanable_range(log, 10000);
  CHECK(range.first_uncleanable_offset == 2);
  clean_log(log, 10000);
  CHECK(key_values(log) == std::vector<std::string>{"k=older-copy", "k=fresh", "j=active"});
  CHECK(log.cleaner_checkpoint() == 2);

  // Once the lag has passed, the fresh segment becomes cleanable too.
  CHECK(cleanable_range(log, 14001).first_uncleanable_offset == 3);
  clean_log(log, 14001);
  CHECK(key_values(log) == std::vector<std::string>{"k=fresh", "j=active"});
}

TEST_CASE("a dirty ratio of exactly min.cleanable.dirty.ratio is not cleaned", "[log]") {
  // Goal: LogCleanerManager picks a log only when cleanable / total is strictly above 0.5.
  PartitionLog log(tp(), compacted());
  append1(log, kv("a", "1"));
  log.roll(0);
  append1(log, kv("b", "2"));
  commit_all(log);
  clean_log(log, 0);  // checkpoint at 1: segment 0 (70 bytes) is now the clean part
  log.roll(0);        // segment 1 (70 bytes) is dirty and no longer active
  append1(log, kv("c", "3"));
  commit_all(log);

  const CleanableRange range = cleanable_range(log, 0);
  CHECK(range.clean_bytes == 70);
  CHECK(range.cleanable_bytes == 70);
  CHECK_FALSE(dirty_ratio_exceeds_threshold(log, range));

  TopicConfig lower = log.config();
  lower.min_cleanable_dirty_ratio = DecimalRatio{499999, 1000000};
  log.set_config(lower);
  CHECK(dirty_ratio_exceeds_threshold(log, range));
}

TEST_CASE("the cleaner never passes the high watermark", "[log]") {
  // Goal: with no transactions the last stable offset is the HW; segments at or above it wait.
  PartitionLog log(tp(), compacted());
  append1(log, kv("k", "1"));
  log.roll(0);
  append1(log, kv("k", "2"));
  log.roll(0);
  append1(log, kv("k", "3"));
  log.set_high_watermark(1);
  CHECK(cleanable_range(log, 0).first_uncleanable_offset == 1);
  clean_log(log, 0);
  CHECK(key_values(log) == std::vector<std::string>{"k=1", "k=2", "k=3"});
}

TEST_CASE("cleaned segments are regrouped within segment.bytes", "[log]") {
  // Goal: LogCleaner.groupSegmentsBySize merges small consecutive segments into one.
  PartitionLog log(tp(), compacted(1000));
  for (int i = 0; i < 4; ++i) {
    append1(log, kv(std::string("k").append(std::to_string(i)), "v"));
    log.roll(0);
  }
  append1(log, kv("active", "v"));
  commit_all(log);
  REQUIRE(log.segment_count() == 5);
  const CleanStats stats = clean_log(log, 0);
  CHECK(stats.segments_before == 4);
  CHECK(stats.segments_after == 1);
  CHECK(segment_bases(log) == std::vector<Offset>{0, 4});
  CHECK(offsets(log) == std::vector<Offset>{0, 1, 2, 3, 4});
}

TEST_CASE("the last batch of the cleaned range is kept even when it empties", "[log]") {
  // Goal: keyless records cannot be compacted and are dropped, but the range's last batch
  // stays (empty) so its offsets remain known.
  TopicConfig delete_policy;
  PartitionLog log(tp(), delete_policy);
  append1(log, testing::value_only("x"));
  append1(log, testing::value_only("y"));
  log.roll(0);
  append1(log, kv("k", "v"));
  commit_all(log);
  log.set_config(compacted());
  clean_log(log, 0);
  REQUIRE(log.segment(0).batches().size() == 1);
  const BatchPtr& kept = log.segment(0).batches()[0];
  CHECK(kept->records.empty());
  CHECK(kept->base_offset == 1);
  CHECK(kept->size_bytes == 61);
  CHECK(offsets(log) == std::vector<Offset>{2});
  CHECK(log.log_end_offset() == 3);
}

}  // namespace
}  // namespace ksim::log
