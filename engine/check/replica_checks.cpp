// The replica checks: the shape of each log, the leader's high watermark and epoch, who leads
// each epoch, the ISR, and whether replicas agree below their high watermarks.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/check/checker.h"
#include "engine/check/log_walk.h"
#include "engine/world/inspect.h"

namespace ksim::check {
namespace {

std::string replica_name(const kafka::TopicPartition& tp, const std::string& node) {
  return fmt::format("{}@{}", kafka::to_string(tp), node);
}

// What is wrong with `b` after `before` (the previous batch, or null) in a log, or "".
std::string batch_problem(const kafka::RecordBatch& b, const kafka::RecordBatch* before,
                          int64_t segment_base, int64_t segment_upper, bool compacted) {
  if (b.last_offset_delta < 0)
    return fmt::format("the batch at {} ends before it starts", b.base_offset);
  if (b.base_offset < segment_base || b.next_offset() > segment_upper) {
    return fmt::format("the batch {}..{} lies outside its segment [{}, {})", b.base_offset,
                       b.last_offset(), segment_base, segment_upper);
  }
  if (before != nullptr && b.base_offset < before->next_offset()) {
    return fmt::format("the batch at {} overlaps the one before it, which ends at {}",
                       b.base_offset, before->last_offset());
  }
  if (before != nullptr && !compacted && b.base_offset != before->next_offset()) {
    return fmt::format("offsets {}..{} are missing between two batches", before->next_offset(),
                       b.base_offset - 1);
  }
  int32_t previous = -1;
  for (size_t i = 0; i < b.records.size(); ++i) {
    const int32_t delta = b.records[i].offset_delta;
    if (delta <= previous || delta > b.last_offset_delta) {
      return fmt::format("the batch at {} has its records out of offset order", b.base_offset);
    }
    if (!compacted && delta != static_cast<int32_t>(i)) {
      return fmt::format("offset {} is missing inside the batch at {}",
                         b.base_offset + previous + 1, b.base_offset);
    }
    previous = delta;
  }
  if (!compacted && previous != b.last_offset_delta) {
    return fmt::format("offsets {}..{} are missing at the end of the batch at {}",
                       b.base_offset + previous + 1, b.last_offset(), b.base_offset);
  }
  return "";
}

}  // namespace

void InvariantChecker::check_replica(const world::World& w, trace::Trace& t, Step s,
                                     const ReplicaKey& r, const Touch& touch) {
  const auto node = static_cast<size_t>(r.first);
  const auto* b = std::get_if<cluster::Broker>(&w.nodes[node].logic);
  if (b == nullptr) return;
  const kafka::TopicPartition& tp = r.second;
  if (touch.epoch_decreased) {
    const std::string where = replica_name(tp, node_name(w, r.first));
    report(t, s, Invariant::kLeaderEpochMonotonic,
           fmt::format("{}:{}->{}", where, touch.epoch_from, touch.epoch_to),
           fmt::format("{}: the leader epoch went back from {} to {}", where, touch.epoch_from,
                       touch.epoch_to));
  }
  const log::PartitionLog* log = b->disk.logs.find_log(tp);
  if (log != nullptr && touch.reshaped) {
    check_log_shape(w, t, s, r, *log, INT64_MIN);
  } else if (log != nullptr && touch.appended) {
    check_log_shape(w, t, s, r, *log, touch.leo_from);
  }
  const cluster::HostedPartition* p = world::hosted(*b, tp);
  if (p != nullptr && w.rt.status[node].up && log != nullptr) {
    check_leadership(w, t, s, r, touch, *b, *p);
  }
  if (log != nullptr && touch.hw && touch.hw->second > touch.hw->first) {
    check_log_matching(w, t, s, r, *log, touch.hw->first, touch.hw->second);
    check_consumed_against(w, t, s, r, *log, touch.hw->first, touch.hw->second);
  }
  if (tp.topic == cluster::kOffsetsTopic) {
    if (touch.hw || touch.role) check_committed_offsets(w, t, s, r.first);
  } else if (touch.hw_decreased || touch.reshaped) {
    check_committed_of(w, t, s, tp);
  }
}

void InvariantChecker::check_log_shape(const world::World& w, trace::Trace& t, Step s,
                                       const ReplicaKey& r, const log::PartitionLog& log,
                                       int64_t from) {
  const bool compacted = log.config().cleanup_policy.compact;
  const kafka::RecordBatch* before = nullptr;
  int64_t last_next = log.log_start_offset();
  std::string problem;
  for_each_batch_from(log, from, [&](const kafka::RecordBatch& b, int64_t base, int64_t upper) {
    if (problem.empty()) problem = batch_problem(b, before, base, upper, compacted);
    before = &b;
    last_next = b.next_offset();
  });
  if (problem.empty() && before != nullptr && last_next > log.log_end_offset()) {
    problem = fmt::format("its last batch ends at {}, past the log end offset {}", last_next - 1,
                          log.log_end_offset());
  }
  if (problem.empty() && (log.high_watermark() < log.log_start_offset() ||
                          log.high_watermark() > log.log_end_offset())) {
    problem = fmt::format("the high watermark {} is outside [log start {}, log end {}]",
                          log.high_watermark(), log.log_start_offset(), log.log_end_offset());
  }
  if (problem.empty()) return;
  const std::string where = replica_name(r.second, node_name(w, r.first));
  report(t, s, Invariant::kOffsetsDenseAndIncreasing, fmt::format("{}:{}", where, problem),
         fmt::format("{}: {}", where, problem));
}

void InvariantChecker::check_leadership(const world::World& w, trace::Trace& t, Step s,
                                        const ReplicaKey& r, const Touch& touch,
                                        const cluster::Broker& b,
                                        const cluster::HostedPartition& p) {
  const kafka::TopicPartition& tp = r.second;
  const auto where = [&] { return replica_name(tp, node_name(w, r.first)); };
  const log::PartitionLog& log = *b.disk.logs.find_log(tp);
  const bool leads = p.leader == b.broker_id;
  if (touch.role && p.leader >= 0) {
    const bool in_isr = std::find(p.isr.begin(), p.isr.end(), p.leader) != p.isr.end();
    if (!in_isr) {
      report(t, s, Invariant::kLeaderInIsr, fmt::format("{}:{}", where(), p.leader_epoch),
             fmt::format("{}: leader {} at epoch {} is not in the ISR [{}]", where(), p.leader,
                         p.leader_epoch, fmt::join(p.isr, ", ")));
    }
  }
  if (!leads) return;
  const auto key = std::make_tuple(touch.topic_id, tp.partition, p.leader_epoch);
  const auto [owner, first] = epoch_leaders_.try_emplace(key, b.broker_id);
  if (!first && owner->second != b.broker_id) {
    report(t, s, Invariant::kOneLeaderPerEpoch,
           fmt::format("{}:{}", kafka::to_string(tp), p.leader_epoch),
           fmt::format("{}: {} and {} both lead at epoch {}", kafka::to_string(tp),
                       broker_name(w, owner->second), broker_name(w, b.broker_id), p.leader_epoch));
  }
  if (touch.appended) {
    // Accepting writes: every batch this leader appended carries an epoch it leads.
    for_each_batch_from(
        log, touch.leo_from, [&](const kafka::RecordBatch& batch, int64_t, int64_t) {
          if (batch.next_offset() <= touch.leo_from) return;
          const auto led = epoch_leaders_.find(
              std::make_tuple(touch.topic_id, tp.partition, batch.partition_leader_epoch));
          if (led != epoch_leaders_.end() && led->second == b.broker_id) return;
          report(t, s, Invariant::kOneLeaderPerEpoch,
                 fmt::format("{}:write:{}", kafka::to_string(tp), batch.partition_leader_epoch),
                 fmt::format("{}: {} appended the batch at {} in epoch {}, which it does not lead",
                             kafka::to_string(tp), broker_name(w, b.broker_id), batch.base_offset,
                             batch.partition_leader_epoch));
        });
  }
  const int64_t incarnation = w.rt.status[static_cast<size_t>(r.first)].incarnation;
  LeaderSeen& seen = leaders_[r];
  const int64_t hw = log.high_watermark();
  if (seen.incarnation == incarnation && seen.epoch == p.leader_epoch && hw < seen.high_watermark) {
    report(t, s, Invariant::kHighWatermarkMonotonic,
           fmt::format("{}:{}:{}", where(), p.leader_epoch, hw),
           fmt::format("{}: the leader's high watermark went back from {} to {} in epoch {}",
                       where(), seen.high_watermark, hw, p.leader_epoch));
  }
  seen = LeaderSeen{incarnation, p.leader_epoch, hw};
  if (touch.role) check_losses(w, t, s, tp, hw);
}

void InvariantChecker::check_hw_within_isr(const world::World& w, trace::Trace& t, Step s,
                                           const kafka::TopicPartition& tp) {
  const cluster::Broker* leader = world::partition_leader(w, tp);
  if (leader == nullptr) return;
  const cluster::HostedPartition* p = world::hosted(*leader, tp);
  const log::PartitionLog* log = leader->disk.logs.find_log(tp);
  if (p == nullptr || log == nullptr) return;
  const int64_t hw = log->high_watermark();
  for (int32_t member : p->isr) {
    if (member == leader->broker_id) continue;
    const cluster::Broker* m = broker_by_id(w, member);
    const log::PartitionLog* mlog = m == nullptr ? nullptr : m->disk.logs.find_log(tp);
    if (mlog == nullptr || mlog->log_end_offset() >= hw) continue;
    report(t, s, Invariant::kHighWatermarkWithinIsrLeo,
           fmt::format("{}:{}:{}", kafka::to_string(tp), member, hw),
           fmt::format("{}: leader {} has high watermark {} at epoch {}, but ISR member {} has "
                       "log end offset {}",
                       kafka::to_string(tp), broker_name(w, leader->broker_id), hw, p->leader_epoch,
                       broker_name(w, member), mlog->log_end_offset()));
  }
}

void InvariantChecker::check_log_matching(const world::World& w, trace::Trace& t, Step s,
                                          const ReplicaKey& r, const log::PartitionLog& log,
                                          int64_t from, int64_t to) {
  const kafka::TopicPartition& tp = r.second;
  std::vector<std::pair<int64_t, uint64_t>> mine;
  bool read = false;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    if (static_cast<int32_t>(i) == r.first) continue;
    const auto* other = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    const log::PartitionLog* olog = other == nullptr ? nullptr : other->disk.logs.find_log(tp);
    if (olog == nullptr) continue;
    const int64_t hi = std::min(to, olog->high_watermark());
    const int64_t lo = std::max({from, log.log_start_offset(), olog->log_start_offset()});
    if (lo >= hi) continue;
    if (!read) mine = record_ids(log, from, to);
    read = true;
    std::vector<int64_t> differ;
    for (const auto& [offset, id] : mine) {
      if (offset < lo || offset >= hi) continue;
      const kafka::Record* theirs = world::record_at(*olog, offset);
      if (theirs != nullptr && theirs->id.value != id) differ.push_back(offset);
    }
    if (differ.empty()) continue;
    const std::string a = node_name(w, r.first);
    const std::string b = w.nodes[i].name;
    report(t, s, Invariant::kLogMatching,
           fmt::format("{}:{}:{}", kafka::to_string(tp), std::min(a, b), std::max(a, b)),
           fmt::format("{}: {} and {} hold different records at offsets {}, below both their "
                       "high watermarks ({} and {})",
                       kafka::to_string(tp), a, b, offsets_text(differ), log.high_watermark(),
                       olog->high_watermark()));
  }
}

}  // namespace ksim::check
