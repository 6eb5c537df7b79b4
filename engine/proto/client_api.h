// Kafka's client requests as plain structs: Metadata, InitProducerId, Produce, Fetch (also what
// followers send their leaders) and ListOffsets. One struct per request and response; the fields
// keep Kafka's names. Record batches are shared immutable values, so a fetch response costs no
// copy.
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

// An idempotent producer's first request: any broker hands out a producer id (epoch 0).
struct InitProducerIdRequest {
  int64_t correlation_id = 0;
  int32_t transaction_timeout_ms = 60000;
  friend bool operator==(const InitProducerIdRequest&, const InitProducerIdRequest&) = default;
};

struct InitProducerIdResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  friend bool operator==(const InitProducerIdResponse&, const InitProducerIdResponse&) = default;
};

// Simplification: one partition and one batch per Produce request
// (docs/simplifications.md#requests).
struct ProduceRequest {
  int64_t correlation_id = 0;
  int16_t acks = -1;  // 0, 1 or -1 (all)
  int32_t timeout_ms = 30000;
  kafka::TopicPartition tp;
  kafka::ProducerIdentity producer;  // the batch header's producer id, epoch, base sequence
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
  std::string rack_id;  // a consumer's client.rack (KIP-392); empty: none
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
  int32_t preferred_read_replica = -1;  // KIP-392: fetch from this broker instead (no records)
  std::vector<kafka::BatchPtr> batches;
  friend bool operator==(const FetchPartitionData&, const FetchPartitionData&) = default;
};

struct FetchResponse {
  int64_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  std::vector<FetchPartitionData> partitions;
  friend bool operator==(const FetchResponse&, const FetchResponse&) = default;
};

// ListOffsets' special timestamps (ListOffsetsRequest.EARLIEST_TIMESTAMP / LATEST_TIMESTAMP).
inline constexpr int64_t kEarliestTimestamp = -2;
inline constexpr int64_t kLatestTimestamp = -1;

struct ListOffsetsPartition {
  kafka::TopicPartition tp;
  int64_t timestamp = kLatestTimestamp;
  friend bool operator==(const ListOffsetsPartition&, const ListOffsetsPartition&) = default;
};

// What auto.offset.reset, seekToBeginning/End and the lag columns ask the leader.
// Simplification: read_uncommitted only, so "latest" is the high watermark.
struct ListOffsetsRequest {
  int64_t correlation_id = 0;
  int32_t replica_id = -1;
  std::vector<ListOffsetsPartition> partitions;
  friend bool operator==(const ListOffsetsRequest&, const ListOffsetsRequest&) = default;
};

struct ListOffsetsPartitionResponse {
  kafka::TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  int64_t timestamp = -1;
  int64_t offset = -1;
  int32_t leader_epoch = -1;
  friend bool operator==(const ListOffsetsPartitionResponse&,
                         const ListOffsetsPartitionResponse&) = default;
};

struct ListOffsetsResponse {
  int64_t correlation_id = 0;
  std::vector<ListOffsetsPartitionResponse> partitions;
  friend bool operator==(const ListOffsetsResponse&, const ListOffsetsResponse&) = default;
};

}  // namespace ksim::proto
