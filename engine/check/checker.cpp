// The checker's step loop: what a step touched, which checks that calls for, and recording each
// violation once. The checks themselves are in replica_checks.cpp, loss_checks.cpp and
// consumer_checks.cpp.
#include "engine/check/checker.h"

#include <fmt/format.h>

#include "engine/world/inspect.h"

namespace ksim::check {

void InvariantChecker::report(trace::Trace& t, Step s, Invariant inv, const std::string& key,
                              const std::string& detail) {
  if (!reported_.emplace(inv, key).second) return;
  ++violations_;
  if (invariant_class(inv) == trace::ObservationClass::kEngineInvariant) ++engine_violations_;
  t.observe(trace::Observation{s, std::string(invariant_name(inv)), invariant_class(inv), detail});
}

std::string InvariantChecker::node_name(const world::World& w, int32_t node) const {
  if (node < 0 || static_cast<size_t>(node) >= w.nodes.size()) return fmt::format("node{}", node);
  return w.nodes[static_cast<size_t>(node)].name;
}

int32_t InvariantChecker::intern(const kafka::TopicPartition& tp) {
  const auto [it, added] = tp_ids_.try_emplace(tp, static_cast<int32_t>(tps_.size()));
  if (added) tps_.push_back(tp);
  return it->second;
}

std::map<InvariantChecker::ReplicaKey, InvariantChecker::Touch> InvariantChecker::touched(
    const trace::Trace& t, Step s) const {
  std::map<ReplicaKey, Touch> out;
  for (const trace::StateChange& c : t.changes(s)) {
    if (c.entity.kind != trace::EntityKind::kReplica) continue;
    const auto tp = replica_partition(t, c.entity);
    if (!tp) continue;
    Touch& touch = out[{c.entity.node, *tp}];
    touch.topic_id = trace::topic_id_of(c.entity.index);
    switch (c.field) {
      case trace::Field::kLeader:
      case trace::Field::kIsrSize:
        touch.role = true;
        break;
      case trace::Field::kLeaderEpoch:
        touch.role = true;
        if (c.from >= 0 && c.to < c.from) {
          touch.epoch_decreased = true;
          touch.epoch_from = c.from;
          touch.epoch_to = c.to;
        }
        break;
      case trace::Field::kHighWatermark:
        if (!touch.hw) touch.hw.emplace(c.from, c.to);
        touch.hw->second = c.to;
        if (c.to < c.from) touch.hw_decreased = true;
        break;
      case trace::Field::kLogEndOffset:
        if (c.to > c.from) {
          touch.leo_from = touch.appended ? std::min(touch.leo_from, c.from) : c.from;
          touch.appended = true;
        } else {
          touch.reshaped = true;
        }
        break;
      case trace::Field::kTruncatedTo:
      case trace::Field::kSegmentsDeleted:
      case trace::Field::kRecordsRemoved:
      case trace::Field::kLogStartOffset:
      case trace::Field::kCleanerCheckpoint:
        touch.reshaped = true;
        break;
      default:
        break;
    }
  }
  return out;
}

void InvariantChecker::observe(const world::World& w, trace::Trace& t, Step s) {
  ledger_.observe(w, t, s);
  std::set<kafka::TopicPartition> partitions;
  for (const auto& [replica, touch] : touched(t, s)) {
    check_replica(w, t, s, replica, touch);
    partitions.insert(replica.second);
  }
  for (const kafka::TopicPartition& tp : partitions) check_hw_within_isr(w, t, s, tp);
  const int32_t node = t.entry(s).node.value;
  if (node < 0 || static_cast<size_t>(node) >= w.nodes.size()) return;
  const world::NodeLogic& logic = w.nodes[static_cast<size_t>(node)].logic;
  if (std::holds_alternative<client::Producer>(logic)) check_producer(w, t, s, node);
  if (std::holds_alternative<client::Consumer>(logic)) check_consumer(w, t, s, node);
}

void InvariantChecker::finish(const world::World& w, trace::Trace& t) {
  if (t.size() == 0) return;
  const Step last{static_cast<int64_t>(t.size()) - 1};
  finish_logs(w, t, last);
  finish_losses(w, t, last);
  check_lost_writes(w, t, last);
}

void InvariantChecker::finish_logs(const world::World& w, trace::Trace& t, Step s) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    if (b == nullptr) continue;
    for (const auto& [tp, log] : b->disk.logs.logs()) {
      const ReplicaKey r{static_cast<int32_t>(i), tp};
      check_log_shape(w, t, s, r, log, INT64_MIN);
      // Against every other replica, below both high watermarks.
      check_log_matching(w, t, s, r, log, log.log_start_offset(), log.high_watermark());
    }
  }
}

void InvariantChecker::finish_losses(const world::World& w, trace::Trace& t, Step s) {
  std::set<kafka::TopicPartition> partitions;
  for (const auto& [tp, acks] : acked_) partitions.insert(tp);
  for (const auto& [tp, ids] : ledger_.records()) partitions.insert(tp);
  for (const kafka::TopicPartition& tp : partitions) check_losses(w, t, s, tp, 0);
  for (const auto& [tp, at] : consumed_) {
    const cluster::Broker* leader = world::partition_leader(w, tp);
    const log::PartitionLog* log = leader == nullptr ? nullptr : leader->disk.logs.find_log(tp);
    if (log == nullptr) continue;
    check_consumed_against(w, t, s, ReplicaKey{leader->id.value, tp}, *log, 0,
                           log->high_watermark());
  }
}

}  // namespace ksim::check
