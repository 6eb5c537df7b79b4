// The producer's application side (KafkaProducer.send): serialize, choose the partition, append
// to the accumulator; and the node's event handlers. The sender is in producer_sender.cpp.
#include "engine/client/producer.h"

#include <fmt/format.h>

#include "engine/client/murmur2.h"
#include "engine/client/serde.h"
#include "engine/kafka/batch_size.h"
#include "engine/sim/overloaded.h"

namespace ksim::client {
namespace {

// What a generated value looks like for each serializer: "producer-7", 7 or {"n": 7}.
AppValue generated_value(const Producer& p, int64_t n) {
  switch (p.config.value_serializer) {
    case Serde::kInteger:
    case Serde::kLong:
      return AppValue{std::nullopt, n};
    case Serde::kJson:
      return AppValue{fmt::format("{{\"producer\": \"{}\", \"n\": {}}}", p.name, n), std::nullopt};
    case Serde::kString:
      break;
  }
  return AppValue{fmt::format("{}-{}", p.name, n), std::nullopt};
}

// A value template: "{n}" in a text key or value becomes the record's number within its send
// action (0, 1, ...), as the seeds' `for e in range(1000): send(value={'number': e})` does; a
// quoted "{n}" in JSON text becomes a JSON number.
AppValue instantiate(AppValue v, int64_t n) {
  if (!v.text) return v;
  const std::string number = std::to_string(n);
  for (const std::string placeholder : {"\"{n}\"", "{n}"}) {
    for (size_t at = v.text->find(placeholder); at != std::string::npos;
         at = v.text->find(placeholder, at + number.size())) {
      v.text->replace(at, placeholder.size(), number);
    }
  }
  return v;
}

std::optional<std::string> shown(const AppValue& v) {
  if (v.text) return *v.text;
  if (v.number) return std::to_string(*v.number);
  return std::nullopt;
}

void fail_outcome(Producer& p, size_t outcome, const std::string& error, runtime::Context& ctx) {
  detail::settle(p, outcome, -1, error, ctx.now());
}

// The last batch of a partition still has room for `record` (RecordAccumulator.tryAppend).
bool has_room(const Producer& p, const kafka::TopicPartition& tp, const kafka::Record& record) {
  const auto q = p.memory.queues.find(tp);
  if (q == p.memory.queues.end() || q->second.empty()) return false;
  const ProducerBatch& last = q->second.back();
  if (last.attempts > 0) return false;  // already sent once: closed
  const auto delta = static_cast<int32_t>(last.records.size());
  const int32_t size = kafka::record_size_bytes(
      record, delta, record.timestamp_ms - last.records.front().record.timestamp_ms);
  return last.size_bytes + size <= p.config.batch_size;
}

bool last_batch_full(const Producer& p, const kafka::TopicPartition& tp) {
  const auto q = p.memory.queues.find(tp);
  return q == p.memory.queues.end() || q->second.empty() ||
         q->second.back().size_bytes >= p.config.batch_size;
}

}  // namespace

namespace detail {

void append_to_accumulator(Producer& p, const kafka::TopicPartition& tp, kafka::Record record,
                           size_t outcome, runtime::Context& ctx) {
  SendOutcome routed = p.outcomes[outcome];
  routed.tp = tp;
  p.outcomes.set(outcome, std::move(routed));
  std::deque<ProducerBatch>& queue = p.memory.queues[tp];
  if (!has_room(p, tp, record)) {
    ProducerBatch batch;
    batch.tp = tp;
    batch.created = ctx.now();
    batch.size_bytes = kafka::kRecordBatchOverhead;
    queue.push_back(std::move(batch));
  }
  ProducerBatch& batch = queue.back();
  const auto delta = static_cast<int32_t>(batch.records.size());
  const int64_t ts_delta =
      batch.records.empty() ? 0 : record.timestamp_ms - batch.records.front().record.timestamp_ms;
  batch.size_bytes += kafka::record_size_bytes(record, delta, ts_delta);
  batch.records.push_back(QueuedRecord{std::move(record), outcome});
}

}  // namespace detail

namespace {

// KafkaProducer.doSend after metadata is known: partition, then append.
void route(Producer& p, const std::string& topic, const TopicMetadata& md,
           std::optional<int32_t> explicit_partition, kafka::Record record, size_t outcome,
           runtime::Context& ctx) {
  if (explicit_partition && *explicit_partition >= md.partition_count) {
    fail_outcome(p, outcome,
                 fmt::format("IllegalArgumentException: Invalid partition given with record: {} "
                             "is not in the range [0...{}).",
                             *explicit_partition, md.partition_count),
                 ctx);
    return;
  }
  PrngRandomSource random(p.rng);
  const std::optional<std::string_view> key =
      record.key ? std::optional<std::string_view>(*record.key) : std::nullopt;
  int32_t partition = 0;
  switch (p.config.partitioner) {
    case PartitionerChoice::kRoundRobin: {
      auto has_open_batch = [&](int32_t candidate) {
        return has_room(p, kafka::TopicPartition{topic, candidate}, record);
      };
      partition =
          round_robin_send(p.memory.round_robin, topic, md, explicit_partition, has_open_batch)
              .partition;
      break;
    }
    case PartitionerChoice::kRandom: {
      std::vector<int32_t> all;
      for (int32_t i = 0; i < md.partition_count; ++i) all.push_back(i);
      partition = explicit_partition ? *explicit_partition
                                     : kafka_python_partition(key, all, md.available, random);
      break;
    }
    case PartitionerChoice::kBuiltIn: {
      partition = producer_partition(RecordRouting{explicit_partition, key},
                                     p.config.partitioner_ignore_keys, md.partition_count);
      if (partition != kUnknownPartition) break;
      auto sticky = p.memory.sticky.find(topic);
      if (sticky == p.memory.sticky.end()) {
        sticky =
            p.memory.sticky
                .emplace(topic, *BuiltInPartitioner::create(
                                    BuiltInPartitioner::sticky_batch_size_for(p.config.batch_size)))
                .first;
      }
      partition = sticky->second.peek_current_partition(md, random);
      const kafka::TopicPartition tp{topic, partition};
      const int32_t before =
          p.memory.queues[tp].empty() ? 0 : p.memory.queues[tp].back().size_bytes;
      const bool new_batch = !has_room(p, tp, record);
      detail::append_to_accumulator(p, tp, std::move(record), outcome, ctx);
      const int32_t appended = new_batch ? p.memory.queues[tp].back().size_bytes
                                         : p.memory.queues[tp].back().size_bytes - before;
      // RecordAccumulator.append: switch only once the partition's batches are full.
      sticky->second.update_partition_info(appended, md, random, last_batch_full(p, tp));
      return;
    }
  }
  detail::append_to_accumulator(p, kafka::TopicPartition{topic, partition}, std::move(record),
                                outcome, ctx);
}

// One KafkaProducer.send from a program.
void send_one(Producer& p, SendProgram& program, runtime::Context& ctx) {
  const proto::ProducerSend& spec = program.spec;
  const AppValue key =
      spec.keys.empty()
          ? AppValue{}
          : instantiate(spec.keys[static_cast<size_t>(program.sent) % spec.keys.size()],
                        program.sent);
  const AppValue value =
      spec.values.empty()
          ? generated_value(p, p.memory.generated_values++)
          : instantiate(spec.values[static_cast<size_t>(program.sent) % spec.values.size()],
                        program.sent);
  ++program.sent;
  SendOutcome outcome;
  outcome.tp = kafka::TopicPartition{spec.topic, -1};
  outcome.key = shown(key);
  outcome.value = shown(value);
  outcome.sent_at = ctx.now();
  kafka::Record record;
  record.id = ctx.new_record_id();
  record.timestamp_ms = ctx.now().ms();
  outcome.record = record.id;
  p.outcomes.push_back(outcome);
  ++p.counts.sent;
  ++p.counts.pending;
  const size_t index = p.outcomes.size() - 1;
  const Serialized k = serialize(p.config.key_serializer, key);
  const Serialized v = serialize(p.config.value_serializer, value);
  if (!k.error.empty() || !v.error.empty()) {
    fail_outcome(p, index, "SerializationException: " + (k.error.empty() ? v.error : k.error), ctx);
    return;
  }
  record.key = k.bytes;
  record.value = v.bytes;
  const int32_t size = kafka::kRecordBatchOverhead + kafka::record_size_bytes(record, 0, 0);
  if (size > p.config.max_request_size) {
    fail_outcome(p, index,
                 fmt::format("RecordTooLargeException: The message is {} bytes when serialized "
                             "which is larger than {}, which is the value of the "
                             "max.request.size configuration.",
                             size, p.config.max_request_size),
                 ctx);
    return;
  }
  p.memory.metadata.wanted.insert(spec.topic);
  const std::optional<TopicMetadata> md = topic_metadata(p.memory.metadata, spec.topic);
  if (!detail::metadata_covers(md, spec.partition)) {
    p.memory.blocked.push_back(BlockedSend{std::move(record), spec.partition, index, ctx.now()});
    request_metadata_update(p.memory.metadata);
    return;
  }
  route(p, spec.topic, *md, spec.partition, std::move(record), index, ctx);
}

void run_program(Producer& p, size_t index, runtime::Context& ctx) {
  if (index >= p.memory.programs.size()) return;
  SendProgram& program = p.memory.programs[index];
  if (program.spec.every_ms <= 0) {
    while (program.sent < program.spec.count) send_one(p, program, ctx);
  } else if (program.sent < program.spec.count) {
    send_one(p, program, ctx);
    if (program.sent < program.spec.count) {
      ctx.set_timer(SimTime::from_ms(program.spec.every_ms), proto::TimerKind::kProducerApp,
                    static_cast<int64_t>(index));
    }
  }
  detail::run_sender(p, ctx);
}

}  // namespace

namespace detail {

// KafkaProducer.waitOnMetadata waits until the topic is known and, for a record with an
// explicit partition, until the metadata has that partition (it may be newly added).
bool metadata_covers(const std::optional<TopicMetadata>& md, std::optional<int32_t> partition) {
  return md && (!partition || *partition < md->partition_count);
}

void route_blocked_sends(Producer& p, runtime::Context& ctx) {
  std::vector<BlockedSend> still;
  std::vector<BlockedSend> blocked;
  blocked.swap(p.memory.blocked);
  for (BlockedSend& b : blocked) {
    const std::string& topic = p.outcomes[b.outcome].tp.topic;
    const std::optional<TopicMetadata> md = topic_metadata(p.memory.metadata, topic);
    if (!metadata_covers(md, b.partition)) {
      still.push_back(std::move(b));
      continue;
    }
    route(p, topic, *md, b.partition, std::move(b.record), b.outcome, ctx);
  }
  p.memory.blocked = std::move(still);
}

}  // namespace detail

namespace detail {

void settle(Producer& p, size_t outcome, int64_t offset, const std::string& error, SimTime now) {
  SendOutcome o = p.outcomes[outcome];
  if (o.status != SendOutcome::Status::kPending) return;
  o.status = error.empty() ? SendOutcome::Status::kAcked : SendOutcome::Status::kFailed;
  o.offset = error.empty() ? offset : -1;
  o.error = error;
  o.done_at = now;
  --p.counts.pending;
  ++(error.empty() ? p.counts.acked : p.counts.failed);
  p.outcomes.set(outcome, std::move(o));
}

}  // namespace detail

void on_start(Producer& p, runtime::Context& ctx) { detail::run_sender(p, ctx); }

void on_crash(Producer& p) {
  // What was still waiting for its callback dies with the process. The time stays unknown: a
  // crash has no context (the outcome keeps the send's time as its end).
  for (size_t i = 0; i < p.outcomes.size() && p.counts.pending > 0; ++i) {
    if (p.outcomes[i].status != SendOutcome::Status::kPending) continue;
    detail::settle(p, i, -1,
                   "lost: the producer process crashed before the record was acknowledged",
                   p.outcomes[i].sent_at);
  }
  std::vector<NodeId> bootstrap = std::move(p.memory.metadata.bootstrap);
  p.memory = ProducerMemory{};
  p.memory.metadata.bootstrap = std::move(bootstrap);
}

void on_action(Producer& p, const proto::Action& action, runtime::Context& ctx) {
  if (const auto* send = std::get_if<proto::ProducerSend>(&action)) {
    if (p.memory.closing) return;
    p.memory.programs.push_back(SendProgram{*send, 0});
    run_program(p, p.memory.programs.size() - 1, ctx);
  } else if (const auto* set = std::get_if<proto::SetSerializer>(&action)) {
    // The loader checked the names, so parsing cannot fail here.
    std::map<std::string, std::string> configs;
    if (set->key) configs["key.serializer"] = *set->key;
    if (set->value) configs["value.serializer"] = *set->value;
    std::vector<ClientConfigProblem> problems;
    const ProducerConfig parsed = parse_producer_config(configs, problems);
    if (set->key) p.config.key_serializer = parsed.key_serializer;
    if (set->value) p.config.value_serializer = parsed.value_serializer;
  } else if (std::holds_alternative<proto::CloseClient>(action)) {
    // KafkaProducer.close(): no new sends; the sender drains what is queued, then stops.
    p.memory.closing = true;
    detail::run_sender(p, ctx);
  }
}

namespace {

// No answer within request.timeout.ms: Kafka's client gives up on the connection.
void request_timed_out(Producer& p, int64_t corr, runtime::Context& ctx) {
  if (metadata_request_failed(p.memory.metadata, corr, p.config.retry_backoff_ms, ctx)) return;
  if (corr == p.memory.init_producer_id_in_flight) {
    p.memory.init_producer_id_in_flight = -1;
    ++p.memory.init_producer_id_candidate;
    detail::run_sender(p, ctx);
    return;
  }
  detail::produce_failed(p, corr, kafka::ErrorCode::REQUEST_TIMED_OUT, ctx);
}

}  // namespace

void on_timer(Producer& p, proto::TimerKind kind, int64_t arg, runtime::Context& ctx) {
  switch (kind) {
    case proto::TimerKind::kProducerApp:
      run_program(p, static_cast<size_t>(arg), ctx);
      return;
    case proto::TimerKind::kProducerSend:
      if (p.memory.sender_wake && *p.memory.sender_wake <= ctx.now()) p.memory.sender_wake.reset();
      detail::run_sender(p, ctx);
      return;
    case proto::TimerKind::kClientMetadataRetry:
      detail::run_sender(p, ctx);
      return;
    case proto::TimerKind::kClientRequestTimeout:
      for (const int64_t corr : p.memory.deadlines.expire(ctx)) request_timed_out(p, corr, ctx);
      return;
    default:
      return;
  }
}

void on_message(Producer& p, NodeId /*from*/, const proto::Payload& payload,
                runtime::Context& ctx) {
  p.memory.deadlines.answered(proto::correlation_of_answer(payload));
  std::visit(
      Overloaded{
          [&](const proto::MetadataResponse& m) {
            if (apply_metadata_response(p.memory.metadata, m, ctx)) {
              // Metadata goes stale after metadata.max.age.ms: look again then.
              ctx.set_timer(SimTime::from_ms(p.config.metadata_max_age_ms),
                            proto::TimerKind::kClientMetadataRetry);
              detail::run_sender(p, ctx);
            }
          },
          [&](const proto::InitProducerIdResponse& m) {
            if (m.correlation_id != p.memory.init_producer_id_in_flight) return;
            p.memory.init_producer_id_in_flight = -1;
            if (m.error == kafka::ErrorCode::NONE) {
              p.memory.producer_id = m.producer_id;
              p.memory.producer_epoch = m.producer_epoch;
            }
            detail::run_sender(p, ctx);
          },
          [&](const proto::ProduceResponse& m) { detail::handle_produce_response(p, m, ctx); },
          [&](const proto::ConnectionClosed& m) {
            if (metadata_request_failed(p.memory.metadata, m.correlation_id,
                                        p.config.retry_backoff_ms, ctx)) {
              return;
            }
            if (m.correlation_id == p.memory.init_producer_id_in_flight) {
              p.memory.init_producer_id_in_flight = -1;
              ++p.memory.init_producer_id_candidate;
              ctx.set_timer(SimTime::from_ms(p.config.retry_backoff_ms),
                            proto::TimerKind::kProducerSend);
              return;
            }
            detail::produce_failed(p, m.correlation_id, kafka::ErrorCode::NETWORK_EXCEPTION, ctx);
          },
          [](const auto&) {},
      },
      payload);
}

}  // namespace ksim::client
