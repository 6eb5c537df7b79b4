// A minimal scripted client that tests (and, until the real producer and consumer arrive,
// lessons) use to drive the cluster: told by actions to produce N records to a partition with
// given acks, or to fetch a partition from an offset as a consumer. It bootstraps from a
// broker's Metadata, sends each request to the partition's leader, and remembers every
// outcome so a test can compare what was acknowledged with what the logs kept.
// Not Kafka's producer: no batching, partitioner, retries or idempotence (the clients issue).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/errors.h"
#include "engine/kafka/types.h"
#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"

namespace ksim::cluster {

struct ProduceOutcome {
  int64_t correlation_id = 0;
  kafka::TopicPartition tp;
  int16_t acks = -1;
  std::vector<RecordId> records;
  std::vector<std::string> values;
  bool answered = false;
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
  int64_t base_offset = -1;
  friend bool operator==(const ProduceOutcome&, const ProduceOutcome&) = default;
};

struct ConsumedRecord {
  kafka::TopicPartition tp;
  int64_t offset = 0;
  RecordId id;
  std::optional<std::string> value;
  friend bool operator==(const ConsumedRecord&, const ConsumedRecord&) = default;
};

struct ScriptedClientMemory {
  std::map<kafka::TopicPartition, int32_t> leaders;  // from the last Metadata
  std::map<int32_t, NodeId> brokers;
  std::vector<proto::Action> waiting;  // actions waiting for metadata
  size_t bootstrap_index = 0;          // which known or bootstrap broker to ask next
  int64_t metadata_correlation = -1;   // the unanswered Metadata request, if any
  std::vector<ProduceOutcome> produced;
  std::vector<ConsumedRecord> consumed;
  int64_t next_correlation_id = 1;
  int64_t next_value = 0;
  friend bool operator==(const ScriptedClientMemory&, const ScriptedClientMemory&) = default;
};

struct ScriptedClient {
  NodeId id;
  std::string name;
  std::vector<NodeId> bootstrap;  // bootstrap.servers
  int32_t request_timeout_ms = 30000;
  ScriptedClientMemory memory;
  friend bool operator==(const ScriptedClient&, const ScriptedClient&) = default;
};

void on_start(ScriptedClient& c, runtime::Context& ctx);
void on_message(ScriptedClient& c, NodeId from, const proto::Payload& payload,
                runtime::Context& ctx);
void on_timer(ScriptedClient& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);
void on_crash(ScriptedClient& c);
void on_action(ScriptedClient& c, const proto::Action& action, runtime::Context& ctx);

}  // namespace ksim::cluster
