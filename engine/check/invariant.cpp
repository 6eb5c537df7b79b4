#include "engine/check/invariant.h"

namespace ksim::check {
namespace {

constexpr auto kEngine = trace::ObservationClass::kEngineInvariant;
constexpr auto kGuarantee = trace::ObservationClass::kKafkaGuarantee;

}  // namespace

const std::array<InvariantInfo, 16>& invariants() {
  static const std::array<InvariantInfo, 16> kAll = {{
      {Invariant::kOffsetsDenseAndIncreasing, "offsets_dense_and_increasing", kEngine,
       "every log's batches and records have increasing offsets, without gaps except where "
       "compaction removed records"},
      {Invariant::kHighWatermarkWithinIsrLeo, "high_watermark_within_isr_leo", kEngine,
       "the leader's high watermark is never above the log end offset of an ISR member"},
      {Invariant::kHighWatermarkMonotonic, "high_watermark_monotonic", kEngine,
       "a leader's high watermark never goes back while it leads in one epoch"},
      {Invariant::kLeaderEpochMonotonic, "leader_epoch_monotonic", kEngine,
       "the leader epoch a broker knows for a partition never goes back"},
      {Invariant::kOneLeaderPerEpoch, "one_leader_per_epoch", kEngine,
       "at most one broker leads (and accepts writes for) a partition in a leader epoch"},
      {Invariant::kLeaderInIsr, "leader_in_isr", kEngine,
       "while a partition is online its ISR is not empty and holds the leader"},
      {Invariant::kSingleOwnerPerGeneration, "single_owner_per_generation", kEngine,
       "no partition is owned by two members of one group generation"},
      {Invariant::kNonmonotonicPoll, "nonmonotonic_poll", kEngine,
       "poll() never returns a record below the consumer's position"},
      {Invariant::kPollSkip, "poll_skip", kEngine,
       "poll() never jumps over a record that exists in the log"},
      {Invariant::kLogMatching, "log_matching", kGuarantee,
       "two replicas hold the same record at every offset below both their high watermarks"},
      {Invariant::kNoAcknowledgedWriteLost, "no_acknowledged_write_lost", kGuarantee,
       "a record whose send was acknowledged with an offset stays at that offset"},
      {Invariant::kLeaderCompleteness, "leader_completeness", kGuarantee,
       "every leader holds every record that was ever below a high watermark"},
      {Invariant::kConsistentRead, "consistent_read", kGuarantee,
       "a consumed offset never changes content"},
      {Invariant::kCommittedOffsetWithinHighWatermark, "committed_offset_within_high_watermark",
       kGuarantee, "a group's committed offset is never above the partition's high watermark"},
      {Invariant::kLostWrite, "lost_write", kGuarantee,
       "an acknowledged record below the high watermark is read by consumers that read past it"},
      {Invariant::kDuplicate, "duplicate", kGuarantee, "one send is stored at one offset only"},
  }};
  return kAll;
}

const InvariantInfo& info(Invariant i) { return invariants()[static_cast<size_t>(i)]; }

}  // namespace ksim::check
