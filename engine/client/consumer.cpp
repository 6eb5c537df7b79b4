// The consumer's application loop (KafkaConsumer.poll) and the node's event handlers. The
// fetcher is in consumer_fetch.cpp, positions and resets in consumer_offsets.cpp.
#include "engine/client/consumer.h"

#include <fmt/format.h>

#include "engine/client/serde.h"
#include "engine/sim/overloaded.h"

namespace ksim::client {
namespace {

// Takes up to max.poll.records from the buffer in order, deserializing each. A record that
// cannot be read ends the batch; if it is the first, poll() throws and the position stays on it.
size_t take_records(Consumer& c, runtime::Context& ctx) {
  size_t taken = 0;
  while (!c.memory.buffer.empty() && taken < static_cast<size_t>(c.config.max_poll_records)) {
    const BufferedRecord& next = c.memory.buffer.front();
    const auto state = c.memory.assigned.find(next.tp);
    // Stale: the partition was reassigned or the position moved past it since the fetch. An
    // offset above the position is a gap the cleaner left (a seek drops the buffer).
    if (state == c.memory.assigned.end() || !state->second.position ||
        next.offset < *state->second.position) {
      c.memory.buffer.pop_front();
      continue;
    }
    const Deserialized key = deserialize(c.config.key_deserializer, next.record.key);
    const Deserialized value = deserialize(c.config.value_deserializer, next.record.value);
    if (!key.error.empty() || !value.error.empty()) {
      if (taken > 0) break;  // return what came before; the next poll() throws
      detail::poll_threw(
          c,
          fmt::format("RecordDeserializationException: Error deserializing {} for partition {} "
                      "at offset {}. If needed, please seek past the record to continue "
                      "consumption. ({})",
                      key.error.empty() ? "VALUE" : "KEY", kafka::to_string(next.tp), next.offset,
                      key.error.empty() ? value.error : key.error),
          kafka::ErrorCode::CORRUPT_MESSAGE, ctx);
      return 0;
    }
    c.consumed.push_back(ConsumedRecord{next.tp, next.offset, next.record.id, key.shown,
                                        value.shown, ctx.now(), next.record.timestamp_ms});
    state->second.position = next.next_offset;
    c.memory.buffer.pop_front();
    ++taken;
  }
  return taken;
}

void start_assignment(Consumer& c) {
  for (const kafka::TopicPartition& tp : c.assignment) {
    c.memory.assigned.try_emplace(tp);
    c.memory.metadata.wanted.insert(tp.topic);
  }
  for (const std::string& topic : c.subscription) c.memory.metadata.wanted.insert(topic);
}

}  // namespace

namespace detail {

void poll_threw(Consumer& c, const std::string& what, kafka::ErrorCode traced,
                runtime::Context& ctx) {
  c.memory.state = ConsumerAppState::kFailed;
  c.memory.error = what;
  c.errors.push_back(fmt::format("{} ms: {}", ctx.now().ms(), what));
  if (traced != kafka::ErrorCode::NONE) ctx.report_error(static_cast<int16_t>(traced));
}

void poll(Consumer& c, runtime::Context& ctx) {
  if (c.memory.state == ConsumerAppState::kFailed || c.memory.state == ConsumerAppState::kClosing ||
      c.memory.state == ConsumerAppState::kClosed) {
    return;
  }
  maybe_request_metadata(c.memory.metadata, c.config.metadata_max_age_ms, c.config.retry_backoff_ms,
                         c.config.request_timeout_ms, c.memory.next_correlation, c.memory.deadlines,
                         ctx);
  ensure_coordinator(c, ctx);
  // Auto-commit runs inside poll(): it commits what the previous polls returned.
  maybe_auto_commit(c, ctx);
  maybe_join(c, ctx);
  reset_positions(c, ctx);
  if (c.memory.state == ConsumerAppState::kFailed) return;
  const size_t taken = take_records(c, ctx);
  // Kafka sends the next fetches before returning, so they overlap the processing.
  send_fetches(c, ctx);
  if (c.memory.state == ConsumerAppState::kFailed) return;
  if (taken > 0) {
    c.memory.state = ConsumerAppState::kProcessing;
    ctx.set_timer(SimTime::from_us(c.processing_us_per_record * static_cast<int64_t>(taken)),
                  proto::TimerKind::kConsumerPoll);
    return;
  }
  // Still inside the same poll(Duration): its deadline stands; a new poll gets a new one.
  if (c.memory.state == ConsumerAppState::kPolling && c.memory.poll_deadline > ctx.now()) return;
  c.memory.state = ConsumerAppState::kPolling;
  c.memory.poll_deadline = ctx.now() + SimTime::from_ms(c.poll_timeout_ms);
  ctx.set_timer(SimTime::from_ms(c.poll_timeout_ms), proto::TimerKind::kConsumerPollTimeout);
}

}  // namespace detail

std::optional<int64_t> partition_lag(const Consumer& c, const kafka::TopicPartition& tp) {
  const auto it = c.memory.assigned.find(tp);
  if (it == c.memory.assigned.end() || !it->second.position || it->second.high_watermark < 0) {
    return std::nullopt;
  }
  return it->second.high_watermark - *it->second.position;
}

void on_start(Consumer& c, runtime::Context& ctx) {
  start_assignment(c);
  c.memory.next_auto_commit = ctx.now() + SimTime::from_ms(c.config.auto_commit_interval_ms);
  detail::poll(c, ctx);
}

void on_crash(Consumer& c) {
  std::vector<NodeId> bootstrap = std::move(c.memory.metadata.bootstrap);
  c.memory = ConsumerMemory{};
  c.memory.metadata.bootstrap = std::move(bootstrap);
}

void on_action(Consumer& c, const proto::Action& action, runtime::Context& ctx) {
  if (const auto* seek = std::get_if<proto::ConsumerSeek>(&action)) {
    const auto it = c.memory.assigned.find(seek->tp);
    if (it == c.memory.assigned.end()) {
      // KafkaConsumer.seek: "No current assignment for partition demo_1-0".
      c.errors.push_back(
          fmt::format("{} ms: IllegalStateException: No current assignment for "
                      "partition {}",
                      ctx.now().ms(), kafka::to_string(seek->tp)));
      return;
    }
    // What was fetched for the old position is no use at the new one.
    std::erase_if(c.memory.buffer, [&](const BufferedRecord& r) { return r.tp == seek->tp; });
    if (seek->offset >= 0) {
      it->second.position = seek->offset;
      it->second.reset_to.reset();
    } else {
      detail::request_reset(c, seek->tp,
                            seek->offset == proto::kSeekBeginning ? proto::kEarliestTimestamp
                                                                  : proto::kLatestTimestamp);
    }
    // The application catches the exception, seeks and polls on.
    if (c.memory.state == ConsumerAppState::kFailed) {
      c.memory.state = ConsumerAppState::kPolling;
      c.memory.error.clear();
      detail::poll(c, ctx);
    }
  } else if (const auto* commit = std::get_if<proto::ConsumerCommit>(&action)) {
    detail::commit(c, commit->sync, false, ctx);
  } else if (std::holds_alternative<proto::CloseClient>(action)) {
    // close(): with auto-commit, a last synchronous commit of the positions first; a dynamic
    // member then leaves its group so the others rebalance at once.
    c.memory.state = ConsumerAppState::kClosing;
    if (detail::uses_group(c) && c.config.enable_auto_commit) detail::commit(c, true, true, ctx);
    detail::leave_group(c, "the consumer is being closed", ctx);
    detail::finish_close_if_done(c, ctx);
  }
}

namespace {

// No answer within request.timeout.ms: whichever request it was is given up on.
void request_timed_out(Consumer& c, int64_t corr, runtime::Context& ctx) {
  if (metadata_request_failed(c.memory.metadata, corr, c.config.retry_backoff_ms, ctx)) return;
  if (detail::group_request_failed(c, corr, ctx)) return;
  if (detail::membership_request_failed(c, corr, ctx)) return;
  if (detail::fetch_failed(c, corr, ctx)) return;
  detail::list_offsets_failed(c, corr, ctx);
}

}  // namespace

void on_timer(Consumer& c, proto::TimerKind kind, int64_t /*arg*/, runtime::Context& ctx) {
  switch (kind) {
    case proto::TimerKind::kConsumerPoll:
      if (c.memory.state == ConsumerAppState::kProcessing) detail::poll(c, ctx);
      return;
    case proto::TimerKind::kConsumerPollTimeout:
      // poll(Duration) returned empty; the application's loop calls it again.
      if (c.memory.state == ConsumerAppState::kPolling && ctx.now() >= c.memory.poll_deadline) {
        c.memory.state = ConsumerAppState::kProcessing;
        detail::poll(c, ctx);
      }
      return;
    case proto::TimerKind::kClientMetadataRetry:
      maybe_request_metadata(c.memory.metadata, c.config.metadata_max_age_ms,
                             c.config.retry_backoff_ms, c.config.request_timeout_ms,
                             c.memory.next_correlation, c.memory.deadlines, ctx);
      detail::ensure_coordinator(c, ctx);
      if (c.memory.state == ConsumerAppState::kPolling) detail::poll(c, ctx);
      return;
    case proto::TimerKind::kConsumerHeartbeat:
      detail::heartbeat_tick(c, ctx);
      return;
    case proto::TimerKind::kClientRequestTimeout:
      for (const int64_t corr : c.memory.deadlines.expire(ctx)) request_timed_out(c, corr, ctx);
      return;
    default:
      return;
  }
}

void on_message(Consumer& c, NodeId /*from*/, const proto::Payload& payload,
                runtime::Context& ctx) {
  c.memory.deadlines.answered(proto::correlation_of_answer(payload));
  std::visit(Overloaded{
                 [&](const proto::MetadataResponse& m) {
                   if (apply_metadata_response(c.memory.metadata, m, ctx)) {
                     detail::check_metadata_for_rejoin(c);
                     ctx.set_timer(SimTime::from_ms(c.config.metadata_max_age_ms),
                                   proto::TimerKind::kClientMetadataRetry);
                     if (c.memory.state == ConsumerAppState::kPolling) detail::poll(c, ctx);
                   }
                 },
                 [&](const proto::FetchResponse& m) { detail::handle_fetch_response(c, m, ctx); },
                 [&](const proto::ListOffsetsResponse& m) {
                   detail::handle_list_offsets_response(c, m, ctx);
                 },
                 [&](const proto::ConnectionClosed& m) {
                   if (metadata_request_failed(c.memory.metadata, m.correlation_id,
                                               c.config.retry_backoff_ms, ctx)) {
                     return;
                   }
                   if (detail::group_request_failed(c, m.correlation_id, ctx)) return;
                   if (detail::membership_request_failed(c, m.correlation_id, ctx)) return;
                   if (detail::fetch_failed(c, m.correlation_id, ctx)) return;
                   detail::list_offsets_failed(c, m.correlation_id, ctx);
                 },
                 [&](const auto&) {
                   if (!detail::handle_membership_response(c, payload, ctx)) {
                     detail::handle_group_response(c, payload, ctx);
                   }
                 },
             },
             payload);
}

}  // namespace ksim::client
