// kafka-consumer-groups --reset-offsets (ConsumerGroupCommand.resetOffsets): the tool's
// bootstrap broker passes the request to the group's coordinator, which refuses while the group
// has members, asks each partition's leader for its log start and end offsets (ListOffsets),
// plans the new offsets (to-earliest, to-latest, to-offset, shift-by; clamped into the log as
// the tool clamps them), reports the plan (ResetOffsetsOutcome), and with --execute commits it.
#include <fmt/format.h>

#include <algorithm>

#include "engine/cluster/broker_internal.h"
#include "engine/cluster/offsets_records.h"

namespace ksim::cluster::detail {
namespace {

using Strategy = proto::ResetOffsets::Strategy;

void report(Broker& b, ResetOffsetsOutcome outcome) {
  b.memory.coordinator.reset_outcomes.push_back(std::move(outcome));
}

void report_error(Broker& b, const std::string& group, std::string error, bool refused = false) {
  report(b, ResetOffsetsOutcome{group, std::move(error), refused, {}, false});
}

void finish_reset(Broker& b, const PendingReset& r, runtime::Context& ctx) {
  const proto::ResetOffsets& q = r.request;
  const auto g = b.memory.coordinator.groups.find(q.group);
  std::vector<proto::OffsetCommitPartition> plan;
  for (const auto& [tp, latest] : r.latest) {
    const auto e = r.earliest.find(tp);
    const int64_t earliest = e == r.earliest.end() ? 0 : e->second;
    int64_t target = 0;
    switch (q.strategy) {
      case Strategy::kToEarliest:
        target = earliest;
        break;
      case Strategy::kToLatest:
        target = latest;
        break;
      case Strategy::kToOffset:
        target = q.value;
        break;
      case Strategy::kShiftBy: {
        // From the committed offset (or, without one, the tool's default: latest).
        int64_t current = latest;
        if (g != b.memory.coordinator.groups.end()) {
          const auto o = g->second.offsets.find(tp);
          if (o != g->second.offsets.end()) current = o->second.offset;
        }
        target = current + q.value;
        break;
      }
    }
    target = std::clamp(target, earliest, latest);  // checkOffsetsRange
    plan.push_back(proto::OffsetCommitPartition{tp, target, -1, ""});
  }
  report(b, ResetOffsetsOutcome{q.group, "", false, plan, q.execute});
  if (!q.execute || plan.empty()) return;
  std::vector<kafka::Record> records;
  for (const proto::OffsetCommitPartition& p : plan) {
    kafka::Record rec;
    rec.id = ctx.new_record_id();
    rec.key = encode_key(OffsetCommitKey{q.group, p.tp});
    rec.value = encode_value(OffsetCommitValue{p.committed_offset, -1, "", ctx.now().ms()});
    rec.timestamp_ms = ctx.now().ms();
    records.push_back(std::move(rec));
  }
  write_group_records_for(b, q.group, std::move(records),
                          PendingCommit{q.group, plan, ctx.now().ms(), false, std::nullopt}, ctx);
}

}  // namespace

void handle_reset_offsets(Broker& b, const proto::ResetOffsets& q, runtime::Context& ctx) {
  if (!coordinates(b, q.group)) {
    // The tool's bootstrap broker: pass it on to the coordinator.
    const proto::BrokerRecord* coordinator = coordinator_of(b, q.group);
    if (coordinator == nullptr || coordinator->node == b.id) {
      report_error(b, q.group,
                   fmt::format("The coordinator of group '{}' is not available.", q.group));
      ctx.report_error(static_cast<int16_t>(proto::ErrorCode::COORDINATOR_NOT_AVAILABLE));
      return;
    }
    ctx.send(coordinator->node, proto::ForwardedAction{q});
    return;
  }
  const auto g = b.memory.coordinator.groups.find(q.group);
  if (g != b.memory.coordinator.groups.end() && g->second.phase != GroupPhase::kEmpty &&
      g->second.phase != GroupPhase::kDead) {
    report_error(b, q.group,
                 fmt::format("Assignments can only be reset if the group '{}' is inactive, but "
                             "the current state is {}.",
                             q.group, group_phase_name(g->second.phase)),
                 true);
    ctx.report_error(static_cast<int16_t>(proto::ErrorCode::REBALANCE_IN_PROGRESS));
    return;
  }
  const TopicImage* topic = b.memory.image.topic(q.topic);
  if (topic == nullptr) {
    // The tool's describeTopics fails; run() prints the exception.
    report_error(b, q.group,
                 "Executing consumer group command failed due to "
                 "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server "
                 "does not host this topic-partition.");
    return;
  }
  PendingReset pending;
  pending.request = q;
  std::map<NodeId, std::pair<proto::ListOffsetsRequest, proto::ListOffsetsRequest>> by_leader;
  for (const proto::PartitionRecord& p : topic->partitions) {
    const proto::BrokerRecord* leader = b.memory.image.broker(p.leader);
    if (p.leader < 0 || leader == nullptr) continue;  // the tool skips leaderless partitions
    const kafka::TopicPartition tp{q.topic, p.partition};
    auto& [earliest, latest] = by_leader[leader->node];
    earliest.partitions.push_back(proto::ListOffsetsPartition{tp, proto::kEarliestTimestamp});
    latest.partitions.push_back(proto::ListOffsetsPartition{tp, proto::kLatestTimestamp});
  }
  for (auto& [node, requests] : by_leader) {
    requests.first.correlation_id = static_cast<int64_t>(b.memory.next_id++);
    requests.second.correlation_id = static_cast<int64_t>(b.memory.next_id++);
    pending.outstanding.push_back(requests.first.correlation_id);
    pending.outstanding.push_back(requests.second.correlation_id);
    pending.earliest_requests.push_back(requests.first.correlation_id);
    ctx.send(node, std::move(requests.first));
    ctx.send(node, std::move(requests.second));
  }
  if (pending.outstanding.empty()) {
    finish_reset(b, pending, ctx);
    return;
  }
  b.memory.coordinator.resets.push_back(std::move(pending));
}

void handle_reset_list_offsets(Broker& b, const proto::ListOffsetsResponse& resp,
                               runtime::Context& ctx) {
  auto& resets = b.memory.coordinator.resets;
  for (auto it = resets.begin(); it != resets.end(); ++it) {
    const auto waiting =
        std::find(it->outstanding.begin(), it->outstanding.end(), resp.correlation_id);
    if (waiting == it->outstanding.end()) continue;
    it->outstanding.erase(waiting);
    const bool earliest = std::find(it->earliest_requests.begin(), it->earliest_requests.end(),
                                    resp.correlation_id) != it->earliest_requests.end();
    for (const proto::ListOffsetsPartitionResponse& p : resp.partitions) {
      if (p.error != proto::ErrorCode::NONE) continue;
      (earliest ? it->earliest : it->latest)[p.tp] = p.offset;
    }
    if (it->outstanding.empty()) {
      const PendingReset done = std::move(*it);
      resets.erase(it);
      finish_reset(b, done, ctx);
    }
    return;
  }
}

}  // namespace ksim::cluster::detail
