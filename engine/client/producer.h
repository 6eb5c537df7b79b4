// Kafka's Java producer as a node (KafkaProducer, RecordAccumulator, Sender and the idempotent
// part of TransactionManager): send() serializes each record, picks its partition (partitioner.h)
// and appends it to that partition's open batch; the sender drains a batch once it is full,
// its linger.ms is up or more batches queue behind it, and sends it to the partition's leader
// with the configured acks. Failed batches are retried with backoff until delivery.timeout.ms;
// with idempotence the producer first gets a producer id and numbers every record, so a retry
// of a batch the broker already wrote is recognised and not written twice.
// Simplifications (docs/clients.md): one batch per Produce request; no compression, buffer.memory
// or transactions; a crash loses the application's pending sends with the process.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/client_config.h"
#include "engine/client/client_metadata.h"
#include "engine/client/partitioner.h"
#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"
#include "engine/sim/prng.h"
#include "engine/sim/shared_chunks.h"

namespace ksim::client {

// What became of one send(): what the application's callback would be told.
struct SendOutcome {
  enum class Status : uint8_t { kPending, kAcked, kFailed };
  RecordId record;
  kafka::TopicPartition tp;  // partition -1 until the partitioner chose
  std::optional<std::string> key;
  std::optional<std::string> value;  // as the application gave it (before serializing)
  Status status = Status::kPending;
  int64_t offset = -1;  // RecordMetadata.offset(); -1 for acks=0 and failures
  std::string error;    // the exception the callback gets
  SimTime sent_at;
  SimTime done_at;
  friend bool operator==(const SendOutcome&, const SendOutcome&) = default;
};

// A record waiting in the accumulator, with the outcome it reports to.
struct QueuedRecord {
  kafka::Record record;
  size_t outcome = 0;
  friend bool operator==(const QueuedRecord&, const QueuedRecord&) = default;
};

// ProducerBatch: records for one partition, sent together.
struct ProducerBatch {
  kafka::TopicPartition tp;
  std::vector<QueuedRecord> records;
  int32_t size_bytes = 0;  // estimated like the accumulator's MemoryRecordsBuilder
  SimTime created;
  int32_t attempts = 0;
  SimTime retry_at;            // not before this (retry backoff)
  int32_t base_sequence = -1;  // fixed at the first send when idempotent
  friend bool operator==(const ProducerBatch&, const ProducerBatch&) = default;
};

struct InFlightProduce {
  int64_t correlation_id = 0;
  NodeId node;
  ProducerBatch batch;
  friend bool operator==(const InFlightProduce&, const InFlightProduce&) = default;
};

// send() called while the topic's metadata is unknown: KafkaProducer.waitOnMetadata blocks up
// to max.block.ms.
struct BlockedSend {
  kafka::Record record;
  std::optional<int32_t> partition;
  size_t outcome = 0;
  SimTime since;
  friend bool operator==(const BlockedSend&, const BlockedSend&) = default;
};

// An application loop sending records (a ProducerSend action).
struct SendProgram {
  proto::ProducerSend spec;
  int32_t sent = 0;
  friend bool operator==(const SendProgram&, const SendProgram&) = default;
};

struct ProducerMemory {
  ClientMetadata metadata;
  int64_t next_correlation = 1;
  runtime::DeadlineTimer deadlines{proto::TimerKind::kClientRequestTimeout};  // request.timeout.ms
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
  int64_t init_producer_id_in_flight = -1;
  size_t init_producer_id_candidate = 0;  // which broker to ask next (moves on after a failure)
  std::map<kafka::TopicPartition, int32_t> next_sequence;
  std::map<kafka::TopicPartition, int32_t> last_acked_sequence;
  std::map<kafka::TopicPartition, std::deque<ProducerBatch>> queues;
  std::vector<InFlightProduce> in_flight;
  std::vector<BlockedSend> blocked;
  std::map<std::string, BuiltInPartitioner> sticky;  // by topic
  RoundRobinPartitioner round_robin;
  std::vector<SendProgram> programs;
  int64_t generated_values = 0;
  std::optional<SimTime> sender_wake;  // the pending kProducerSend timer
  bool closing = false;
  friend bool operator==(const ProducerMemory&, const ProducerMemory&) = default;
};

// What the application's callbacks have reported so far.
struct SendCounts {
  int64_t sent = 0;
  int64_t acked = 0;
  int64_t failed = 0;
  int64_t pending = 0;
  friend bool operator==(const SendCounts&, const SendCounts&) = default;
};

struct Producer {
  NodeId id;
  std::string name;
  ProducerConfig config;
  Prng rng;  // partition draws and backoff jitter
  ProducerMemory memory;
  // The application's record of every send and its callback; kept across crashes like the
  // application's own log, so a lesson can compare it with what the brokers kept. Shared
  // chunks: a checkpoint does not copy a long run's millions of sends.
  SharedChunks<SendOutcome, 256> outcomes;
  SendCounts counts;  // a summary of `outcomes`
  friend bool operator==(const Producer&, const Producer&) = default;
};

inline SendCounts count_outcomes(const Producer& p) { return p.counts; }

void on_start(Producer& p, runtime::Context& ctx);
void on_message(Producer& p, NodeId from, const proto::Payload& payload, runtime::Context& ctx);
void on_timer(Producer& p, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);
void on_crash(Producer& p);
void on_action(Producer& p, const proto::Action& action, runtime::Context& ctx);

// --- internal, shared by producer.cpp and producer_sender.cpp ---
namespace detail {
bool metadata_covers(const std::optional<TopicMetadata>& md, std::optional<int32_t> partition);
// The sender's loop: producer id, metadata, blocked sends, draining ready batches, expiry,
// and the next wake-up.
void run_sender(Producer& p, runtime::Context& ctx);
void handle_produce_response(Producer& p, const proto::ProduceResponse& resp,
                             runtime::Context& ctx);
// A Produce that will get no answer (timeout or broken connection): retried like an error.
void produce_failed(Producer& p, int64_t correlation, kafka::ErrorCode error,
                    runtime::Context& ctx);
// Routes the blocked sends whose topic's metadata has arrived.
void route_blocked_sends(Producer& p, runtime::Context& ctx);
// Appends a record to its partition's open batch, or a new one.
void append_to_accumulator(Producer& p, const kafka::TopicPartition& tp, kafka::Record record,
                           size_t outcome, runtime::Context& ctx);
// Records the callback of send number `outcome`: acknowledged at `offset`, or failed with
// `error` (when not empty). A send that already has its answer keeps it.
void settle(Producer& p, size_t outcome, int64_t offset, const std::string& error, SimTime now);
// Completes every record of a batch with its offsets, or fails it with `error`.
void complete_batch(Producer& p, const ProducerBatch& batch, int64_t base_offset,
                    const std::string& error, runtime::Context& ctx);
}  // namespace detail

}  // namespace ksim::client
