// What a client knows of the cluster (Kafka's Metadata and ManualMetadataUpdater together): the
// brokers, and each wanted topic's partitions with their leaders. It bootstraps from the
// bootstrap.servers list, asking the next one when one is down or silent; once it knows brokers
// it asks them instead. It refreshes when told a leader moved (NOT_LEADER_OR_FOLLOWER, a broken
// connection) and every metadata.max.age.ms, which is the only way a producer notices
// partitions added to a topic.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/client/partitioner.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"
#include "engine/runtime/deadline_timer.h"

namespace ksim::client {

struct PartitionLeader {
  int32_t leader = -1;  // broker id; -1 while there is none
  int32_t leader_epoch = -1;
  std::vector<int32_t> replicas;
  friend bool operator==(const PartitionLeader&, const PartitionLeader&) = default;
};

struct TopicLeaders {
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
  std::vector<PartitionLeader> partitions;  // by partition index
  friend bool operator==(const TopicLeaders&, const TopicLeaders&) = default;
};

struct ClientMetadata {
  std::vector<NodeId> bootstrap;  // bootstrap.servers
  std::map<int32_t, proto::MetadataBroker> brokers;
  std::map<std::string, TopicLeaders> topics;
  std::set<std::string> wanted;  // topics this client uses
  bool need_update = true;
  bool ever_answered = false;
  SimTime last_update;
  int64_t in_flight = -1;     // the unanswered Metadata request's correlation id
  size_t next_candidate = 0;  // which broker to ask next (moves on after each failure)
  int32_t failed_attempts = 0;
  std::optional<SimTime> backoff_wake;  // the pending refresh-backoff timer, if any
  friend bool operator==(const ClientMetadata&, const ClientMetadata&) = default;
};

// Sends a Metadata request for the wanted topics if one is due (an update was asked for, or
// metadata.max.age.ms passed) and none is in flight. An update asked for within
// retry.backoff.ms of the last answer waits for it (Kafka's Metadata refreshBackoff): a
// kClientMetadataRetry timer brings the client back. `next_correlation` is the client's
// counter; the request's timeout goes into `deadlines`.
void maybe_request_metadata(ClientMetadata& m, int64_t max_age_ms, int64_t retry_backoff_ms,
                            int64_t request_timeout_ms, int64_t& next_correlation,
                            runtime::DeadlineTimer& deadlines, runtime::Context& ctx);

// Applies an answer; returns false if it was not the one awaited. Asks for another update
// when a wanted topic or partition still has no leader.
bool apply_metadata_response(ClientMetadata& m, const proto::MetadataResponse& resp,
                             runtime::Context& ctx);

// The awaited Metadata request failed (broken connection or timeout): the next broker is
// asked after retry.backoff.ms (kClientMetadataRetry). Returns false if `correlation` is not it.
bool metadata_request_failed(ClientMetadata& m, int64_t correlation, int64_t retry_backoff_ms,
                             runtime::Context& ctx);

// Marks the cached leaders stale (a NOT_LEADER_OR_FOLLOWER answer, a broken connection).
inline void request_metadata_update(ClientMetadata& m) { m.need_update = true; }

std::optional<NodeId> node_of_broker(const ClientMetadata& m, int32_t broker_id);
std::optional<NodeId> leader_node(const ClientMetadata& m, const kafka::TopicPartition& tp);
const PartitionLeader* partition_leader(const ClientMetadata& m, const kafka::TopicPartition& tp);
// The partitioners' view of a known topic (every partition, and those with a leader).
std::optional<TopicMetadata> topic_metadata(const ClientMetadata& m, const std::string& topic);

}  // namespace ksim::client
