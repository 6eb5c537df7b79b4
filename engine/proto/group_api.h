// The group coordinator's requests as plain structs (Kafka's FindCoordinator, OffsetCommit and
// OffsetFetch), with Kafka's field names. A consumer finds its group's coordinator, then commits
// and fetches the group's offsets there; the coordinator stores them as records of
// __consumer_offsets.
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

}  // namespace ksim::proto
