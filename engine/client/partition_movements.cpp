#include "engine/client/partition_movements.h"

#include "engine/sim/check.h"

namespace ksim::client::sticky {

using kafka::TopicPartition;

PartitionMovements::ConsumerPair PartitionMovements::remove_movement_record(
    const TopicPartition& partition) {
  const auto it = movements_.find(partition);
  KSIM_ASSERT(it != movements_.end(), "only a recorded move is removed");
  const ConsumerPair pair = it->second;
  movements_.erase(it);

  auto& topic_moves = by_topic_.at(partition.topic);
  auto& partitions = topic_moves.at(pair);
  partitions.erase(partition);
  // Empty sets and maps are dropped, so a later move between the same pair starts a fresh
  // HashSet (which matters for its iteration order).
  if (partitions.empty()) topic_moves.erase(pair);
  if (topic_moves.empty()) by_topic_.erase(partition.topic);
  return pair;
}

void PartitionMovements::add_movement_record(const TopicPartition& partition,
                                             const ConsumerPair& pair) {
  movements_[partition] = pair;
  by_topic_[partition.topic][pair].insert(partition, java_topic_partition_hash_code(partition));
}

void PartitionMovements::move_partition(const TopicPartition& partition,
                                        const std::string& old_consumer,
                                        const std::string& new_consumer) {
  if (!movements_.contains(partition)) {
    add_movement_record(partition, ConsumerPair{.src = old_consumer, .dst = new_consumer});
    return;
  }
  const ConsumerPair existing = remove_movement_record(partition);
  KSIM_ASSERT(existing.dst == old_consumer, "a partition moves on from where it was moved to");
  if (existing.src != new_consumer) {
    add_movement_record(partition, ConsumerPair{.src = existing.src, .dst = new_consumer});
  }
}

TopicPartition PartitionMovements::actual_partition_to_move(const TopicPartition& partition,
                                                            std::string old_consumer,
                                                            const std::string& new_consumer) const {
  const auto topic_moves = by_topic_.find(partition.topic);
  if (topic_moves == by_topic_.end()) return partition;
  if (const auto moved = movements_.find(partition); moved != movements_.end()) {
    KSIM_ASSERT(moved->second.dst == old_consumer, "a moved partition is where it was moved to");
    old_consumer = moved->second.src;
  }
  const auto reverse =
      topic_moves->second.find(ConsumerPair{.src = new_consumer, .dst = old_consumer});
  if (reverse == topic_moves->second.end()) return partition;
  return reverse->second.first();
}

}  // namespace ksim::client::sticky
