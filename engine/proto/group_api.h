// The group coordinator's requests as plain structs (Kafka's FindCoordinator, JoinGroup,
// SyncGroup, Heartbeat, LeaveGroup, OffsetCommit and OffsetFetch), with Kafka's field names. A
// consumer finds its group's coordinator, joins the group there, and commits and fetches the
// group's offsets; the coordinator stores them as records of __consumer_offsets.
// Simplification: a member's subscription and assignment travel as structs, not as the bytes of
// Kafka's ConsumerProtocol (docs/groups.md#simplifications).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/errors.h"
#include "engine/kafka/types.h"
#include "engine/sim/ids.h"

namespace ksim::proto {

using kafka::ErrorCode;

struct FindCoordinatorRequest {
  int64_t correlation_id = 0;
  std::string key;  // the group id (key_type 0: GROUP)
  friend bool operator==(const FindCoordinatorRequest&, const FindCoordinatorRequest&) = default;
};

struct FindCoordinatorResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  int32_t node_id = -1;  // the coordinator's broker id
  NodeId node;           // its simulated host:port
  friend bool operator==(const FindCoordinatorResponse&, const FindCoordinatorResponse&) = default;
};

struct OffsetCommitPartition {
  kafka::TopicPartition tp;
  int64_t committed_offset = 0;
  int32_t committed_leader_epoch = -1;
  std::string committed_metadata;
  friend bool operator==(const OffsetCommitPartition&, const OffsetCommitPartition&) = default;
};

struct OffsetCommitRequest {
  int64_t correlation_id = 0;
  std::string group_id;
  int32_t generation_id = -1;  // -1 and an empty member id: a consumer using assign()
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::vector<OffsetCommitPartition> partitions;
  friend bool operator==(const OffsetCommitRequest&, const OffsetCommitRequest&) = default;
};

struct PartitionError {
  kafka::TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  friend bool operator==(const PartitionError&, const PartitionError&) = default;
};

struct OffsetCommitResponse {
  int64_t correlation_id = 0;
  std::vector<PartitionError> partitions;
  friend bool operator==(const OffsetCommitResponse&, const OffsetCommitResponse&) = default;
};

struct OffsetFetchRequest {
  int64_t correlation_id = 0;
  std::string group_id;
  std::vector<kafka::TopicPartition> partitions;  // empty: every partition with an offset
  friend bool operator==(const OffsetFetchRequest&, const OffsetFetchRequest&) = default;
};

struct OffsetFetchPartition {
  kafka::TopicPartition tp;
  int64_t committed_offset = -1;  // -1: no committed offset
  int32_t committed_leader_epoch = -1;
  std::string metadata;
  ErrorCode error = ErrorCode::NONE;
  friend bool operator==(const OffsetFetchPartition&, const OffsetFetchPartition&) = default;
};

struct OffsetFetchResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;  // COORDINATOR_LOAD_IN_PROGRESS, NOT_COORDINATOR, ...
  std::vector<OffsetFetchPartition> partitions;
  friend bool operator==(const OffsetFetchResponse&, const OffsetFetchResponse&) = default;
};

// ConsumerProtocolSubscription: what a member asks for, in one assignor's protocol entry.
struct GroupSubscription {
  std::vector<std::string> topics;
  std::vector<kafka::TopicPartition> owned_partitions;  // cooperative and sticky assignors
  int32_t generation_id = -1;                           // of owned_partitions
  friend bool operator==(const GroupSubscription&, const GroupSubscription&) = default;
};

struct JoinGroupProtocol {
  std::string name;  // the assignor: "range", "cooperative-sticky", ...
  GroupSubscription subscription;
  friend bool operator==(const JoinGroupProtocol&, const JoinGroupProtocol&) = default;
};

struct JoinGroupRequest {
  int64_t correlation_id = 0;
  std::string group_id;
  int32_t session_timeout_ms = 45000;
  int32_t rebalance_timeout_ms = 300000;  // the Java consumer sends max.poll.interval.ms
  std::string member_id;                  // "" on the first join
  std::optional<std::string> group_instance_id;
  std::string client_id;  // from the request header: the member id starts with it
  std::string protocol_type = "consumer";
  std::vector<JoinGroupProtocol> protocols;  // in preference order
  std::string reason;
  friend bool operator==(const JoinGroupRequest&, const JoinGroupRequest&) = default;
};

struct JoinGroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  GroupSubscription subscription;  // under the chosen protocol
  friend bool operator==(const JoinGroupMember&, const JoinGroupMember&) = default;
};

struct JoinGroupResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  int32_t generation_id = -1;
  std::string protocol_name;
  std::string leader;
  std::string member_id;
  std::vector<JoinGroupMember> members;  // only in the leader's response
  friend bool operator==(const JoinGroupResponse&, const JoinGroupResponse&) = default;
};

struct SyncGroupAssignment {
  std::string member_id;
  std::vector<kafka::TopicPartition> partitions;
  friend bool operator==(const SyncGroupAssignment&, const SyncGroupAssignment&) = default;
};

struct SyncGroupRequest {
  int64_t correlation_id = 0;
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::vector<SyncGroupAssignment> assignments;  // only from the leader
  friend bool operator==(const SyncGroupRequest&, const SyncGroupRequest&) = default;
};

struct SyncGroupResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  std::vector<kafka::TopicPartition> assignment;
  friend bool operator==(const SyncGroupResponse&, const SyncGroupResponse&) = default;
};

struct HeartbeatRequest {
  int64_t correlation_id = 0;
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  friend bool operator==(const HeartbeatRequest&, const HeartbeatRequest&) = default;
};

struct HeartbeatResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  friend bool operator==(const HeartbeatResponse&, const HeartbeatResponse&) = default;
};

struct LeaveGroupRequest {
  int64_t correlation_id = 0;
  std::string group_id;
  std::string member_id;
  std::string reason;
  friend bool operator==(const LeaveGroupRequest&, const LeaveGroupRequest&) = default;
};

struct LeaveGroupResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  friend bool operator==(const LeaveGroupResponse&, const LeaveGroupResponse&) = default;
};

}  // namespace ksim::proto
