// The consumer's positions (Kafka's OffsetFetcher and SubscriptionState resets): a partition
// without a position, or whose position fell out of range, is reset by auto.offset.reset with a
// ListOffsets to its leader (earliest: the log start offset; latest: the high watermark); with
// none, poll() throws instead. seekToBeginning and seekToEnd use the same request.
#include <fmt/format.h>

#include <algorithm>

#include "engine/client/consumer.h"

namespace ksim::client::detail {
namespace {

int64_t policy_timestamp(const Consumer& c) {
  return c.config.auto_offset_reset == AutoOffsetReset::kEarliest ? proto::kEarliestTimestamp
                                                                  : proto::kLatestTimestamp;
}

}  // namespace

void request_reset(Consumer& c, const kafka::TopicPartition& tp, int64_t timestamp) {
  PartitionPosition& p = c.memory.assigned[tp];
  p.position.reset();
  p.reset_to = timestamp;
}

void reset_by_policy(Consumer& c, const kafka::TopicPartition& tp, const std::string& why,
                     runtime::Context& ctx) {
  if (c.config.auto_offset_reset == AutoOffsetReset::kNone) {
    poll_threw(c, why, kafka::ErrorCode::OFFSET_OUT_OF_RANGE, ctx);
    return;
  }
  request_reset(c, tp, policy_timestamp(c));
}

void reset_positions(Consumer& c, runtime::Context& ctx) {
  std::map<NodeId, proto::ListOffsetsRequest> by_leader;
  if (uses_group(c)) fetch_committed_offsets(c, ctx);
  for (auto& [tp, p] : c.memory.assigned) {
    // With a group, a partition starts from its committed offset, if it has one.
    if (uses_group(c) && !p.position && !p.reset_to && !p.committed_checked) continue;
    if (!p.position && !p.reset_to) {
      reset_by_policy(c, tp,
                      fmt::format("NoOffsetForPartitionException: Undefined offset with no reset "
                                  "policy for partitions: [{}]",
                                  kafka::to_string(tp)),
                      ctx);
      if (c.memory.state == ConsumerAppState::kFailed) return;
    }
    if (!p.reset_to) continue;
    // `tp` is captured by an init-capture: clang 14 cannot capture a structured binding.
    const bool in_flight = std::any_of(c.memory.list_offsets.begin(), c.memory.list_offsets.end(),
                                       [&tp = tp](const InFlightListOffsets& l) {
                                         return std::find(l.partitions.begin(), l.partitions.end(),
                                                          tp) != l.partitions.end();
                                       });
    if (in_flight) continue;
    const std::optional<NodeId> leader = leader_node(c.memory.metadata, tp);
    if (!leader) {
      request_metadata_update(c.memory.metadata);
      continue;
    }
    proto::ListOffsetsRequest& req = by_leader[*leader];
    req.partitions.push_back(proto::ListOffsetsPartition{tp, *p.reset_to});
  }
  for (auto& [node, req] : by_leader) {
    req.correlation_id = c.memory.next_correlation++;
    InFlightListOffsets pending{req.correlation_id, {}};
    for (const proto::ListOffsetsPartition& q : req.partitions) pending.partitions.push_back(q.tp);
    c.memory.list_offsets.push_back(std::move(pending));
    c.memory.deadlines.add(req.correlation_id, SimTime::from_ms(c.config.request_timeout_ms), ctx);
    ctx.send(node, std::move(req));
  }
  maybe_request_metadata(c.memory.metadata, c.config.metadata_max_age_ms, c.config.retry_backoff_ms,
                         c.config.request_timeout_ms, c.memory.next_correlation, c.memory.deadlines,
                         ctx);
}

void handle_list_offsets_response(Consumer& c, const proto::ListOffsetsResponse& resp,
                                  runtime::Context& ctx) {
  const auto it = std::find_if(
      c.memory.list_offsets.begin(), c.memory.list_offsets.end(),
      [&](const InFlightListOffsets& l) { return l.correlation_id == resp.correlation_id; });
  if (it == c.memory.list_offsets.end()) return;
  c.memory.list_offsets.erase(it);
  for (const proto::ListOffsetsPartitionResponse& r : resp.partitions) {
    const auto p = c.memory.assigned.find(r.tp);
    if (p == c.memory.assigned.end() || !p->second.reset_to) continue;
    if (r.error != kafka::ErrorCode::NONE) {
      request_metadata_update(c.memory.metadata);  // retried by the next poll
      continue;
    }
    p->second.position = r.offset;
    p->second.reset_to.reset();
  }
  if (c.memory.state == ConsumerAppState::kPolling) poll(c, ctx);
}

bool list_offsets_failed(Consumer& c, int64_t correlation, runtime::Context& /*ctx*/) {
  const auto it =
      std::find_if(c.memory.list_offsets.begin(), c.memory.list_offsets.end(),
                   [&](const InFlightListOffsets& l) { return l.correlation_id == correlation; });
  if (it == c.memory.list_offsets.end()) return false;
  c.memory.list_offsets.erase(it);
  request_metadata_update(c.memory.metadata);
  return true;
}

}  // namespace ksim::client::detail
