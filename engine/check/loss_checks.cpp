// The loss checks: acknowledged sends (no_acknowledged_write_lost), committed records
// (leader_completeness), what consumers read (consistent_read) and what groups committed
// (committed_offset_within_high_watermark).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/check/checker.h"
#include "engine/check/log_walk.h"
#include "engine/world/inspect.h"

namespace ksim::check {
namespace {

std::string leader_text(const world::World& w, const kafka::TopicPartition& tp) {
  const cluster::Broker* leader = world::partition_leader(w, tp);
  if (leader == nullptr) return "no broker leads it";
  const cluster::HostedPartition* p = world::hosted(*leader, tp);
  return fmt::format("{} leads it at epoch {} without them",
                     w.nodes[static_cast<size_t>(leader->id.value)].name,
                     p == nullptr ? -1 : p->leader_epoch);
}

// The highest high watermark of any replica of `tp` (crashed brokers keep theirs on disk).
std::optional<int64_t> highest_high_watermark(const world::World& w,
                                              const kafka::TopicPartition& tp) {
  std::optional<int64_t> hw;
  for (const world::Node& n : w.nodes) {
    const auto* b = std::get_if<cluster::Broker>(&n.logic);
    const log::PartitionLog* log = b == nullptr ? nullptr : b->disk.logs.find_log(tp);
    if (log != nullptr) hw = std::max(hw.value_or(log->high_watermark()), log->high_watermark());
  }
  return hw;
}

}  // namespace

void InvariantChecker::check_producer(const world::World& w, trace::Trace& t, Step s,
                                      int32_t node) {
  const auto& p = std::get<client::Producer>(w.nodes[static_cast<size_t>(node)].logic);
  ProducerCursor& cursor = producers_[node];
  for (size_t i = cursor.seen; i < p.outcomes.size(); ++i) cursor.pending.insert(i);
  cursor.seen = p.outcomes.size();
  std::map<kafka::TopicPartition, int64_t> acked;  // the lowest offset acknowledged now
  for (auto it = cursor.pending.begin(); it != cursor.pending.end();) {
    const client::SendOutcome& o = p.outcomes[*it];
    if (o.status == client::SendOutcome::Status::kPending) {
      ++it;
      continue;
    }
    if (o.status == client::SendOutcome::Status::kAcked && o.offset >= 0 && o.tp.partition >= 0) {
      register_ack(node, o);
      const auto [low, added] = acked.try_emplace(o.tp, o.offset);
      if (!added) low->second = std::min(low->second, o.offset);
    }
    it = cursor.pending.erase(it);
  }
  // Acknowledged by a broker that no longer leads (an isolated old leader): lost at once.
  for (const auto& [tp, from] : acked) check_losses(w, t, s, tp, from);
}

void InvariantChecker::register_ack(int32_t node, const client::SendOutcome& o) {
  PartitionAcks& acks = acked_[o.tp];
  const auto at = static_cast<size_t>(o.offset);
  if (acks.first.size() <= at) acks.first.resize(at + 1);
  if (acks.first[at].id == 0) {
    acks.first[at] = AckedRecord{o.record.value, node};
  } else if (acks.first[at].id != o.record.value) {
    acks.more.emplace(o.offset, AckedRecord{o.record.value, node});
  }
}

void InvariantChecker::check_losses(const world::World& w, trace::Trace& t, Step s,
                                    const kafka::TopicPartition& tp, int64_t from) {
  const cluster::Broker* leader = world::partition_leader(w, tp);
  const log::PartitionLog* log = leader == nullptr ? nullptr : leader->disk.logs.find_log(tp);
  if (log == nullptr) return;  // offline (not yet lost) or deleted
  from = std::max<int64_t>(from, 0);
  if (const auto acks = acked_.find(tp); acks != acked_.end()) {
    std::set<int64_t>& reported = lost_[{Invariant::kNoAcknowledgedWriteLost, tp}];
    std::vector<int64_t> lost;
    std::set<std::string> producers;
    auto consider = [&](int64_t offset, const AckedRecord& a) {
      if (a.id == 0 || reported.count(offset) != 0 || !record_lost_from(log, offset, a.id)) return;
      lost.push_back(offset);
      producers.insert(node_name(w, a.producer));
    };
    for (size_t o = static_cast<size_t>(from); o < acks->second.first.size(); ++o) {
      consider(static_cast<int64_t>(o), acks->second.first[o]);
    }
    for (auto it = acks->second.more.lower_bound(from); it != acks->second.more.end(); ++it) {
      consider(it->first, it->second);
    }
    std::sort(lost.begin(), lost.end());
    lost.erase(std::unique(lost.begin(), lost.end()), lost.end());
    if (!lost.empty()) {
      reported.insert(lost.begin(), lost.end());
      report(t, s, Invariant::kNoAcknowledgedWriteLost,
             fmt::format("{}:{}", kafka::to_string(tp), lost.front()),
             fmt::format("{}: {} acknowledged record(s) lost at offset(s) {} (sent by {}): {}",
                         kafka::to_string(tp), lost.size(), offsets_text(lost),
                         fmt::join(producers, ", "), leader_text(w, tp)));
    }
  }
  const auto committed = ledger_.records().find(tp);
  if (committed == ledger_.records().end()) return;
  std::set<int64_t>& reported = lost_[{Invariant::kLeaderCompleteness, tp}];
  std::vector<int64_t> lost;
  const std::vector<uint64_t>& ids = committed->second;
  for (size_t o = static_cast<size_t>(from); o < ids.size(); ++o) {
    const auto offset = static_cast<int64_t>(o);
    if (ids[o] == 0 || reported.count(offset) != 0 || !record_lost_from(log, offset, ids[o])) {
      continue;
    }
    lost.push_back(offset);
  }
  if (lost.empty()) return;
  reported.insert(lost.begin(), lost.end());
  report(t, s, Invariant::kLeaderCompleteness,
         fmt::format("{}:{}", kafka::to_string(tp), lost.front()),
         fmt::format("{}: {} committed record(s) lost at offset(s) {}, once below a high "
                     "watermark: {}",
                     kafka::to_string(tp), lost.size(), offsets_text(lost), leader_text(w, tp)));
}

void InvariantChecker::check_consumed_against(const world::World& w, trace::Trace& t, Step s,
                                              const ReplicaKey& r, const log::PartitionLog& log,
                                              int64_t from, int64_t to) {
  const auto consumed = consumed_.find(r.second);
  if (consumed == consumed_.end()) return;
  const std::vector<ConsumedAt>& at = consumed->second;
  to = std::min<int64_t>(to, static_cast<int64_t>(at.size()));
  from = std::max<int64_t>({from, 0, log.log_start_offset()});
  if (from >= to) return;
  std::set<int64_t>& reported = lost_[{Invariant::kConsistentRead, r.second}];
  std::vector<int64_t> changed;
  std::set<std::string> readers;
  for (int64_t o = from; o < to; ++o) {
    const ConsumedAt& c = at[static_cast<size_t>(o)];
    if (c.id == 0 || reported.count(o) != 0) continue;
    const kafka::Record* now = world::record_at(log, o);
    if (now == nullptr || now->id.value == c.id) continue;
    changed.push_back(o);
    readers.insert(node_name(w, c.consumer));
  }
  if (changed.empty()) return;
  reported.insert(changed.begin(), changed.end());
  report(t, s, Invariant::kConsistentRead,
         fmt::format("{}:{}", kafka::to_string(r.second), changed.front()),
         fmt::format("{}: offset(s) {}, read by {}, now hold other records below the high "
                     "watermark {} of {}",
                     kafka::to_string(r.second), offsets_text(changed), fmt::join(readers, ", "),
                     log.high_watermark(), node_name(w, r.first)));
}

void InvariantChecker::check_committed_offsets(const world::World& w, trace::Trace& t, Step s,
                                               int32_t node) {
  const cluster::Broker* b = world::running_broker(w, static_cast<size_t>(node));
  if (b == nullptr) return;
  for (const auto& [group, g] : b->memory.coordinator.groups) {
    for (const auto& [tp, committed] : g.offsets) {
      auto [it, added] = committed_[tp].try_emplace(group, committed.offset);
      if (!added && it->second == committed.offset) continue;
      it->second = committed.offset;
      check_committed_of(w, t, s, tp);
    }
  }
}

void InvariantChecker::check_committed_of(const world::World& w, trace::Trace& t, Step s,
                                          const kafka::TopicPartition& tp) {
  const auto groups = committed_.find(tp);
  if (groups == committed_.end()) return;
  const std::optional<int64_t> hw = highest_high_watermark(w, tp);
  if (!hw) return;  // the topic is gone
  for (const auto& [group, cached] : groups->second) {
    // The cache only says which groups to look at; the coordinator holds the truth.
    const world::GroupAt g = world::find_group(w, group);
    if (g.group == nullptr) continue;
    const auto it = g.group->offsets.find(tp);
    if (it == g.group->offsets.end() || it->second.offset <= *hw) continue;
    report(t, s, Invariant::kCommittedOffsetWithinHighWatermark,
           fmt::format("{}:{}:{}", group, kafka::to_string(tp), it->second.offset),
           fmt::format("group {} has committed offset {} on {}, above the highest high watermark "
                       "of its replicas ({})",
                       group, it->second.offset, kafka::to_string(tp), *hw));
  }
}

}  // namespace ksim::check
