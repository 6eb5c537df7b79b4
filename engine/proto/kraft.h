// Requests between brokers and the KRaft controller: registration, heartbeats (which also
// carry the metadata records a broker has not seen yet), AlterPartition and CreateTopics.
// Simplification: brokers get metadata records pushed by the controller and in heartbeat
// responses instead of fetching the __cluster_metadata log (docs/simplifications.md#controller).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/errors.h"
#include "engine/kafka/types.h"
#include "engine/proto/metadata_records.h"

namespace ksim::proto {

using kafka::ErrorCode;

struct BrokerRegistrationRequest {
  int32_t broker_id = 0;
  std::optional<std::string> rack;
  friend bool operator==(const BrokerRegistrationRequest&,
                         const BrokerRegistrationRequest&) = default;
};

struct BrokerRegistrationResponse {
  ErrorCode error = ErrorCode::NONE;
  int64_t broker_epoch = 0;
  NodeId leader_hint{-1};  // with NOT_CONTROLLER: the active controller, if known
  friend bool operator==(const BrokerRegistrationResponse&,
                         const BrokerRegistrationResponse&) = default;
};

struct BrokerHeartbeatRequest {
  int32_t broker_id = 0;
  int64_t broker_epoch = 0;
  int64_t metadata_offset = 0;  // records applied so far: the next one it needs
  bool want_shutdown = false;   // controlled shutdown in progress
  friend bool operator==(const BrokerHeartbeatRequest&, const BrokerHeartbeatRequest&) = default;
};

// Metadata records from `first_offset` on, in log order.
struct MetadataRecords {
  int64_t first_offset = 0;
  std::vector<MetadataRecord> records;
  friend bool operator==(const MetadataRecords&, const MetadataRecords&) = default;
};

struct BrokerHeartbeatResponse {
  ErrorCode error = ErrorCode::NONE;
  bool is_fenced = true;
  bool shutdown_now = false;
  MetadataRecords catch_up;  // records the broker has not applied yet
  NodeId leader_hint{-1};    // with NOT_CONTROLLER: the active controller, if known
  friend bool operator==(const BrokerHeartbeatResponse&, const BrokerHeartbeatResponse&) = default;
};

// The controller tells brokers about new metadata records as soon as they are committed
// (what a broker's long-polling metadata fetch would return).
struct MetadataPush {
  MetadataRecords records;
  friend bool operator==(const MetadataPush&, const MetadataPush&) = default;
};

struct AlterPartitionRequest {
  int32_t broker_id = 0;
  int64_t broker_epoch = 0;
  kafka::TopicPartition tp;
  int32_t leader_epoch = 0;
  int32_t partition_epoch = 0;
  std::vector<int32_t> new_isr;
  friend bool operator==(const AlterPartitionRequest&, const AlterPartitionRequest&) = default;
};

struct AlterPartitionResponse {
  ErrorCode error = ErrorCode::NONE;
  kafka::TopicPartition tp;
  PartitionRecord state;  // the committed state when error == NONE
  friend bool operator==(const AlterPartitionResponse&, const AlterPartitionResponse&) = default;
};

struct CreateTopicsRequest {
  int64_t correlation_id = 0;
  std::string name;
  int32_t num_partitions = 1;
  int16_t replication_factor = 1;
  std::map<std::string, std::string> configs;
  friend bool operator==(const CreateTopicsRequest&, const CreateTopicsRequest&) = default;
};

struct CreateTopicsResponse {
  int64_t correlation_id = 0;
  std::string name;
  ErrorCode error = ErrorCode::NONE;
  std::string error_message;
  friend bool operator==(const CreateTopicsResponse&, const CreateTopicsResponse&) = default;
};

}  // namespace ksim::proto
