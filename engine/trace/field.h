// The fields whose changes the trace records, with the names a learner sees: Kafka's own words
// (high_watermark, log_end_offset, leader_epoch, ...). One enum for the whole engine keeps a
// state change at 24 bytes.
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::trace {

enum class EntityKind : uint8_t {
  kNode,     // a node as a whole: index unused
  kReplica,  // a partition's replica on a broker node: index = partition_index(topic, p)
  kBroker,   // a broker's registration as the controller node sees it: index = broker id
  kGroup,    // a consumer group on its coordinator node: index = the group's key there
};

// What a state change is about: a node, or something a node holds (index says which).
struct EntityRef {
  EntityKind kind = EntityKind::kNode;
  int32_t node = 0;
  int32_t index = 0;
  friend auto operator<=>(const EntityRef&, const EntityRef&) = default;
};

// A topic-partition as one integer: the topic's id (from the controller) and the partition.
constexpr int32_t partition_index(int32_t topic_id, int32_t partition) {
  return topic_id * 65536 + partition;
}
constexpr int32_t topic_id_of(int32_t index) { return index / 65536; }
constexpr int32_t partition_of(int32_t index) { return index % 65536; }

enum class Field : uint16_t {
  kNodeUp,          // 1 while the node runs, 0 while crashed
  kIncarnation,     // bumped by each crash
  kPingsSent,       // toy: pings sent since the node (re)started
  kPongsReceived,   // toy: pongs received since the node (re)started
  kPongsOnDisk,     // toy: pongs persisted on the node's disk (survive a crash)
  kBrokerState,     // 0 starting, 1 fenced, 2 running, 3 shutting down, 4 stopped
  kMetadataOffset,  // metadata records applied
  kFenced,          // controller's view: 1 fenced, 0 unfenced, -1 unregistered
  kLeader,          // a replica's leader (broker id, -1 none)
  kLeaderEpoch,
  kIsrSize,
  kHighWatermark,
  kLogEndOffset,
  kLogStartOffset,
  kTruncatedTo,        // a follower truncated its log: from = old LEO, to = new LEO
  kSegmentsDeleted,    // retention: from = first deleted base offset, to = next remaining
  kRecordsRemoved,     // compaction: records of the cleaned range, before -> after
  kCleanerCheckpoint,  // the cleaned/dirty boundary (the first dirty offset)
  kQuorumRole,         // a controller: 0 standby, 1 candidate, 2 active
  kQuorumEpoch,        // a controller's quorum epoch
  // A coordinator's group (index: the group's key on that broker): 0 Empty,
  // 1 PreparingRebalance, 2 CompletingRebalance, 3 Stable, 4 Dead.
  kGroupState,
  kGroupGeneration,
};

inline std::string_view entity_kind_name(EntityKind k) {
  switch (k) {
    case EntityKind::kNode:
      return "node";
    case EntityKind::kReplica:
      return "replica";
    case EntityKind::kBroker:
      return "broker";
    case EntityKind::kGroup:
      return "group";
  }
  return "?";
}

inline std::string_view field_name(Field f) {
  switch (f) {
    case Field::kNodeUp:
      return "up";
    case Field::kIncarnation:
      return "incarnation";
    case Field::kPingsSent:
      return "pings_sent";
    case Field::kPongsReceived:
      return "pongs_received";
    case Field::kPongsOnDisk:
      return "pongs_on_disk";
    case Field::kBrokerState:
      return "broker_state";
    case Field::kMetadataOffset:
      return "metadata_offset";
    case Field::kFenced:
      return "fenced";
    case Field::kLeader:
      return "leader";
    case Field::kLeaderEpoch:
      return "leader_epoch";
    case Field::kIsrSize:
      return "isr_size";
    case Field::kHighWatermark:
      return "high_watermark";
    case Field::kLogEndOffset:
      return "log_end_offset";
    case Field::kLogStartOffset:
      return "log_start_offset";
    case Field::kTruncatedTo:
      return "truncated";
    case Field::kSegmentsDeleted:
      return "segments_deleted";
    case Field::kRecordsRemoved:
      return "records_cleaned";
    case Field::kCleanerCheckpoint:
      return "cleaner_checkpoint";
    case Field::kQuorumRole:
      return "quorum_role";
    case Field::kQuorumEpoch:
      return "quorum_epoch";
    case Field::kGroupState:
      return "group_state";
    case Field::kGroupGeneration:
      return "generation";
  }
  return "?";
}

}  // namespace ksim::trace
