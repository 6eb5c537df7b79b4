// A broker's logs and their background work in simulated time (Kafka's LogManager and the
// LogCleaner thread). A value type: the broker node owns one, asks next_due() when to set its
// timer and calls run_due(now) when it fires; the returned activity goes into the trace.
//
// Schedule (Kafka 3.9 defaults):
// - retention ("kafka-log-retention"): first at start + log.initial.task.delay.ms (30000), then
//   every log.retention.check.interval.ms (300000); runs deleteOldSegments on every log whose
//   cleanup.policy does not contain compact;
// - cleaner: first at start, then repeatedly: clean the log with the highest dirty ratio above
//   its min.cleanable.dirty.ratio; when none qualifies, delete old segments of the compacted
//   logs and sleep log.cleaner.backoff.ms (15000).
// Simplification: cleaning takes no simulated time, so a cleaner run cleans every qualifying
// log, filthiest first, before backing off (docs/log.md#simplifications).
#pragma once

#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "engine/log/cleaner.h"
#include "engine/log/partition_log.h"
#include "engine/log/retention.h"
#include "engine/sim/time.h"

namespace ksim::log {

struct LogManagerConfig {
  int64_t log_initial_task_delay_ms = 30000;
  int64_t log_retention_check_interval_ms = 300000;
  int64_t log_cleaner_backoff_ms = 15000;
  bool log_cleaner_enable = true;

  friend bool operator==(const LogManagerConfig&, const LogManagerConfig&) = default;
};

struct SegmentsDeleted {
  TopicPartition tp;
  std::vector<DeletedSegment> segments;
  Offset new_log_start_offset = 0;
};

struct LogCleaned {
  TopicPartition tp;
  CleanableRange range;  // the dirty ratio that made the cleaner pick this log
  CleanStats stats;
};

using LogActivity = std::variant<SegmentsDeleted, LogCleaned>;

class LogManager {
 public:
  explicit LogManager(LogManagerConfig config = {}, SimTime start = SimTime{});

  // Creates an empty log. Requires: no log for tp yet.
  PartitionLog& create_log(const TopicPartition& tp, const TopicConfig& config,
                           SimTime now = SimTime{});
  PartitionLog* find_log(const TopicPartition& tp);
  const PartitionLog* find_log(const TopicPartition& tp) const;
  void remove_log(const TopicPartition& tp) { logs_.erase(tp); }
  const std::map<TopicPartition, PartitionLog>& logs() const { return logs_; }

  // The earliest time a background task is due.
  SimTime next_due() const;
  SimTime next_retention_check() const { return next_retention_; }
  SimTime next_cleaner_run() const { return next_cleaner_; }

  // Runs every task due at or before `now` (retention first, then the cleaner) and reschedules
  // them. Returns what changed, in order.
  std::vector<LogActivity> run_due(SimTime now);

  friend bool operator==(const LogManager&, const LogManager&) = default;

 private:
  LogManagerConfig config_;
  std::map<TopicPartition, PartitionLog> logs_;
  SimTime next_retention_;
  SimTime next_cleaner_;

  void run_retention(SimTime now, std::vector<LogActivity>& out);
  void run_cleaner(SimTime now, std::vector<LogActivity>& out);
};

}  // namespace ksim::log
