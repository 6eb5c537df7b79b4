// The follower's replica fetcher (AbstractFetcherThread / ReplicaFetcherThread): one Fetch
// per leader broker for every partition followed there, sent again as soon as the previous
// answer is processed. Truncation on fetch (KIP-320, Fetch v12+): the follower sends its last
// fetched epoch and, when the leader answers with a diverging epoch, truncates by the rule of
// AbstractFetcherThread.getOffsetTruncationState.
#include <algorithm>

#include "engine/cluster/broker_internal.h"

namespace ksim::cluster::detail {
namespace {

std::vector<kafka::TopicPartition> followed_from(const Broker& b, int32_t leader_id) {
  std::vector<kafka::TopicPartition> tps;
  for (const auto& [tp, p] : b.memory.partitions) {
    if (!is_leader(b, p) && p.leader == leader_id) tps.push_back(tp);
  }
  return tps;
}

// getOffsetTruncationState: where to truncate when the leader says our history diverged.
int64_t truncation_offset(const log::PartitionLog& log, const proto::EpochEndOffset& leader) {
  const int64_t leo = log.log_end_offset();
  if (leader.end_offset < 0) return log.high_watermark();
  if (leader.epoch < 0) return std::min(leader.end_offset, leo);
  const log::EpochEndOffset mine = log.leader_epoch_cache().end_offset_for(leader.epoch, leo);
  if (mine.end_offset < 0) return std::min(leader.end_offset, leo);
  if (mine.epoch != leader.epoch) {
    // We never saw the leader's epoch: cut back to where our own history of the largest epoch
    // below it ends, and let the next fetch compare again (KIP-279).
    return std::min(mine.end_offset, leo);
  }
  return std::min({leader.end_offset, mine.end_offset, leo});
}

void truncate(Broker& b, log::PartitionLog& log, int64_t offset, runtime::Context& ctx) {
  const int64_t leo = log.log_end_offset();
  log.truncate_to(offset);
  // Nothing cut (the divergence is at the log end): truncate_to still drops a conflicting
  // leader-epoch entry there, as UnifiedLog.truncateTo does, or every fetch diverges again.
  if (offset >= leo) return;
  const trace::EntityRef e = replica_entity(b, log.topic_partition());
  ctx.record(e, trace::Field::kTruncatedTo, leo, log.log_end_offset());
  record_leo(b, log.topic_partition(), leo, log.log_end_offset(), ctx);
}

// Appends the leader's batches and takes its high watermark and log start offset.
void append_fetched(Broker& b, log::PartitionLog& log, const proto::FetchPartitionData& data,
                    runtime::Context& ctx) {
  const int64_t leo_before = log.log_end_offset();
  for (const kafka::BatchPtr& batch : data.batches) {
    if (batch->base_offset < log.log_end_offset()) continue;  // already have it
    log.append_as_follower(batch, ctx.now().ms());
  }
  record_leo(b, log.topic_partition(), leo_before, log.log_end_offset(), ctx);
  // A follower's HW is the leader's, capped by its own log (it may trail one fetch behind).
  const int64_t hw =
      std::max(log.log_start_offset(), std::min(data.high_watermark, log.log_end_offset()));
  if (hw != log.high_watermark()) {
    set_high_watermark(b, log, hw, ctx);
    // KIP-392: consumers reading from this follower wait for its high watermark.
    wake_delayed_fetches(b, log.topic_partition(), ctx);
  }
  if (data.log_start_offset > log.log_start_offset() &&
      data.log_start_offset <= log.high_watermark()) {
    const int64_t before = log.log_start_offset();
    log.increment_log_start_offset(data.log_start_offset);
    ctx.record(replica_entity(b, log.topic_partition()), trace::Field::kLogStartOffset, before,
               log.log_start_offset());
  }
}

// Returns false when the partition needs a back-off before the next fetch.
bool process_partition(Broker& b, int32_t leader_id, const proto::FetchPartitionData& data,
                       runtime::Context& ctx) {
  HostedPartition* p = hosted(b, data.tp);
  if (p == nullptr || is_leader(b, *p) || p->leader != leader_id) return true;  // role changed
  log::PartitionLog& log = *log_of(b, data.tp);
  if (data.error == proto::ErrorCode::OFFSET_OUT_OF_RANGE) {
    // Simplification: instead of asking the leader's offsets (ListOffsets), start at its log
    // start offset when behind it, else cut back to its HW (docs/simplifications.md#fetcher).
    if (log.log_end_offset() < data.log_start_offset) {
      log.truncate_fully_and_start_at(data.log_start_offset, ctx.now().ms());
    } else {
      truncate(b, log, data.high_watermark, ctx);
    }
    return true;
  }
  if (data.error != proto::ErrorCode::NONE) return false;  // wait for newer metadata
  if (data.diverging_epoch) {
    truncate(b, log, truncation_offset(log, *data.diverging_epoch), ctx);
    return true;
  }
  append_fetched(b, log, data, ctx);
  return true;
}

}  // namespace

void maybe_send_fetch(Broker& b, int32_t leader_id, runtime::Context& ctx) {
  FetcherState& f = b.memory.fetchers[leader_id];
  if (f.in_flight) return;
  const std::vector<kafka::TopicPartition> tps = followed_from(b, leader_id);
  const proto::BrokerRecord* leader = b.memory.image.broker(leader_id);
  if (tps.empty() || leader == nullptr) {
    b.memory.fetchers.erase(leader_id);
    return;
  }
  proto::FetchRequest req;
  req.correlation_id = static_cast<int64_t>(b.memory.next_id++);
  req.replica_id = b.broker_id;
  req.max_wait_ms = static_cast<int32_t>(b.config.replica_fetch_wait_max_ms);
  req.min_bytes = static_cast<int32_t>(b.config.replica_fetch_min_bytes);
  for (const kafka::TopicPartition& tp : tps) {
    const log::PartitionLog& log = *log_of(b, tp);
    const auto last_epoch = log.leader_epoch_cache().latest_epoch();
    req.partitions.push_back(proto::FetchPartition{
        tp, b.memory.partitions[tp].leader_epoch, log.log_end_offset(),
        last_epoch ? *last_epoch : -1, static_cast<int32_t>(b.config.replica_fetch_max_bytes)});
  }
  f.in_flight = true;
  f.request_id = static_cast<uint64_t>(req.correlation_id);
  ctx.send(leader->node, std::move(req));
  b.memory.fetch_deadlines.add(
      static_cast<int64_t>(f.request_id),
      SimTime::from_ms(b.config.replica_socket_timeout_ms + req.max_wait_ms), ctx);
}

void handle_fetch_response(Broker& b, NodeId /*from*/, const proto::FetchResponse& resp,
                           runtime::Context& ctx) {
  auto it = std::find_if(b.memory.fetchers.begin(), b.memory.fetchers.end(), [&](const auto& kv) {
    return kv.second.in_flight &&
           kv.second.request_id == static_cast<uint64_t>(resp.correlation_id);
  });
  if (it == b.memory.fetchers.end()) return;  // an answer to a fetch we gave up on
  b.memory.fetch_deadlines.answered(resp.correlation_id);
  const int32_t leader_id = it->first;
  it->second.in_flight = false;
  bool all_ok = true;
  for (const proto::FetchPartitionData& data : resp.partitions) {
    all_ok = process_partition(b, leader_id, data, ctx) && all_ok;
  }
  if (all_ok) {
    maybe_send_fetch(b, leader_id, ctx);
  } else {
    ctx.set_timer(SimTime::from_ms(b.config.replica_fetch_backoff_ms),
                  proto::TimerKind::kBrokerFetchRetry, leader_id);
  }
}

void fetch_timed_out(Broker& b, int64_t request_id, runtime::Context& ctx) {
  for (auto& [leader_id, f] : b.memory.fetchers) {
    if (f.in_flight && f.request_id == static_cast<uint64_t>(request_id)) {
      f.in_flight = false;
      maybe_send_fetch(b, leader_id, ctx);
      return;
    }
  }
}

void fetch_failed(Broker& b, int64_t request_id, runtime::Context& ctx) {
  for (auto& [leader_id, f] : b.memory.fetchers) {
    if (f.in_flight && f.request_id == static_cast<uint64_t>(request_id)) {
      f.in_flight = false;
      b.memory.fetch_deadlines.answered(request_id);
      ctx.set_timer(SimTime::from_ms(b.config.replica_fetch_backoff_ms),
                    proto::TimerKind::kBrokerFetchRetry, leader_id);
      return;
    }
  }
}

}  // namespace ksim::cluster::detail
