// The consumer's fetcher (Kafka's AbstractFetch/Fetcher): one Fetch per broker for the assigned
// partitions that have a position, nothing buffered and no fetch out. A partition is read from
// its leader, or from the preferred read replica the leader named (KIP-392) until
// metadata.max.age.ms passes or that replica answers with an error.
#include <fmt/format.h>

#include <algorithm>

#include "engine/client/consumer.h"

namespace ksim::client::detail {
namespace {

bool fetch_out_for(const Consumer& c, const kafka::TopicPartition& tp) {
  return std::any_of(c.memory.fetches.begin(), c.memory.fetches.end(), [&](const InFlightFetch& f) {
    return std::find(f.partitions.begin(), f.partitions.end(), tp) != f.partitions.end();
  });
}

bool buffered_for(const Consumer& c, const kafka::TopicPartition& tp) {
  return std::any_of(c.memory.buffer.begin(), c.memory.buffer.end(),
                     [&](const BufferedRecord& r) { return r.tp == tp; });
}

// Where to fetch a partition from: the preferred replica while it is valid, else the leader.
std::optional<std::pair<NodeId, bool>> fetch_target(Consumer& c, const kafka::TopicPartition& tp,
                                                    PartitionPosition& p, SimTime now) {
  if (p.preferred_read_replica >= 0) {
    const std::optional<NodeId> node = node_of_broker(c.memory.metadata, p.preferred_read_replica);
    if (node && now < p.preferred_until) return std::make_pair(*node, true);
    p.preferred_read_replica = -1;
  }
  const std::optional<NodeId> leader = leader_node(c.memory.metadata, tp);
  if (!leader) return std::nullopt;
  return std::make_pair(*leader, false);
}

void forget_preferred(PartitionPosition& p) { p.preferred_read_replica = -1; }

}  // namespace

void send_fetches(Consumer& c, runtime::Context& ctx) {
  struct Pending {
    proto::FetchRequest request;
    InFlightFetch in_flight;
  };
  std::map<NodeId, Pending> by_node;
  for (auto& [tp, p] : c.memory.assigned) {
    if (!p.position || p.reset_to || fetch_out_for(c, tp) || buffered_for(c, tp)) continue;
    const auto target = fetch_target(c, tp, p, ctx.now());
    if (!target) {
      request_metadata_update(c.memory.metadata);
      continue;
    }
    const PartitionLeader* leader = partition_leader(c.memory.metadata, tp);
    Pending& out = by_node[target->first];
    out.request.partitions.push_back(
        proto::FetchPartition{tp, leader != nullptr ? leader->leader_epoch : -1, *p.position, -1,
                              c.config.max_partition_fetch_bytes});
    out.in_flight.partitions.push_back(tp);
    out.in_flight.fetch_offsets.push_back(*p.position);
    out.in_flight.to_follower = out.in_flight.to_follower || target->second;
  }
  for (auto& [node, out] : by_node) {
    out.request.correlation_id = c.memory.next_correlation++;
    out.request.replica_id = -1;
    out.request.max_wait_ms = c.config.fetch_max_wait_ms;
    out.request.min_bytes = c.config.fetch_min_bytes;
    out.request.max_bytes = c.config.fetch_max_bytes;
    out.request.rack_id = c.config.client_rack;
    out.in_flight.correlation_id = out.request.correlation_id;
    c.memory.fetches.push_back(std::move(out.in_flight));
    // The broker may park the fetch for fetch.max.wait.ms; the client waits that much longer.
    c.memory.deadlines.add(
        out.request.correlation_id,
        SimTime::from_ms(c.config.request_timeout_ms + c.config.fetch_max_wait_ms), ctx);
    ctx.send(node, std::move(out.request));
  }
}

void handle_fetch_response(Consumer& c, const proto::FetchResponse& resp, runtime::Context& ctx) {
  const auto it =
      std::find_if(c.memory.fetches.begin(), c.memory.fetches.end(),
                   [&](const InFlightFetch& f) { return f.correlation_id == resp.correlation_id; });
  if (it == c.memory.fetches.end()) return;
  const InFlightFetch sent = std::move(*it);
  c.memory.fetches.erase(it);
  for (const proto::FetchPartitionData& data : resp.partitions) {
    const auto state = c.memory.assigned.find(data.tp);
    if (state == c.memory.assigned.end()) continue;
    PartitionPosition& p = state->second;
    const auto sent_at = std::find(sent.partitions.begin(), sent.partitions.end(), data.tp);
    const int64_t fetch_offset =
        sent_at == sent.partitions.end()
            ? -1
            : sent.fetch_offsets[static_cast<size_t>(sent_at - sent.partitions.begin())];
    if (data.error == kafka::ErrorCode::OFFSET_OUT_OF_RANGE) {
      if (sent.to_follower) {
        forget_preferred(p);  // KIP-392: ask the leader before resetting
      } else if (p.position == fetch_offset) {
        reset_by_policy(c, data.tp,
                        fmt::format("OffsetOutOfRangeException: Fetch position FetchPosition"
                                    "{{offset={}}} is out of range for partition {}",
                                    fetch_offset, kafka::to_string(data.tp)),
                        ctx);
      }
      continue;
    }
    if (data.error != kafka::ErrorCode::NONE) {
      forget_preferred(p);
      request_metadata_update(c.memory.metadata);
      continue;
    }
    if (data.high_watermark >= 0) p.high_watermark = data.high_watermark;
    if (data.log_start_offset >= 0) p.log_start_offset = data.log_start_offset;
    if (data.preferred_read_replica >= 0) {
      p.preferred_read_replica = data.preferred_read_replica;
      p.preferred_until = ctx.now() + SimTime::from_ms(c.config.metadata_max_age_ms);
      continue;
    }
    // The position moved (a seek) while the fetch was out: its data is stale.
    if (p.position != fetch_offset) continue;
    bool buffered = false;
    for (const kafka::BatchPtr& batch : data.batches) {
      for (const kafka::BatchRecord& r : batch->records) {
        const int64_t offset = batch->base_offset + r.offset_delta;
        if (offset < fetch_offset) continue;  // the batch began before the position
        c.memory.buffer.push_back(BufferedRecord{data.tp, offset, offset + 1, r.record});
        buffered = true;
      }
      // Compaction may have emptied the batch's tail: reading on starts after the batch.
      if (buffered && c.memory.buffer.back().tp == data.tp) {
        c.memory.buffer.back().next_offset =
            std::max(c.memory.buffer.back().next_offset, batch->next_offset());
      }
    }
    // Only batches the cleaner emptied: the position moves past them (Kafka's fetcher skips
    // them the same way), or the consumer would fetch them again forever.
    if (!buffered && !data.batches.empty() && data.batches.back()->next_offset() > fetch_offset) {
      p.position = data.batches.back()->next_offset();
    }
  }
  if (c.memory.state == ConsumerAppState::kPolling) {
    poll(c, ctx);
  } else {
    send_fetches(c, ctx);
  }
}

bool fetch_failed(Consumer& c, int64_t correlation, runtime::Context& ctx) {
  const auto it =
      std::find_if(c.memory.fetches.begin(), c.memory.fetches.end(),
                   [&](const InFlightFetch& f) { return f.correlation_id == correlation; });
  if (it == c.memory.fetches.end()) return false;
  for (const kafka::TopicPartition& tp : it->partitions) {
    const auto p = c.memory.assigned.find(tp);
    if (p != c.memory.assigned.end()) forget_preferred(p->second);
  }
  c.memory.fetches.erase(it);
  request_metadata_update(c.memory.metadata);
  maybe_request_metadata(c.memory.metadata, c.config.metadata_max_age_ms, c.config.retry_backoff_ms,
                         c.config.request_timeout_ms, c.memory.next_correlation, c.memory.deadlines,
                         ctx);
  return true;
}

}  // namespace ksim::client::detail
