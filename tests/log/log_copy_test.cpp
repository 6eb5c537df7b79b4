// Checkpoints: copying a log shares its sealed segments and batches, and the copy and the
// original never see each other's later changes.
#include <catch2/catch.hpp>

#include "engine/log/cleaner.h"
#include "engine/log/retention.h"
#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

using testing::append1;
using testing::kv;
using testing::tp;

// Everything observable about a log, for before/after comparisons.
struct Snapshot {
  std::vector<std::string> key_values;
  std::vector<Offset> offsets;
  std::vector<Offset> segment_bases;
  Offset log_start, leo, hw;
  int64_t size;
  std::vector<EpochEntry> epochs;
  std::optional<Offset> checkpoint;

  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

Snapshot snapshot(const PartitionLog& log) {
  return Snapshot{testing::key_values(log),
                  testing::offsets(log),
                  testing::segment_bases(log),
                  log.log_start_offset(),
                  log.log_end_offset(),
                  log.high_watermark(),
                  log.size_bytes(),
                  log.leader_epoch_cache().entries(),
                  log.cleaner_checkpoint()};
}

PartitionLog many_segments() {
  TopicConfig c;
  c.segment_bytes = 70 * 4;
  c.cleanup_policy = CleanupPolicy{true, true};
  c.retention_ms = 1000;
  PartitionLog log(tp(), c);
  for (int i = 0; i < 40; ++i) {
    log.append_as_leader({kv(std::to_string(i % 7), std::to_string(i % 10))}, i / 10, i * 10);
  }
  log.set_high_watermark(30);
  return log;
}

TEST_CASE("a copy of a log shares every sealed segment and every batch", "[log]") {
  // Goal: a checkpoint costs O(segments), not O(records): pointers, not payloads, are copied.
  const PartitionLog original = many_segments();
  REQUIRE(original.sealed_segments().size() == 9);
  const PartitionLog copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  for (size_t i = 0; i < original.sealed_segments().size(); ++i) {
    CHECK(copy.sealed_segments()[i].get() == original.sealed_segments()[i].get());
  }
  REQUIRE(copy.active_segment().batches().size() == original.active_segment().batches().size());
  for (size_t i = 0; i < original.active_segment().batches().size(); ++i) {
    CHECK(copy.active_segment().batches()[i].get() == original.active_segment().batches()[i].get());
  }
  CHECK(snapshot(copy) == snapshot(original));
}

TEST_CASE("mutating a copy never changes the original, and the reverse", "[log]") {
  // Goal: append, truncate, clean, retention and truncate-fully on one side leave the other
  // exactly as it was.
  const PartitionLog original = many_segments();
  const Snapshot before = snapshot(original);

  PartitionLog appended = original;
  append1(appended, kv("new", "value"), 1000);
  PartitionLog truncated = original;
  truncated.truncate_to(13);
  PartitionLog cleaned = original;
  clean_log(cleaned, 400);
  PartitionLog retained = original;
  delete_old_segments(retained, 100'000);
  PartitionLog emptied = original;
  emptied.truncate_fully_and_start_at(500);

  CHECK(snapshot(appended) != before);
  CHECK(snapshot(truncated) != before);
  CHECK(snapshot(cleaned) != before);
  CHECK(snapshot(retained) != before);
  CHECK(snapshot(emptied) != before);
  CHECK(snapshot(original) == before);

  // The reverse: the original moves on, an earlier copy stays put.
  PartitionLog live = original;
  const PartitionLog checkpoint = live;
  const Snapshot at_checkpoint = snapshot(checkpoint);
  live.truncate_to(5);
  clean_log(live, 400);
  for (int i = 0; i < 20; ++i) append1(live, kv("x", std::to_string(i)), 2000);
  CHECK(snapshot(checkpoint) == at_checkpoint);
}

}  // namespace
}  // namespace ksim::log
