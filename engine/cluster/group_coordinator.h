// The group coordinator's state on a broker (Kafka's GroupCoordinator and
// GroupMetadataManager, classic protocol): the groups whose __consumer_offsets partition this
// broker leads, loaded from that partition when it became leader, with their committed offsets.
// Every change is first written to the partition as a record (offsets_records.h) and applied to
// this cache only once the write is replicated, so a new coordinator after a failover rebuilds
// exactly what was acknowledged.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/proto/action.h"
#include "engine/proto/group_api.h"
#include "engine/sim/ids.h"
#include "engine/sim/time.h"

namespace ksim::cluster {

inline constexpr const char* kOffsetsTopic = "__consumer_offsets";

struct CommittedOffset {
  int64_t offset = 0;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  friend bool operator==(const CommittedOffset&, const CommittedOffset&) = default;
};

// ClassicGroupState: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead.
enum class GroupPhase : uint8_t {
  kEmpty,
  kPreparingRebalance,
  kCompletingRebalance,
  kStable,
  kDead,
};
std::string_view group_phase_name(GroupPhase p);

// GroupMetadataManager.partitionFor: the __consumer_offsets partition that holds `group`
// (Utils.abs(groupId.hashCode) % the topic's partition count).
int32_t offsets_partition_for(const std::string& group, int32_t partition_count);

struct GroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  NodeId node;
  int32_t session_timeout_ms = 45000;
  int32_t rebalance_timeout_ms = 300000;
  std::vector<proto::JoinGroupProtocol> protocols;
  std::optional<int64_t> awaiting_join;  // correlation id of its parked JoinGroup
  std::optional<int64_t> awaiting_sync;  // correlation id of its parked SyncGroup
  std::vector<kafka::TopicPartition> assignment;
  SimTime session_deadline;
  friend bool operator==(const GroupMember&, const GroupMember&) = default;
};

struct GroupState {
  std::string group_id;
  uint64_t key = 0;  // names the group in its timers
  GroupPhase phase = GroupPhase::kEmpty;
  int32_t generation = 0;
  std::string protocol_type;  // "consumer" once a member joined (KIP-211 expiry)
  std::string protocol_name;
  std::string leader_id;
  std::vector<GroupMember> members;  // in join order (Kafka's LinkedHashMap)
  // Got MEMBER_ID_REQUIRED, not joined yet: dropped if they do not join within their session.
  struct PendingMember {
    std::string member_id;
    SimTime deadline;
    friend bool operator==(const PendingMember&, const PendingMember&) = default;
  };
  std::vector<PendingMember> pending_members;
  bool new_member_added = false;
  bool initial_delay = false;  // the join phase of an Empty group, extended per wave
  int64_t initial_delay_remaining_ms = 0;
  SimTime join_deadline;
  SimTime sync_deadline;
  SimTime empty_since;
  std::map<kafka::TopicPartition, CommittedOffset> offsets;
  friend bool operator==(const GroupState&, const GroupState&) = default;
};

// kafka-consumer-groups --reset-offsets under way: the log start and end offsets it asked the
// partitions' leaders for.
struct PendingReset {
  proto::ResetOffsets request;
  std::vector<int64_t> outstanding;  // ListOffsets correlation ids not answered yet
  std::vector<int64_t> earliest_requests;
  std::map<kafka::TopicPartition, int64_t> earliest;
  std::map<kafka::TopicPartition, int64_t> latest;
  friend bool operator==(const PendingReset&, const PendingReset&) = default;
};

// What one kafka-consumer-groups --reset-offsets run through this broker came to: the tool's
// error, or the offsets it planned (and, with --execute, committed), in planning order. The
// CLI prints it as Kafka's tool does (cli/shell/consumer_groups_tool.h).
struct ResetOffsetsOutcome {
  std::string group;
  std::string error;     // Kafka's message; "" when the offsets were planned
  bool refused = false;  // the group was active: an error, then the tool's empty table
  std::vector<proto::OffsetCommitPartition> plan;
  bool execute = false;
  friend bool operator==(const ResetOffsetsOutcome&, const ResetOffsetsOutcome&) = default;
};

struct GroupCoordinator {
  std::map<std::string, GroupState> groups;    // of the loaded partitions
  std::set<int32_t> loaded;                    // __consumer_offsets partitions led and loaded here
  std::optional<SimTime> offsets_topic_asked;  // when this broker last asked to create it
  uint64_t next_key = 1;
  std::vector<PendingReset> resets;
  // The resets run through this broker, oldest first.
  std::vector<ResetOffsetsOutcome> reset_outcomes;
  friend bool operator==(const GroupCoordinator&, const GroupCoordinator&) = default;
};

// An OffsetCommit waiting for its records to be replicated (rides on a DelayedProduce).
struct PendingCommit {
  std::string group_id;
  std::vector<proto::OffsetCommitPartition> partitions;
  int64_t commit_timestamp_ms = 0;
  bool reply = true;  // false for the coordinator's own writes (expired offsets)
  std::optional<int32_t> sync_generation;  // set: the group metadata write of a SyncGroup
  friend bool operator==(const PendingCommit&, const PendingCommit&) = default;
};

}  // namespace ksim::cluster
