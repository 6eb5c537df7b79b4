// Leader election and ISR changes as the KRaft controller computes them
// (PartitionChangeBuilder and ReplicationControlManager in Kafka's metadata module). Pure
// functions from a partition's state and the brokers' liveness to its next state.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/proto/metadata_records.h"

namespace ksim::cluster {

// Who may lead or stay in the ISR right now.
struct Liveness {
  std::function<bool(int32_t)> alive;          // registered and unfenced
  std::function<bool(int32_t)> shutting_down;  // in controlled shutdown
};

enum class Election {
  kClean,    // leaders come only from the ISR
  kUnclean,  // when no ISR member can lead, any live replica may (data may be lost)
};

// The state after removing `broker` from the ISR and, if it led, electing another leader.
// The ISR never becomes empty: when `broker` is its last member it stays (Kafka 3.9 without
// ELR), and the partition goes offline (leader -1) unless an unclean election finds a replica.
proto::PartitionRecord without_broker(const proto::PartitionRecord& p, int32_t broker,
                                      const Liveness& live, Election election);

// Elects a leader for a partition that has none (or whose leader cannot lead): the current
// leader if it still can, else the first replica in assignment order that is in the ISR and
// alive, else (unclean) the first live replica, whose ISR then becomes just itself.
proto::PartitionRecord with_elected_leader(const proto::PartitionRecord& p, const Liveness& live,
                                           Election election);

// Moves leadership to the preferred replica (the first in assignment order) when it is in the
// ISR, alive and not the leader already; nullopt when nothing changes.
std::optional<proto::PartitionRecord> with_preferred_leader(const proto::PartitionRecord& p,
                                                            const Liveness& live);

// Bumps the epochs for a changed partition: the partition epoch on every change, the leader
// epoch when the leader changed (since metadata version 3.6 an ISR change alone does not bump
// the leader epoch).
proto::PartitionRecord bump_epochs(const proto::PartitionRecord& before,
                                   proto::PartitionRecord after);

}  // namespace ksim::cluster
