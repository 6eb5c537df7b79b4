// The invariants checked after every step (docs/invariants.md), each with a stable snake_case
// name taken from Kafka's own vocabulary, its TLA+ specifications (hachikuji's
// kafka-specification, Jack Vanlightly's kip-966 spec) or Jepsen's Kafka checker, and a class:
// an engine invariant breaks only through a kafkasim bug; a Kafka guarantee is something Kafka
// itself gives up under some settings (acks=1, unclean.leader.election.enable=true,
// enable.idempotence=false, ...), which a lesson may choose on purpose.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "engine/trace/trace.h"

namespace ksim::check {

enum class Invariant : uint8_t {
  // --- engine invariants ---
  kOffsetsDenseAndIncreasing,
  kHighWatermarkWithinIsrLeo,
  kHighWatermarkMonotonic,
  kLeaderEpochMonotonic,
  kOneLeaderPerEpoch,
  kLeaderInIsr,
  kSingleOwnerPerGeneration,
  kNonmonotonicPoll,
  kPollSkip,
  // --- Kafka guarantees ---
  kLogMatching,
  kNoAcknowledgedWriteLost,
  kLeaderCompleteness,
  kConsistentRead,
  kCommittedOffsetWithinHighWatermark,
  kLostWrite,
  kDuplicate,
};

struct InvariantInfo {
  Invariant id;
  std::string_view name;  // stable: tests, lessons and the trace refer to it
  trace::ObservationClass kind;
  std::string_view says;  // what holds, in one line
};

// Every invariant, in the order of the enum.
const std::array<InvariantInfo, 16>& invariants();
const InvariantInfo& info(Invariant i);
inline std::string_view invariant_name(Invariant i) { return info(i).name; }
inline trace::ObservationClass invariant_class(Invariant i) { return info(i).kind; }

}  // namespace ksim::check
