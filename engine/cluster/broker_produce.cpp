// Produce on the leader (ReplicaManager.appendRecords, Partition.appendRecordsToLeader and
// DelayedProduce): acks=0 gets no answer, acks=1 an answer after the local append, acks=all an
// answer once the high watermark passes the batch, or REQUEST_TIMED_OUT.
#include <algorithm>

#include "engine/cluster/broker_internal.h"

namespace ksim::cluster::detail {
namespace {

void respond(Broker& /*b*/, NodeId to, const proto::ProduceRequest& req, proto::ErrorCode error,
             int64_t base_offset, std::string message, runtime::Context& ctx) {
  if (req.acks == 0) return;  // Kafka sends nothing back for acks=0
  ctx.send(to, proto::ProduceResponse{req.correlation_id, req.tp, error, base_offset, -1,
                                      std::move(message)});
}

// DelayedProduce's completion check (Partition.checkEnoughReplicasReachOffset).
proto::ErrorCode completion_error(Broker& b, const HostedPartition& p) {
  const auto isr_size = static_cast<int32_t>(p.pending_isr ? p.pending_isr->size() : p.isr.size());
  return isr_size < effective_min_isr(b, p) ? proto::ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND
                                            : proto::ErrorCode::NONE;
}

}  // namespace

void handle_produce(Broker& b, NodeId from, const proto::ProduceRequest& req,
                    runtime::Context& ctx) {
  if (req.acks != 0 && req.acks != 1 && req.acks != -1) {
    respond(b, from, req, proto::ErrorCode::INVALID_REQUIRED_ACKS, -1, "", ctx);
    return;
  }
  HostedPartition* p = hosted(b, req.tp);
  if (p == nullptr || !is_leader(b, *p)) {
    const bool known = b.memory.image.partition(req.tp) != nullptr;
    respond(b, from, req,
            known ? proto::ErrorCode::NOT_LEADER_OR_FOLLOWER
                  : proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION,
            -1, "", ctx);
    return;
  }
  // Checked before the append: with too small an ISR, acks=all writes nothing.
  if (req.acks == -1 && static_cast<int32_t>(p->isr.size()) < effective_min_isr(b, *p)) {
    respond(b, from, req, proto::ErrorCode::NOT_ENOUGH_REPLICAS, -1,
            "Messages are rejected since there are fewer in-sync replicas than required.", ctx);
    return;
  }
  log::PartitionLog& log = *log_of(b, req.tp);
  const int64_t leo_before = log.log_end_offset();
  log::AppendResult appended =
      log.append_as_leader(req.records, p->leader_epoch, ctx.now().ms(), req.producer);
  if (appended.error != proto::ErrorCode::NONE) {
    respond(b, from, req, appended.error, -1, appended.error_message, ctx);
    return;
  }
  // A duplicate (an idempotent retry of a batch already here) appends nothing and is answered
  // with the first write's offsets, once they are as replicated as acks asks.
  if (!appended.duplicate) {
    record_leo(b, req.tp, leo_before, log.log_end_offset(), ctx);
    // The high watermark first: with no followers it moves now, and the parked consumer
    // fetches woken next can read up to it.
    const bool hw_moved = maybe_increment_hw(b, *p, ctx);
    wake_delayed_fetches(b, req.tp, ctx);
    if (hw_moved) complete_delayed_produces(b, *p, ctx);
  }
  if (req.acks != -1) {
    respond(b, from, req, proto::ErrorCode::NONE, appended.first_offset, "", ctx);
    return;
  }
  if (log.high_watermark() > appended.last_offset) {
    respond(b, from, req, completion_error(b, *p), appended.first_offset, "", ctx);
    return;
  }
  const uint64_t id = b.memory.next_id++;
  p->delayed_produces.push_back(DelayedProduce{id, from, req.correlation_id, appended.first_offset,
                                               appended.last_offset + 1});
  b.memory.produce_deadlines.add(static_cast<int64_t>(id), SimTime::from_ms(req.timeout_ms), ctx);
}

void complete_delayed_produces(Broker& b, HostedPartition& p, runtime::Context& ctx) {
  const int64_t hw = log_of(b, p.tp)->high_watermark();
  auto done =
      std::stable_partition(p.delayed_produces.begin(), p.delayed_produces.end(),
                            [hw](const DelayedProduce& d) { return hw < d.required_offset; });
  std::vector<DelayedProduce> finished(std::make_move_iterator(done),
                                       std::make_move_iterator(p.delayed_produces.end()));
  p.delayed_produces.erase(done, p.delayed_produces.end());
  const proto::ErrorCode error = completion_error(b, p);
  for (const DelayedProduce& d : finished) reply_delayed(b, p.tp, d, error, ctx);
}

void fail_delayed_produces(Broker& b, HostedPartition& p, proto::ErrorCode error,
                           runtime::Context& ctx) {
  std::vector<DelayedProduce> failed;
  failed.swap(p.delayed_produces);
  for (const DelayedProduce& d : failed) reply_delayed(b, p.tp, d, error, ctx);
}

void expire_delayed_produce(Broker& b, uint64_t id, runtime::Context& ctx) {
  for (auto& [tp, p] : b.memory.partitions) {
    const auto it = std::find_if(p.delayed_produces.begin(), p.delayed_produces.end(),
                                 [id](const DelayedProduce& d) { return d.id == id; });
    if (it == p.delayed_produces.end()) continue;
    const DelayedProduce d = std::move(*it);
    p.delayed_produces.erase(it);
    reply_delayed(b, tp, d, proto::ErrorCode::REQUEST_TIMED_OUT, ctx);
    return;
  }
}

void reply_delayed(Broker& b, const kafka::TopicPartition& tp, const DelayedProduce& d,
                   proto::ErrorCode error, runtime::Context& ctx) {
  b.memory.produce_deadlines.answered(static_cast<int64_t>(d.id));
  if (d.commit) {
    finish_group_write(b, d, error, ctx);
    return;
  }
  const int64_t base =
      error == proto::ErrorCode::NONE || error == proto::ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND
          ? d.base_offset
          : -1;
  ctx.send(d.client, proto::ProduceResponse{d.correlation_id, tp, error, base, -1, ""});
}

}  // namespace ksim::cluster::detail
