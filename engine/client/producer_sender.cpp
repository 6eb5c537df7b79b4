// The producer's sender (Kafka's Sender and RecordAccumulator.ready/drain/expiredBatches, with
// the idempotent producer's bookkeeping from TransactionManager): gets a producer id, keeps
// metadata fresh, sends ready batches to partition leaders within
// max.in.flight.requests.per.connection, retries failures with exponential backoff until
// delivery.timeout.ms, and expires what waited too long.
#include <fmt/format.h>

#include <algorithm>

#include "engine/client/producer.h"

namespace ksim::client::detail {
namespace {

// The Java exception a failed send reports, by error code (Errors.exception()).
std::string exception_for(kafka::ErrorCode error) {
  switch (error) {
    case kafka::ErrorCode::NOT_ENOUGH_REPLICAS:
      return "NotEnoughReplicasException: Messages are rejected since there are fewer in-sync "
             "replicas than required.";
    case kafka::ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return "NotEnoughReplicasAfterAppendException: Messages are written to the log, but to "
             "fewer in-sync replicas than required.";
    case kafka::ErrorCode::MESSAGE_TOO_LARGE:
      return "RecordTooLargeException: The request included a message larger than the max "
             "message size the server will accept.";
    case kafka::ErrorCode::INVALID_RECORD:
      return "InvalidRecordException: This record has failed the validation on broker and hence "
             "will be rejected.";
    case kafka::ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER:
      return "OutOfOrderSequenceException: The broker received an out of order sequence number.";
    case kafka::ErrorCode::REQUEST_TIMED_OUT:
    case kafka::ErrorCode::NETWORK_EXCEPTION:
      return "TimeoutException: the request got no answer within request.timeout.ms";
    default:
      return fmt::format("KafkaException: {}", kafka::error_name(error));
  }
}

bool is_retriable(kafka::ErrorCode error) {
  switch (error) {
    case kafka::ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case kafka::ErrorCode::LEADER_NOT_AVAILABLE:
    case kafka::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case kafka::ErrorCode::NOT_ENOUGH_REPLICAS:
    case kafka::ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case kafka::ErrorCode::REQUEST_TIMED_OUT:
    case kafka::ErrorCode::NETWORK_EXCEPTION:
    case kafka::ErrorCode::KAFKA_STORAGE_ERROR:
    case kafka::ErrorCode::FENCED_LEADER_EPOCH:
      return true;
    default:
      return false;
  }
}

bool idempotent(const Producer& p) { return p.config.enable_idempotence; }

// KIP-580's exponential backoff: retry.backoff.ms * 2^(attempt-1), capped at
// retry.backoff.max.ms, times a jitter factor in [0.8, 1.2].
SimTime retry_backoff(Producer& p, int32_t attempts) {
  int64_t ms = p.config.retry_backoff_ms;
  for (int32_t i = 1; i < attempts && ms < p.config.retry_backoff_max_ms; ++i) ms *= 2;
  ms = std::min(ms, std::max(p.config.retry_backoff_max_ms, p.config.retry_backoff_ms));
  const auto ppm = static_cast<int64_t>(800000 + p.rng.bounded(400001));
  return SimTime::from_us(ms * ppm / 1000);
}

SimTime delivery_deadline(const Producer& p, const ProducerBatch& b) {
  return b.created + SimTime::from_ms(p.config.delivery_timeout_ms);
}

int32_t in_flight_to(const Producer& p, NodeId node) {
  return static_cast<int32_t>(
      std::count_if(p.memory.in_flight.begin(), p.memory.in_flight.end(),
                    [&](const InFlightProduce& f) { return f.node == node; }));
}

bool in_flight_for(const Producer& p, const kafka::TopicPartition& tp) {
  return std::any_of(p.memory.in_flight.begin(), p.memory.in_flight.end(),
                     [&](const InFlightProduce& f) { return f.batch.tp == tp; });
}

// Kafka's producer fails sends that waited max.block.ms for metadata, and batches older than
// delivery.timeout.ms.
void expire(Producer& p, runtime::Context& ctx) {
  std::vector<BlockedSend> still;
  for (BlockedSend& b : p.memory.blocked) {
    if (ctx.now() - b.since < SimTime::from_ms(p.config.max_block_ms)) {
      still.push_back(std::move(b));
      continue;
    }
    const std::string& topic = p.outcomes[b.outcome].tp.topic;
    const std::optional<TopicMetadata> md = topic_metadata(p.memory.metadata, topic);
    settle(p, b.outcome, -1,
           md && b.partition
               ? fmt::format("TimeoutException: Partition {} of topic {} with partition count {} "
                             "is not present in metadata after {} ms.",
                             *b.partition, topic, md->partition_count, p.config.max_block_ms)
               : fmt::format("TimeoutException: Topic {} not present in metadata after {} ms.",
                             topic, p.config.max_block_ms),
           ctx.now());
    ctx.report_error(static_cast<int16_t>(kafka::ErrorCode::REQUEST_TIMED_OUT));
  }
  p.memory.blocked = std::move(still);
  for (auto& [tp, queue] : p.memory.queues) {
    while (!queue.empty() && delivery_deadline(p, queue.front()) <= ctx.now()) {
      const ProducerBatch batch = std::move(queue.front());
      queue.pop_front();
      complete_batch(
          p, batch, -1,
          fmt::format("TimeoutException: Expiring {} record(s) for {}: {} ms has "
                      "passed since batch creation",
                      batch.records.size(), kafka::to_string(tp), (ctx.now() - batch.created).ms()),
          ctx);
    }
  }
}

// The idempotent producer's first step: InitProducerId to any broker.
bool await_producer_id(Producer& p, runtime::Context& ctx) {
  if (!idempotent(p) || p.memory.producer_id >= 0) return false;
  if (p.memory.init_producer_id_in_flight >= 0) return true;
  std::vector<NodeId> nodes;
  for (const auto& [id, b] : p.memory.metadata.brokers) nodes.push_back(b.node);
  if (nodes.empty()) nodes = p.memory.metadata.bootstrap;
  if (nodes.empty()) return true;
  const int64_t corr = p.memory.next_correlation++;
  p.memory.init_producer_id_in_flight = corr;
  ctx.send(nodes[p.memory.init_producer_id_candidate % nodes.size()],
           proto::InitProducerIdRequest{corr, 60000});
  p.memory.deadlines.add(corr, SimTime::from_ms(p.config.request_timeout_ms), ctx);
  return true;
}

// RecordAccumulator.ready for the head batch of a partition.
bool head_ready(const Producer& p, const std::deque<ProducerBatch>& queue, SimTime now) {
  const ProducerBatch& head = queue.front();
  if (head.retry_at > now) return false;
  return queue.size() > 1 || head.size_bytes >= p.config.batch_size ||
         now >= head.created + SimTime::from_ms(p.config.linger_ms) || p.memory.closing ||
         head.attempts > 0;
}

void send_batch(Producer& p, ProducerBatch batch, NodeId node, runtime::Context& ctx) {
  const auto count = static_cast<int32_t>(batch.records.size());
  if (idempotent(p) && batch.base_sequence < 0) {
    int32_t& next = p.memory.next_sequence[batch.tp];
    batch.base_sequence = next;
    next += count;
  }
  ++batch.attempts;
  proto::ProduceRequest req;
  req.correlation_id = p.memory.next_correlation++;
  req.acks = p.config.acks;
  req.timeout_ms = static_cast<int32_t>(p.config.request_timeout_ms);
  req.tp = batch.tp;
  if (idempotent(p)) {
    req.producer =
        kafka::ProducerIdentity{p.memory.producer_id, p.memory.producer_epoch, batch.base_sequence};
  }
  for (const QueuedRecord& r : batch.records) req.records.push_back(r.record);
  const int64_t corr = req.correlation_id;
  ctx.send(node, std::move(req));
  if (p.config.acks == 0) {
    // acks=0: done once written to the socket; the offset is unknown (-1).
    complete_batch(p, batch, -1, "", ctx);
    return;
  }
  p.memory.in_flight.push_back(InFlightProduce{corr, node, std::move(batch)});
  p.memory.deadlines.add(corr, SimTime::from_ms(p.config.request_timeout_ms), ctx);
}

void drain(Producer& p, runtime::Context& ctx) {
  for (auto& [tp, queue] : p.memory.queues) {
    while (!queue.empty() && head_ready(p, queue, ctx.now())) {
      const std::optional<NodeId> leader = leader_node(p.memory.metadata, tp);
      if (!leader) {
        request_metadata_update(p.memory.metadata);
        break;
      }
      if (in_flight_to(p, *leader) >= p.config.max_in_flight_requests_per_connection) break;
      // A retried idempotent batch goes alone, so batches reach the log in sequence order.
      if (idempotent(p) && queue.front().attempts > 0 && in_flight_for(p, tp)) break;
      ProducerBatch batch = std::move(queue.front());
      queue.pop_front();
      send_batch(p, std::move(batch), *leader, ctx);
    }
  }
}

// The earliest moment something queued becomes due: a linger, a backoff, an expiry.
void schedule_wake(Producer& p, runtime::Context& ctx) {
  std::optional<SimTime> wake;
  auto consider = [&](SimTime t) {
    if (t > ctx.now() && (!wake || t < *wake)) wake = t;
  };
  for (const auto& [tp, queue] : p.memory.queues) {
    if (queue.empty()) continue;
    const ProducerBatch& head = queue.front();
    consider(std::max(head.created + SimTime::from_ms(p.config.linger_ms), head.retry_at));
    consider(delivery_deadline(p, head));
  }
  for (const BlockedSend& b : p.memory.blocked) {
    consider(b.since + SimTime::from_ms(p.config.max_block_ms));
  }
  if (!wake) return;
  if (p.memory.sender_wake && *p.memory.sender_wake > ctx.now() && *p.memory.sender_wake <= *wake) {
    return;  // an earlier wake-up is already set
  }
  p.memory.sender_wake = *wake;
  ctx.set_timer(*wake - ctx.now(), proto::TimerKind::kProducerSend);
}

bool idle(const Producer& p) {
  if (!p.memory.in_flight.empty() || !p.memory.blocked.empty()) return false;
  return std::all_of(p.memory.queues.begin(), p.memory.queues.end(),
                     [](const auto& q) { return q.second.empty(); });
}

// Retries a failed batch in sequence order at the front of its queue, or fails it.
void retry_or_fail(Producer& p, ProducerBatch batch, kafka::ErrorCode error,
                   runtime::Context& ctx) {
  bool retriable = is_retriable(error);
  if (error == kafka::ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER && idempotent(p)) {
    // TransactionManager.canRetry: out of order because an earlier batch is being retried.
    const auto acked = p.memory.last_acked_sequence.find(batch.tp);
    const int32_t expected = acked == p.memory.last_acked_sequence.end() ? 0 : acked->second + 1;
    retriable = batch.base_sequence != expected;
  }
  if (error == kafka::ErrorCode::NOT_LEADER_OR_FOLLOWER ||
      error == kafka::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION ||
      error == kafka::ErrorCode::NETWORK_EXCEPTION ||
      error == kafka::ErrorCode::REQUEST_TIMED_OUT ||
      error == kafka::ErrorCode::FENCED_LEADER_EPOCH) {
    request_metadata_update(p.memory.metadata);
  }
  if (!retriable || batch.attempts > p.config.retries || delivery_deadline(p, batch) <= ctx.now()) {
    complete_batch(p, batch, -1, exception_for(error), ctx);
    return;
  }
  batch.retry_at = ctx.now() + retry_backoff(p, batch.attempts);
  std::deque<ProducerBatch>& queue = p.memory.queues[batch.tp];
  auto at = queue.begin();
  while (at != queue.end() && at->base_sequence >= 0 && at->base_sequence < batch.base_sequence) {
    ++at;
  }
  queue.insert(at, std::move(batch));
}

}  // namespace

void complete_batch(Producer& p, const ProducerBatch& batch, int64_t base_offset,
                    const std::string& error, runtime::Context& ctx) {
  for (size_t i = 0; i < batch.records.size(); ++i) {
    settle(p, batch.records[i].outcome,
           base_offset >= 0 ? base_offset + static_cast<int64_t>(i) : -1, error, ctx.now());
  }
  if (error.empty() && idempotent(p) && batch.base_sequence >= 0) {
    int32_t& acked = p.memory.last_acked_sequence.try_emplace(batch.tp, -1).first->second;
    acked = std::max(acked, batch.base_sequence + static_cast<int32_t>(batch.records.size()) - 1);
  }
}

void run_sender(Producer& p, runtime::Context& ctx) {
  expire(p, ctx);
  for (const auto& [tp, queue] : p.memory.queues) {
    if (!queue.empty()) p.memory.metadata.wanted.insert(tp.topic);
  }
  maybe_request_metadata(p.memory.metadata, p.config.metadata_max_age_ms, p.config.retry_backoff_ms,
                         p.config.request_timeout_ms, p.memory.next_correlation, p.memory.deadlines,
                         ctx);
  route_blocked_sends(p, ctx);
  if (!await_producer_id(p, ctx)) drain(p, ctx);
  // A partition whose batches are all sent has no queue: keyed sends over thousands of
  // partitions would otherwise leave thousands of empty queues for every later pass (and every
  // checkpoint) to walk. Everything reads a missing queue as an empty one.
  std::erase_if(p.memory.queues, [](const auto& q) { return q.second.empty(); });
  // Adaptive partitioning: the sticky partitioner favours shorter queues.
  if (p.config.partitioner_adaptive_partitioning_enable) {
    for (auto& [topic, sticky] : p.memory.sticky) {
      const std::optional<TopicMetadata> md = topic_metadata(p.memory.metadata, topic);
      if (!md) continue;
      std::vector<int32_t> sizes;
      for (int32_t partition : md->available) {
        const auto q = p.memory.queues.find(kafka::TopicPartition{topic, partition});
        sizes.push_back(q == p.memory.queues.end() ? 0 : static_cast<int32_t>(q->second.size()));
      }
      sticky.update_partition_load_stats(sizes, md->available, md->available.size());
    }
  }
  maybe_request_metadata(p.memory.metadata, p.config.metadata_max_age_ms, p.config.retry_backoff_ms,
                         p.config.request_timeout_ms, p.memory.next_correlation, p.memory.deadlines,
                         ctx);
  if (p.memory.closing && idle(p)) {
    ctx.stop_self();
    return;
  }
  schedule_wake(p, ctx);
}

void handle_produce_response(Producer& p, const proto::ProduceResponse& resp,
                             runtime::Context& ctx) {
  const auto it = std::find_if(
      p.memory.in_flight.begin(), p.memory.in_flight.end(),
      [&](const InFlightProduce& f) { return f.correlation_id == resp.correlation_id; });
  // Not awaited any more: it timed out, and Kafka's client closed that connection.
  if (it == p.memory.in_flight.end()) return;
  ProducerBatch batch = std::move(it->batch);
  p.memory.in_flight.erase(it);
  if (resp.error == kafka::ErrorCode::NONE) {
    complete_batch(p, batch, resp.base_offset, "", ctx);
  } else {
    retry_or_fail(p, std::move(batch), resp.error, ctx);
  }
  run_sender(p, ctx);
}

void produce_failed(Producer& p, int64_t correlation, kafka::ErrorCode error,
                    runtime::Context& ctx) {
  const auto it =
      std::find_if(p.memory.in_flight.begin(), p.memory.in_flight.end(),
                   [&](const InFlightProduce& f) { return f.correlation_id == correlation; });
  if (it == p.memory.in_flight.end()) return;
  ProducerBatch batch = std::move(it->batch);
  p.memory.in_flight.erase(it);
  retry_or_fail(p, std::move(batch), error, ctx);
  run_sender(p, ctx);
}

}  // namespace ksim::client::detail
