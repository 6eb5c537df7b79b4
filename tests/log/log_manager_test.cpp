// The LogManager schedule in simulated time: retention checks, the cleaner and its backoff.
#include "engine/log/log_manager.h"

#include <catch2/catch.hpp>

#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

using testing::append1;
using testing::kv;
using testing::tp;
using testing::value_only;

TopicConfig compacted() {
  TopicConfig c;
  c.cleanup_policy = CleanupPolicy{false, true};
  return c;
}

TEST_CASE("retention runs after 30 s and then every 300 s; the cleaner backs off 15 s", "[log]") {
  // Goal: drive the manager by its own next_due() and record when each task ran.
  LogManager manager;
  std::vector<int64_t> retention_runs;
  std::vector<int64_t> cleaner_runs;
  SimTime now{};
  while (now <= SimTime::from_ms(700'000)) {
    const SimTime retention_due = manager.next_retention_check();
    const SimTime cleaner_due = manager.next_cleaner_run();
    manager.run_due(now);
    if (retention_due <= now) retention_runs.push_back(now.ms());
    if (cleaner_due <= now) cleaner_runs.push_back(now.ms());
    now = manager.next_due();
  }
  CHECK(retention_runs == std::vector<int64_t>{30'000, 330'000, 630'000});
  REQUIRE(cleaner_runs.size() >= 3);
  CHECK(cleaner_runs[0] == 0);
  CHECK(cleaner_runs[1] == 15'000);
  CHECK(cleaner_runs[2] == 30'000);
}

TEST_CASE("the retention task deletes expired segments of delete-policy logs only", "[log]") {
  // Goal: nothing happens before log.initial.task.delay.ms; then expired segments go and the
  // activity names the partition, the segments and the new log start offset.
  LogManager manager;
  TopicConfig c;
  c.retention_ms = 1000;
  c.segment_bytes = 72 * 2;
  PartitionLog& log = manager.create_log(tp("events"), c);
  for (int i = 0; i < 5; ++i) append1(log, value_only("test", 0));
  log.set_high_watermark(log.log_end_offset());
  PartitionLog& users = manager.create_log(tp("users"), compacted());
  append1(users, kv("k", "v", 0));
  users.set_high_watermark(1);

  CHECK(manager.run_due(SimTime::from_ms(29'999)).empty());
  const std::vector<LogActivity> activity = manager.run_due(SimTime::from_ms(30'000));
  REQUIRE(activity.size() == 1);
  const auto* deleted = std::get_if<SegmentsDeleted>(&activity[0]);
  REQUIRE(deleted != nullptr);
  CHECK(deleted->tp == tp("events"));
  CHECK(deleted->segments.size() == 3);
  CHECK(deleted->new_log_start_offset == 5);
  CHECK(manager.find_log(tp("users"))->segment_count() == 1);
}

TEST_CASE("the cleaner cleans the filthiest log first and skips a ratio of exactly 0.5", "[log]") {
  // Goal: grabFilthiestCompactedLog order (highest dirty ratio first), the strict threshold,
  // and the backoff when nothing qualifies.
  LogManager manager;
  // A compacted log with `clean` cleaned batches, then one more batch plus `dirty` batches in
  // the dirty part (all 70 bytes, distinct keys), then one batch in the active segment.
  auto make = [&manager](const std::string& topic, int clean, int dirty) {
    PartitionLog& log = manager.create_log(tp(topic), compacted());
    char key = 'a';
    auto next = [&key]() { return kv(std::string(1, key++), "v"); };
    if (clean > 0) {
      for (int i = 0; i < clean; ++i) append1(log, next());
      log.roll(0);
      append1(log, next());
      log.set_high_watermark(log.log_end_offset());
      clean_log(log, 0);
    }
    for (int i = 0; i < dirty; ++i) append1(log, next());
    log.roll(0);
    append1(log, next());
    log.set_high_watermark(log.log_end_offset());
  };
  make("a", 1, 2);  // clean 70, dirty 210: ratio 0.75
  make("b", 0, 3);  // clean 0, dirty 210: ratio 1
  make("c", 2, 1);  // clean 140, dirty 140: ratio exactly 0.5, not cleaned

  const std::vector<LogActivity> activity = manager.run_due(SimTime{});
  REQUIRE(activity.size() == 2);
  const auto& first = std::get<LogCleaned>(activity[0]);
  const auto& second = std::get<LogCleaned>(activity[1]);
  CHECK(first.tp == tp("b"));
  CHECK(first.range.clean_bytes == 0);
  CHECK(second.tp == tp("a"));
  CHECK(second.range.clean_bytes == 70);
  CHECK(second.range.cleanable_bytes == 210);
  CHECK(manager.find_log(tp("c"))->cleaner_checkpoint() == 2);
  CHECK(manager.next_cleaner_run() == SimTime::from_ms(15'000));
  CHECK(manager.run_due(SimTime::from_ms(15'000)).empty());
}

}  // namespace
}  // namespace ksim::log
