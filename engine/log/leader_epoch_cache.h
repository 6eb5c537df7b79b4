// The leader-epoch cache: which leader epoch started at which offset (KIP-101, KIP-279).
// Follows Kafka's LeaderEpochFileCache (storage/.../internals/epoch/LeaderEpochFileCache.java):
// the same assign rules (entries stay monotonic in both epoch and start offset; a conflicting
// assignment truncates the later entries), the same endOffsetFor answers, and the same
// truncateFromEnd / truncateFromStart. It is a plain value: no checkpoint file, no lock.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "engine/log/vocabulary.h"

namespace ksim::log {

struct EpochEntry {
  LeaderEpoch epoch = 0;
  Offset start_offset = 0;

  friend bool operator==(const EpochEntry&, const EpochEntry&) = default;
};

// The answer to OffsetsForLeaderEpoch: (epoch, end offset), or (-1, -1) when undefined.
struct EpochEndOffset {
  LeaderEpoch epoch = kUndefinedEpoch;
  Offset end_offset = kUndefinedEpochOffset;

  friend bool operator==(const EpochEndOffset&, const EpochEndOffset&) = default;
};

class LeaderEpochCache {
 public:
  // Records that `epoch` starts at `start_offset`. A no-op if it is the latest epoch and does
  // not start earlier. Otherwise removes every entry with epoch >= `epoch` or start offset >=
  // `start_offset` first. Requires: epoch >= 0 and start_offset >= 0.
  // Returns true if the cache changed.
  bool assign(LeaderEpoch epoch, Offset start_offset);

  std::optional<LeaderEpoch> latest_epoch() const;
  // The epoch before the latest one, if any (LeaderEpochFileCache.previousEpoch).
  std::optional<LeaderEpoch> previous_epoch() const;

  // LeaderEpochFileCache.endOffsetFor:
  // - undefined epoch (-1) or an empty cache -> (-1, -1);
  // - the latest epoch -> (epoch, log_end_offset);
  // - no higher epoch known -> (-1, -1);
  // - below the first known epoch -> (requested epoch, start offset of the first epoch);
  // - otherwise (largest epoch <= requested, start offset of the next higher epoch).
  EpochEndOffset end_offset_for(LeaderEpoch requested_epoch, Offset log_end_offset) const;

  // Removes every entry whose start offset >= end_offset (follower truncation). Inclusive.
  void truncate_from_end(Offset end_offset);
  // Removes entries starting at or before start_offset, keeping the last of them re-based at
  // start_offset (log start offset moved). Exclusive: truncate_from_start(6) keeps offset 6.
  void truncate_from_start(Offset start_offset);

  void clear() { entries_.clear(); }
  const std::vector<EpochEntry>& entries() const { return entries_; }

  friend bool operator==(const LeaderEpochCache&, const LeaderEpochCache&) = default;

 private:
  // Invariant: strictly increasing in both epoch and start_offset.
  std::vector<EpochEntry> entries_;
};

}  // namespace ksim::log
