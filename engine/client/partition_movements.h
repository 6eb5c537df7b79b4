// AbstractStickyAssignor.PartitionMovements: the moves the general sticky algorithm has made
// while balancing, so that when it wants to move a partition of topic T from A to B while an
// earlier move took some partition of T from B to A, it moves that one back instead. Rebalancing
// then never shuffles partitions of one topic both ways between two members.
// Left out: isSticky's cycle search, which only Kafka's tests call.
#pragma once

#include <map>
#include <string>

#include "engine/client/java_hash_map_order.h"
#include "engine/kafka/types.h"

namespace ksim::client::sticky {

class PartitionMovements {
 public:
  // movePartition: records that `partition` goes from old_consumer to new_consumer. A partition
  // that moves again keeps its original source; one that returns to it has no move left.
  void move_partition(const kafka::TopicPartition& partition, const std::string& old_consumer,
                      const std::string& new_consumer);

  // getTheActualPartitionToBeMoved: the partition to move when `partition` should go from
  // old_consumer to new_consumer. If an earlier move took a partition of the same topic from
  // new_consumer to (the original owner of) `partition`, that one goes back: the first of them in
  // Kafka's HashSet order. Otherwise `partition` itself.
  kafka::TopicPartition actual_partition_to_move(const kafka::TopicPartition& partition,
                                                 std::string old_consumer,
                                                 const std::string& new_consumer) const;

 private:
  struct ConsumerPair {
    std::string src;
    std::string dst;
    friend auto operator<=>(const ConsumerPair&, const ConsumerPair&) = default;
  };

  ConsumerPair remove_movement_record(const kafka::TopicPartition& partition);
  void add_movement_record(const kafka::TopicPartition& partition, const ConsumerPair& pair);

  // partitionMovementsByTopic: topic -> (src, dst) -> the partitions that made that move, in a
  // HashSet whose iteration order decides which partition goes back.
  std::map<std::string, std::map<ConsumerPair, JavaHashOrder<kafka::TopicPartition>>> by_topic_;
  // partitionMovements: partition -> its move (original source, current destination).
  std::map<kafka::TopicPartition, ConsumerPair> movements_;
};

}  // namespace ksim::client::sticky
