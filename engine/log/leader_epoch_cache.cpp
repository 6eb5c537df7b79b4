#include "engine/log/leader_epoch_cache.h"

#include <algorithm>

#include "engine/sim/check.h"

namespace ksim::log {

bool LeaderEpochCache::assign(LeaderEpoch epoch, Offset start_offset) {
  KSIM_ASSERT(epoch >= 0 && start_offset >= 0, "invalid partition leader epoch entry");
  if (!entries_.empty()) {
    const EpochEntry& latest = entries_.back();
    const bool update_needed = epoch != latest.epoch || start_offset < latest.start_offset;
    if (!update_needed) return false;
  }
  // maybeTruncateNonMonotonicEntries: drop later entries that conflict with the new one.
  while (!entries_.empty() &&
         (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset)) {
    entries_.pop_back();
  }
  entries_.push_back(EpochEntry{epoch, start_offset});
  return true;
}

std::optional<LeaderEpoch> LeaderEpochCache::latest_epoch() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.back().epoch;
}

std::optional<LeaderEpoch> LeaderEpochCache::previous_epoch() const {
  if (entries_.size() < 2) return std::nullopt;
  return entries_[entries_.size() - 2].epoch;
}

EpochEndOffset LeaderEpochCache::end_offset_for(LeaderEpoch requested_epoch,
                                                Offset log_end_offset) const {
  if (requested_epoch == kUndefinedEpoch) return {};
  if (!entries_.empty() && entries_.back().epoch == requested_epoch) {
    return {requested_epoch, log_end_offset};
  }
  // higherEntry: the first entry with epoch > requested.
  const auto higher =
      std::upper_bound(entries_.begin(), entries_.end(), requested_epoch,
                       [](LeaderEpoch e, const EpochEntry& entry) { return e < entry.epoch; });
  if (higher == entries_.end()) return {};
  if (higher == entries_.begin()) return {requested_epoch, higher->start_offset};
  const EpochEntry& floor = *(higher - 1);
  return {floor.epoch, higher->start_offset};
}

void LeaderEpochCache::truncate_from_end(Offset end_offset) {
  if (end_offset < 0 || entries_.empty() || entries_.back().start_offset < end_offset) return;
  while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
}

void LeaderEpochCache::truncate_from_start(Offset start_offset) {
  size_t removed = 0;
  while (removed < entries_.size() && entries_[removed].start_offset <= start_offset) ++removed;
  if (removed == 0) return;
  const LeaderEpoch kept_epoch = entries_[removed - 1].epoch;
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(removed));
  entries_.insert(entries_.begin(), EpochEntry{kept_epoch, start_offset});
}

}  // namespace ksim::log
