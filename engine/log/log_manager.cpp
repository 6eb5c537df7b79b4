#include "engine/log/log_manager.h"

#include <algorithm>
#include <set>

#include "engine/sim/check.h"

namespace ksim::log {

namespace {

void record_deletions(PartitionLog& log, TimestampMs now_ms, std::vector<LogActivity>& out) {
  std::vector<DeletedSegment> deleted = delete_old_segments(log, now_ms);
  if (!deleted.empty()) {
    out.push_back(
        SegmentsDeleted{log.topic_partition(), std::move(deleted), log.log_start_offset()});
  }
}

}  // namespace

LogManager::LogManager(LogManagerConfig config, SimTime start)
    : config_(config),
      next_retention_(start + SimTime::from_ms(config.log_initial_task_delay_ms)),
      next_cleaner_(config.log_cleaner_enable ? start : SimTime::never()) {}

PartitionLog& LogManager::create_log(const TopicPartition& tp, const TopicConfig& config,
                                     SimTime now) {
  KSIM_ASSERT(!logs_.contains(tp), "a log for this partition already exists");
  return logs_.emplace(tp, PartitionLog(tp, config, 0, now.ms())).first->second;
}

PartitionLog* LogManager::find_log(const TopicPartition& tp) {
  const auto it = logs_.find(tp);
  return it == logs_.end() ? nullptr : &it->second;
}

const PartitionLog* LogManager::find_log(const TopicPartition& tp) const {
  const auto it = logs_.find(tp);
  return it == logs_.end() ? nullptr : &it->second;
}

SimTime LogManager::next_due() const { return std::min(next_retention_, next_cleaner_); }

std::vector<LogActivity> LogManager::run_due(SimTime now) {
  std::vector<LogActivity> out;
  if (next_retention_ <= now) {
    run_retention(now, out);
    next_retention_ = now + SimTime::from_ms(config_.log_retention_check_interval_ms);
  }
  if (next_cleaner_ <= now) {
    run_cleaner(now, out);
    next_cleaner_ = now + SimTime::from_ms(config_.log_cleaner_backoff_ms);
  }
  return out;
}

void LogManager::run_retention(SimTime now, std::vector<LogActivity>& out) {
  // LogManager.cleanupLogs skips compacted logs (also compact,delete): the cleaner's job.
  for (auto& [tp, log] : logs_) {
    if (log.config().cleanup_policy.compact) continue;
    record_deletions(log, now.ms(), out);
  }
}

void LogManager::run_cleaner(SimTime now, std::vector<LogActivity>& out) {
  std::set<TopicPartition> cleaned;
  while (true) {
    // grabFilthiestCompactedLog: the highest ratio above its threshold; ties go to the first
    // partition in TopicPartition order.
    PartitionLog* filthiest = nullptr;
    CleanableRange best;
    for (auto& [tp, log] : logs_) {
      if (!log.config().cleanup_policy.compact || cleaned.contains(tp)) continue;
      const CleanableRange range = cleanable_range(log, now.ms());
      if (!dirty_ratio_exceeds_threshold(log, range)) continue;
      // range/total > best/best_total, compared exactly by cross-multiplication.
      const bool higher = filthiest == nullptr ||
                          fraction_exceeds(range.cleanable_bytes, range.total_bytes(),
                                           DecimalRatio{best.cleanable_bytes, best.total_bytes()});
      if (higher) {
        filthiest = &log;
        best = range;
      }
    }
    if (filthiest == nullptr) break;
    cleaned.insert(filthiest->topic_partition());
    out.push_back(LogCleaned{filthiest->topic_partition(), best, clean_log(*filthiest, now.ms())});
  }
  // The cleaner thread also runs deleteOldSegments on compacted logs (retention for
  // compact,delete; the log-start-offset breach for compact only).
  for (auto& [tp, log] : logs_) {
    if (log.config().cleanup_policy.compact) record_deletions(log, now.ms(), out);
  }
}

}  // namespace ksim::log
