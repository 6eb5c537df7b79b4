// Fetch (ReplicaManager.fetchMessages, Partition.fetchRecords, DelayedFetch): followers read
// the leader up to its log end offset and, by their fetch offset, tell the leader how far they
// have come; consumers read up to the high watermark. With replica.selector.class set, the
// leader may send a consumer to a follower in its rack (KIP-392), which serves it up to the
// follower's own high watermark. A fetch that finds nothing waits up to max_wait_ms.
#include <algorithm>

#include "engine/cluster/broker_internal.h"

namespace ksim::cluster::detail {
namespace {

// Partition.updateFollowerFetchState: the fetch offset is the follower's LEO.
void update_follower(Broker& b, HostedPartition& p, int32_t replica_id, int64_t fetch_offset,
                     runtime::Context& ctx) {
  auto it = std::find_if(p.followers.begin(), p.followers.end(),
                         [&](const FollowerState& f) { return f.broker_id == replica_id; });
  if (it == p.followers.end()) return;
  FollowerState& f = *it;
  const int64_t leader_leo = log_of(b, p.tp)->log_end_offset();
  if (fetch_offset >= leader_leo) {
    f.last_caught_up = ctx.now();
  } else if (fetch_offset >= f.leader_leo_at_last_fetch) {
    f.last_caught_up = f.last_fetch;
  }
  f.leader_leo_at_last_fetch = leader_leo;
  f.last_fetch = ctx.now();
  f.log_end_offset = fetch_offset;
  maybe_expand_isr(b, p, f, ctx);
  if (maybe_increment_hw(b, p, ctx)) {
    complete_delayed_produces(b, p, ctx);
    wake_delayed_fetches(b, p.tp, ctx);
  }
}

proto::ErrorCode epoch_error(const HostedPartition& p, int32_t current_leader_epoch) {
  if (current_leader_epoch < 0 || current_leader_epoch == p.leader_epoch) {
    return proto::ErrorCode::NONE;
  }
  return current_leader_epoch < p.leader_epoch ? proto::ErrorCode::FENCED_LEADER_EPOCH
                                               : proto::ErrorCode::UNKNOWN_LEADER_EPOCH;
}

// ReplicaManager.findPreferredReadReplica with RackAwareReplicaSelector: among the leader and
// the in-sync followers that are alive and have the fetch offset, one in the consumer's rack,
// the leader if it is one of them, else the one furthest ahead; the leader when none is.
int32_t preferred_read_replica(const Broker& b, const HostedPartition& p,
                               const std::string& client_rack, int64_t fetch_offset) {
  if (b.config.replica_selector_class.empty() || client_rack.empty()) return b.broker_id;
  if (b.rack == client_rack) return b.broker_id;
  int32_t best = b.broker_id;
  int64_t best_leo = -1;
  for (const FollowerState& f : p.followers) {
    const bool in_sync = std::find(p.isr.begin(), p.isr.end(), f.broker_id) != p.isr.end();
    const proto::BrokerRecord* broker = b.memory.image.broker(f.broker_id);
    if (!in_sync || broker == nullptr || !b.memory.image.is_alive(f.broker_id)) continue;
    if (broker->rack != client_rack || f.log_end_offset < fetch_offset) continue;
    if (f.log_end_offset > best_leo) {
      best = f.broker_id;
      best_leo = f.log_end_offset;
    }
  }
  return best;
}

// A consumer sent here by the leader's preferred_read_replica: read up to this follower's own
// high watermark (it may lag the leader's), never past it.
proto::FetchPartitionData read_as_follower(const log::PartitionLog& log,
                                           const proto::FetchPartition& fp,
                                           proto::FetchPartitionData& out) {
  out.high_watermark = log.high_watermark();
  out.log_start_offset = log.log_start_offset();
  const log::ReadResult read =
      log.read(fp.fetch_offset, fp.partition_max_bytes, log::ReadUpTo::kHighWatermark);
  out.error = read.error;
  out.batches = read.batches;
  return std::move(out);
}

proto::FetchPartitionData read_partition(Broker& b, const proto::FetchRequest& req,
                                         const proto::FetchPartition& fp, runtime::Context& ctx) {
  proto::FetchPartitionData out;
  out.tp = fp.tp;
  HostedPartition* p = hosted(b, fp.tp);
  const bool from_follower = req.replica_id >= 0;
  if (p == nullptr || (!is_leader(b, *p) && from_follower)) {
    out.error = b.memory.image.partition(fp.tp) != nullptr
                    ? proto::ErrorCode::NOT_LEADER_OR_FOLLOWER
                    : proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
    return out;
  }
  out.error = epoch_error(*p, fp.current_leader_epoch);
  if (out.error != proto::ErrorCode::NONE) return out;
  log::PartitionLog& log = *log_of(b, fp.tp);
  if (!is_leader(b, *p)) return read_as_follower(log, fp, out);
  if (!from_follower) {
    const int32_t preferred = preferred_read_replica(b, *p, req.rack_id, fp.fetch_offset);
    if (preferred != b.broker_id) {
      out.high_watermark = log.high_watermark();
      out.log_start_offset = log.log_start_offset();
      out.preferred_read_replica = preferred;
      return out;
    }
  }
  // The HW is read before the follower's progress is recorded, as Partition.fetchRecords does.
  out.high_watermark = log.high_watermark();
  out.log_start_offset = log.log_start_offset();
  if (from_follower && fp.last_fetched_epoch >= 0) {
    // Truncation on fetch: does the follower's last epoch end where it thinks it does?
    const log::EpochEndOffset end =
        log.leader_epoch_cache().end_offset_for(fp.last_fetched_epoch, log.log_end_offset());
    if (end.epoch < fp.last_fetched_epoch || end.end_offset < fp.fetch_offset) {
      out.diverging_epoch = proto::EpochEndOffset{end.epoch, end.end_offset};
      return out;
    }
  }
  const log::ReadResult read =
      log.read(fp.fetch_offset, fp.partition_max_bytes,
               from_follower ? log::ReadUpTo::kLogEndOffset : log::ReadUpTo::kHighWatermark);
  out.error = read.error;
  if (read.error != proto::ErrorCode::NONE) return out;
  out.batches = read.batches;
  if (from_follower) update_follower(b, *p, req.replica_id, fp.fetch_offset, ctx);
  return out;
}

struct FetchRead {
  proto::FetchResponse response;
  bool has_data = false;  // records, an error or a divergence: worth answering at once
};

FetchRead read_fetch(Broker& b, const proto::FetchRequest& req, runtime::Context& ctx) {
  FetchRead r;
  r.response.correlation_id = req.correlation_id;
  for (const proto::FetchPartition& fp : req.partitions) {
    proto::FetchPartitionData data = read_partition(b, req, fp, ctx);
    r.has_data = r.has_data || !data.batches.empty() || data.error != proto::ErrorCode::NONE ||
                 data.diverging_epoch.has_value() || data.preferred_read_replica >= 0;
    r.response.partitions.push_back(std::move(data));
  }
  return r;
}

}  // namespace

void handle_fetch(Broker& b, NodeId from, const proto::FetchRequest& req, runtime::Context& ctx) {
  FetchRead r = read_fetch(b, req, ctx);
  if (r.has_data || req.max_wait_ms <= 0) {
    ctx.send(from, std::move(r.response));
    return;
  }
  const uint64_t id = b.memory.next_id++;
  b.memory.delayed_fetches.push_back(DelayedFetch{id, from, req});
  b.memory.fetch_wait_deadlines.add(static_cast<int64_t>(id), SimTime::from_ms(req.max_wait_ms),
                                    ctx);
}

void wake_delayed_fetches(Broker& b, const kafka::TopicPartition& tp, runtime::Context& ctx) {
  std::vector<DelayedFetch> still_waiting;
  std::vector<DelayedFetch> parked;
  parked.swap(b.memory.delayed_fetches);
  for (DelayedFetch& d : parked) {
    const bool touches = std::any_of(d.request.partitions.begin(), d.request.partitions.end(),
                                     [&](const proto::FetchPartition& fp) { return fp.tp == tp; });
    if (!touches) {
      still_waiting.push_back(std::move(d));
      continue;
    }
    FetchRead r = read_fetch(b, d.request, ctx);
    if (r.has_data) {
      b.memory.fetch_wait_deadlines.answered(static_cast<int64_t>(d.id));
      ctx.send(d.from, std::move(r.response));
    } else {
      still_waiting.push_back(std::move(d));
    }
  }
  // Fetches parked while answering (none today) would be in b.memory.delayed_fetches.
  still_waiting.insert(still_waiting.end(), b.memory.delayed_fetches.begin(),
                       b.memory.delayed_fetches.end());
  b.memory.delayed_fetches = std::move(still_waiting);
}

void expire_delayed_fetch(Broker& b, uint64_t id, runtime::Context& ctx) {
  auto& parked = b.memory.delayed_fetches;
  const auto it = std::find_if(parked.begin(), parked.end(),
                               [id](const DelayedFetch& d) { return d.id == id; });
  if (it == parked.end()) return;  // already answered
  DelayedFetch d = std::move(*it);
  parked.erase(it);
  ctx.send(d.from, read_fetch(b, d.request, ctx).response);
}

}  // namespace ksim::cluster::detail
