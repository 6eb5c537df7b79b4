// The leader's high watermark and ISR (Partition.maybeIncrementLeaderHW, maybeExpandIsr,
// maybeShrinkIsr). ISR changes are proposed to the controller with AlterPartition, one at a
// time per partition; until it answers, the "maximal ISR" (current plus proposed additions)
// holds the high watermark back.
#include <algorithm>

#include "engine/cluster/broker_internal.h"

namespace ksim::cluster::detail {
namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const FollowerState* follower(const HostedPartition& p, int32_t broker_id) {
  for (const FollowerState& f : p.followers) {
    if (f.broker_id == broker_id) return &f;
  }
  return nullptr;
}

// How long an AlterPartition may go unanswered before the leader gives up on it and proposes
// again: the request timeout of Kafka's broker-to-controller channel (AlterPartitionManager
// resends until it gets an answer).
constexpr SimTime kAlterPartitionTimeout = SimTime::from_ms(30000);

void propose_isr(Broker& b, HostedPartition& p, std::vector<int32_t> new_isr,
                 std::vector<int32_t> maximal, runtime::Context& ctx) {
  p.pending_isr = std::move(maximal);
  p.pending_isr_since = ctx.now();
  ctx.send(active_controller(b),
           proto::AlterPartitionRequest{b.broker_id, b.memory.broker_epoch, p.tp, p.leader_epoch,
                                        p.partition_epoch, std::move(new_isr)});
}

bool is_out_of_sync(const Broker& b, const log::PartitionLog& log, const FollowerState& f,
                    SimTime now) {
  return f.log_end_offset != log.log_end_offset() &&
         now - f.last_caught_up > SimTime::from_ms(b.config.replica_lag_time_max_ms);
}

}  // namespace

bool maybe_increment_hw(Broker& b, HostedPartition& p, runtime::Context& ctx) {
  // Kafka 3.7+ (KAFKA-15583): no progress at all while the ISR is below min.insync.replicas.
  if (static_cast<int32_t>(p.isr.size()) < effective_min_isr(b, p)) return false;
  log::PartitionLog& log = *log_of(b, p.tp);
  // Simplification: the maximal ISR only; Kafka also waits for a caught-up replica about to
  // join (docs/simplifications.md#replication).
  const std::vector<int32_t>& maximal = p.pending_isr ? *p.pending_isr : p.isr;
  int64_t new_hw = log.log_end_offset();
  for (int32_t r : maximal) {
    if (r == b.broker_id) continue;
    const FollowerState* f = follower(p, r);
    // A follower whose position is not known yet holds the HW where it is.
    if (f == nullptr || f->log_end_offset < 0) return false;
    new_hw = std::min(new_hw, f->log_end_offset);
  }
  if (new_hw <= log.high_watermark()) return false;
  set_high_watermark(b, log, new_hw, ctx);
  return true;
}

void maybe_expand_isr(Broker& b, HostedPartition& p, const FollowerState& f,
                      runtime::Context& ctx) {
  if (p.pending_isr || contains(p.isr, f.broker_id)) return;
  const log::PartitionLog& log = *log_of(b, p.tp);
  // Caught up to the HW and past the start of this leader's epoch, and eligible (KRaft:
  // unfenced and not shutting down).
  const proto::BrokerRecord* r = b.memory.image.broker(f.broker_id);
  const bool eligible = r != nullptr && !r->fenced && !r->in_controlled_shutdown;
  if (!eligible || f.log_end_offset < log.high_watermark() ||
      f.log_end_offset < p.leader_epoch_start_offset) {
    return;
  }
  std::vector<int32_t> expanded = p.isr;
  expanded.push_back(f.broker_id);
  propose_isr(b, p, expanded, expanded, ctx);
}

void shrink_isrs(Broker& b, runtime::Context& ctx) {
  for (auto& [tp, p] : b.memory.partitions) {
    // A proposal lost on the way (or its answer) is dropped; this check or the next fetch
    // proposes again from the state of now.
    if (is_leader(b, p) && p.pending_isr &&
        ctx.now() - p.pending_isr_since > kAlterPartitionTimeout) {
      p.pending_isr.reset();
    }
    if (!is_leader(b, p) || p.pending_isr) continue;
    const log::PartitionLog& log = *log_of(b, tp);
    std::vector<int32_t> kept;
    for (int32_t r : p.isr) {
      const FollowerState* f = follower(p, r);
      if (r == b.broker_id || f == nullptr || !is_out_of_sync(b, log, *f, ctx.now())) {
        kept.push_back(r);
      }
    }
    // While the shrink is pending, the maximal ISR is still the current ISR.
    if (kept.size() < p.isr.size()) propose_isr(b, p, kept, p.isr, ctx);
  }
}

void handle_alter_partition_response(Broker& b, const proto::AlterPartitionResponse& resp,
                                     runtime::Context& ctx) {
  HostedPartition* p = hosted(b, resp.tp);
  if (p == nullptr || !is_leader(b, *p)) return;
  p->pending_isr.reset();
  // On an error the proposal is dropped; the next fetch or expiration check proposes again,
  // and newer metadata (a new leader, a fenced broker) arrives through the metadata log.
  if (resp.error != proto::ErrorCode::NONE) return;
  if (resp.state.leader_epoch != p->leader_epoch ||
      resp.state.partition_epoch <= p->partition_epoch) {
    return;
  }
  ctx.record(replica_entity(b, p->tp), trace::Field::kIsrSize, static_cast<int64_t>(p->isr.size()),
             static_cast<int64_t>(resp.state.isr.size()));
  p->isr = resp.state.isr;
  p->partition_epoch = resp.state.partition_epoch;
  if (maybe_increment_hw(b, *p, ctx)) {
    complete_delayed_produces(b, *p, ctx);
    wake_delayed_fetches(b, p->tp, ctx);
  }
}

}  // namespace ksim::cluster::detail
