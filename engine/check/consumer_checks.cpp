// The consumer checks, named as Jepsen's Kafka checker names its anomalies (nonmonotonic-poll,
// poll-skip, duplicate, lost-write), and group ownership. kafkasim sees each consumer's
// position, so a record poll() returns is compared with where the consumer stood at the end of
// its previous step: every move poll() did not make (seek, auto.offset.reset, a committed offset
// fetched after a rebalance, a restart) is in that position, and explains a jump. Jepsen sees
// only polls and assign/subscribe calls, and can excuse only those.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/check/checker.h"
#include "engine/check/log_walk.h"
#include "engine/world/inspect.h"

namespace ksim::check {

void InvariantChecker::check_consumer(const world::World& w, trace::Trace& t, Step s,
                                      int32_t node) {
  const auto& c = std::get<client::Consumer>(w.nodes[static_cast<size_t>(node)].logic);
  ConsumerCursor& cursor = consumers_[node];
  for (size_t i = cursor.seen; i < c.consumed.size(); ++i) {
    const client::ConsumedRecord& r = c.consumed[i];
    check_consumed_record(w, t, s, node, r, cursor.base[r.tp]);
  }
  cursor.seen = c.consumed.size();
  // Where each partition stands now: the next step's records must start there. Usually the
  // assignment is the one of the last step: both maps then walk in step.
  bool same = cursor.base.size() == c.memory.assigned.size();
  auto assigned = c.memory.assigned.begin();
  for (auto it = cursor.base.begin(); same && it != cursor.base.end(); ++it, ++assigned) {
    same = it->first == assigned->first;
    if (same) it->second = assigned->second.position;
  }
  if (!same) {
    for (auto& [tp, base] : cursor.base) {
      const auto it = c.memory.assigned.find(tp);
      base = it == c.memory.assigned.end() ? std::nullopt : it->second.position;
    }
    for (const auto& [tp, p] : c.memory.assigned) cursor.base.try_emplace(tp, p.position);
  }
  check_ownership(w, t, s, node, c, cursor);
}

void InvariantChecker::check_consumed_record(const world::World& w, trace::Trace& t, Step s,
                                             int32_t node, const client::ConsumedRecord& r,
                                             std::optional<int64_t>& base) {
  // Names only for what is reported: this runs for every record consumed.
  const auto who = [&] { return node_name(w, node); };
  const auto tp = [&] { return kafka::to_string(r.tp); };
  if (base && r.offset < *base) {
    report(t, s, Invariant::kNonmonotonicPoll, fmt::format("{}:{}:{}", who(), tp(), r.offset),
           fmt::format("consumer {}: poll() returned {} offset {}, below its position {}", who(),
                       tp(), r.offset, *base));
  } else if (base && r.offset > *base) {
    // Offsets without a record (compaction, a batch's emptied tail) are no skip.
    const cluster::Broker* leader = world::partition_leader(w, r.tp);
    const log::PartitionLog* log = leader == nullptr ? nullptr : leader->disk.logs.find_log(r.tp);
    const auto skipped = log == nullptr ? std::nullopt : first_record_in(*log, *base, r.offset);
    if (skipped) {
      report(t, s, Invariant::kPollSkip, fmt::format("{}:{}:{}", who(), tp(), *skipped),
             fmt::format("consumer {}: poll() returned {} offset {} after position {}, skipping "
                         "the record at offset {}",
                         who(), tp(), r.offset, *base, *skipped));
    }
  }
  base = r.offset + 1;

  std::vector<ConsumedAt>& at = consumed_[r.tp];
  if (at.size() <= static_cast<size_t>(r.offset)) at.resize(static_cast<size_t>(r.offset) + 1);
  ConsumedAt& slot = at[static_cast<size_t>(r.offset)];
  if (slot.id == 0) {
    slot = ConsumedAt{r.id.value, node};
  } else if (slot.id != r.id.value) {
    std::set<int64_t>& reported = lost_[{Invariant::kConsistentRead, r.tp}];
    if (reported.insert(r.offset).second) {
      report(t, s, Invariant::kConsistentRead, fmt::format("{}:{}", tp(), r.offset),
             fmt::format("{} offset {}: {} read record #{}, then {} read record #{} there", tp(),
                         r.offset, node_name(w, slot.consumer), slot.id, who(), r.id.value));
    }
  }
  const int32_t tp_id = intern(r.tp);
  const auto [first, added] =
      consumed_ids_.try_emplace(r.id.value, FirstConsumed{tp_id, r.offset, node});
  if (!added && (first->second.tp != tp_id || first->second.offset != r.offset)) {
    report(t, s, Invariant::kDuplicate, fmt::format("#{}", r.id.value),
           fmt::format("one send (record #{}, value {}) is stored twice: {} read it at {} offset "
                       "{}, {} at {} offset {}",
                       r.id.value, r.value ? fmt::format("\"{}\"", *r.value) : "null",
                       node_name(w, first->second.consumer),
                       kafka::to_string(tps_[static_cast<size_t>(first->second.tp)]),
                       first->second.offset, who(), tp(), r.offset));
  }
}

void InvariantChecker::check_ownership(const world::World& w, trace::Trace& t, Step s, int32_t node,
                                       const client::Consumer& c, ConsumerCursor& cursor) {
  if (c.subscription.empty() || c.memory.member_state != client::MemberState::kStable) return;
  const int32_t generation = c.memory.generation;
  if (generation == cursor.owned_generation && c.memory.assigned.size() == cursor.owned_count) {
    return;
  }
  cursor.owned_generation = generation;
  cursor.owned_count = c.memory.assigned.size();
  for (const auto& [tp, p] : c.memory.assigned) {
    const auto [owner, added] =
        owners_.try_emplace(std::make_tuple(c.config.group_id, generation, tp), node);
    if (added || owner->second == node) continue;
    report(t, s, Invariant::kSingleOwnerPerGeneration,
           fmt::format("{}:{}:{}", c.config.group_id, generation, kafka::to_string(tp)),
           fmt::format("group {} generation {}: {} is owned by {} and by {}", c.config.group_id,
                       generation, kafka::to_string(tp), node_name(w, owner->second),
                       node_name(w, node)));
  }
}

void InvariantChecker::check_lost_writes(const world::World& w, trace::Trace& t, Step s) {
  for (const auto& [tp, acks] : acked_) {
    const cluster::Broker* leader = world::partition_leader(w, tp);
    const log::PartitionLog* log = leader == nullptr ? nullptr : leader->disk.logs.find_log(tp);
    const auto consumed = consumed_.find(tp);
    if (log == nullptr || consumed == consumed_.end()) continue;
    // The highest offset any consumer read: readers went past everything below it.
    const auto read_up_to = static_cast<int64_t>(consumed->second.size()) - 1;
    std::vector<int64_t> lost;
    std::set<std::string> producers;
    // `tp` is captured by an init-capture: clang 14 cannot capture a structured binding.
    auto consider = [&, &tp = tp](int64_t offset, const AckedRecord& a) {
      if (a.id == 0 || offset >= read_up_to || offset >= log->high_watermark()) return;
      if (consumed_ids_.count(a.id) != 0 || !record_lost_from(log, offset, a.id)) return;
      lost.push_back(offset);
      producers.insert(node_name(w, a.producer));
    };
    for (size_t o = 0; o < acks.first.size(); ++o) consider(static_cast<int64_t>(o), acks.first[o]);
    for (const auto& [offset, a] : acks.more) consider(offset, a);
    if (lost.empty()) continue;
    std::sort(lost.begin(), lost.end());
    lost.erase(std::unique(lost.begin(), lost.end()), lost.end());
    report(t, s, Invariant::kLostWrite, kafka::to_string(tp),
           fmt::format("{}: {} acknowledged record(s) (offset(s) {}, sent by {}) were never read, "
                       "though consumers read up to offset {}: they are gone from the log",
                       kafka::to_string(tp), lost.size(), offsets_text(lost),
                       fmt::join(producers, ", "), read_up_to));
  }
}

}  // namespace ksim::check
