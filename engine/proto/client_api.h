// Kafka's client requests as plain structs: Metadata, Produce and Fetch (Fetch is also what
// followers send their leaders). One struct per request and response; the fields keep Kafka's
// names. Record batches are shared immutable values, so a fetch response costs no copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/errors.h"
#include "engine/kafka/record.h"
#include "engine/kafka/types.h"
#include "engine/sim/ids.h"

namespace ksim::proto {

using kafka::ErrorCode;

struct MetadataRequest {
  int64_t correlation_id = 0;
  std::vector<std::string> topics;  // empty: every topic
  bool allow_auto_topic_creation = true;
  friend bool operator==(const MetadataRequest&, const MetadataRequest&) = default;
};

struct MetadataBroker {
  int32_t broker_id = 0;
  NodeId node;  // the simulated host:port
  std::optional<std::string> rack;
  friend bool operator==(const MetadataBroker&, const MetadataBroker&) = default;
};

struct MetadataPartition {
  int32_t partition = 0;
  ErrorCode error = ErrorCode::NONE;
  int32_t leader = -1;
  int32_t leader_epoch = 0;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
  std::vector<int32_t> offline_replicas;
  friend bool operator==(const MetadataPartition&, const MetadataPartition&) = default;
};

struct MetadataTopic {
  std::string name;
  ErrorCode error = ErrorCode::NONE;
  std::vector<MetadataPartition> partitions;
  friend bool operator==(const MetadataTopic&, const MetadataTopic&) = default;
};

struct MetadataResponse {
  int64_t correlation_id = 0;
  std::vector<MetadataBroker> brokers;  // unfenced brokers
  int32_t controller_id = -1;
  std::vector<MetadataTopic> topics;
  friend bool operator==(const MetadataResponse&, const MetadataResponse&) = default;
};

// Simplification: one partition per Produce request (docs/simplifications.md#requests).
struct ProduceRequest {
  int64_t correlation_id = 0;
  int16_t acks = -1;  // 0, 1 or -1 (all)
  int32_t timeout_ms = 30000;
  kafka::TopicPartition tp;
  std::vector<kafka::Record> records;
  friend bool operator==(const ProduceRequest&, const ProduceRequest&) = default;
};

struct ProduceResponse {
  int64_t correlation_id = 0;
  kafka::TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  int64_t base_offset = -1;
  int64_t log_start_offset = -1;
  std::string error_message;
  friend bool operator==(const ProduceResponse&, const ProduceResponse&) = default;
};

struct FetchPartition {
  kafka::TopicPartition tp;
  int32_t current_leader_epoch = -1;
  int64_t fetch_offset = 0;
  int32_t last_fetched_epoch = -1;  // truncation on fetch (KIP-320/Fetch v12)
  int32_t partition_max_bytes = 1048576;
  friend bool operator==(const FetchPartition&, const FetchPartition&) = default;
};

struct FetchRequest {
  int64_t correlation_id = 0;
  int32_t replica_id = -1;  // the fetching broker's id; -1 for a consumer
  int32_t max_wait_ms = 500;
  int32_t min_bytes = 1;
  int32_t max_bytes = 52428800;
  std::vector<FetchPartition> partitions;
  friend bool operator==(const FetchRequest&, const FetchRequest&) = default;
};

struct EpochEndOffset {
  int32_t epoch = -1;
  int64_t end_offset = -1;
  friend bool operator==(const EpochEndOffset&, const EpochEndOffset&) = default;
};

struct FetchPartitionData {
  kafka::TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  int64_t high_watermark = -1;
  int64_t log_start_offset = -1;
  std::optional<EpochEndOffset> diverging_epoch;
  std::vector<kafka::BatchPtr> batches;
  friend bool operator==(const FetchPartitionData&, const FetchPartitionData&) = default;
};

struct FetchResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  std::vector<FetchPartitionData> partitions;
  friend bool operator==(const FetchResponse&, const FetchResponse&) = default;
};

}  // namespace ksim::proto
