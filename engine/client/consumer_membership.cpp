// A consumer's group membership with subscribe() (Kafka's AbstractCoordinator and
// ConsumerCoordinator, classic protocol). From inside poll() it joins: JoinGroup (first to get
// a member id, then with it), and if the coordinator names it leader it runs the chosen
// assignor over every member's subscription (assignor.h) and sends the result in its SyncGroup;
// the SyncGroup answer is its assignment. Eager assignors give up every partition before
// rejoining, so nothing is consumed during a rebalance; cooperative-sticky keeps its partitions,
// gives up only those it lost, and rejoins at once for the follow-up round. A heartbeat every
// heartbeat.interval.ms keeps the member alive and learns of rebalances; a member that does not
// poll for max.poll.interval.ms leaves the group.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "engine/client/consumer.h"

namespace ksim::client::detail {
namespace {

bool is_cooperative(const Consumer& c) {
  // ConsumerCoordinator: the protocol every configured assignor supports.
  return std::all_of(
      c.config.partition_assignment_strategy.begin(), c.config.partition_assignment_strategy.end(),
      [](AssignorKind k) { return rebalance_protocol(k) == RebalanceProtocol::kCooperative; });
}

std::vector<kafka::TopicPartition> owned(const Consumer& c) {
  std::vector<kafka::TopicPartition> out;
  for (const auto& [tp, p] : c.memory.assigned) out.push_back(tp);
  return out;
}

// onPartitionsRevoked / onPartitionsLost: forget positions and buffered records.
void drop_partitions(Consumer& c, const std::vector<kafka::TopicPartition>& gone) {
  for (const kafka::TopicPartition& tp : gone) {
    c.memory.assigned.erase(tp);
  }
  std::erase_if(c.memory.buffer, [&](const BufferedRecord& r) {
    return std::find(gone.begin(), gone.end(), r.tp) != gone.end();
  });
}

// The member's generation is over (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, a poll timeout):
// its partitions are lost, not revoked, and it rejoins as new when `forget_id`.
void reset_membership(Consumer& c, bool forget_id) {
  if (forget_id) c.memory.member_id.clear();
  c.memory.generation = -1;
  c.memory.member_state = MemberState::kUnjoined;
  c.memory.rejoin_needed = true;
  drop_partitions(c, owned(c));
}

void request_rejoin(Consumer& c, runtime::Context& ctx) {
  c.memory.rejoin_needed = true;
  if (c.memory.state == ConsumerAppState::kPolling) poll(c, ctx);
}

void send_join(Consumer& c, runtime::Context& ctx) {
  proto::JoinGroupRequest req;
  req.correlation_id = c.memory.next_correlation++;
  req.group_id = c.config.group_id;
  req.session_timeout_ms = static_cast<int32_t>(c.config.session_timeout_ms);
  req.rebalance_timeout_ms = static_cast<int32_t>(c.config.max_poll_interval_ms);
  req.member_id = c.memory.member_id;
  req.group_instance_id = c.config.group_instance_id;
  req.client_id = c.config.client_id.empty() ? fmt::format("consumer-{}-1", c.config.group_id)
                                             : c.config.client_id;
  for (AssignorKind kind : c.config.partition_assignment_strategy) {
    proto::GroupSubscription sub;
    sub.topics = c.subscription;
    // Sticky assignors carry what the member owns (user data or ownedPartitions).
    if (kind == AssignorKind::kSticky) {
      sub.owned_partitions = c.memory.sticky_assignment;
      sub.generation_id = c.memory.generation;
    } else if (kind == AssignorKind::kCooperativeSticky) {
      sub.owned_partitions = owned(c);
      sub.generation_id = c.memory.generation;
    }
    req.protocols.push_back(proto::JoinGroupProtocol{std::string(assignor_name(kind)), sub});
  }
  c.memory.join_in_flight = req.correlation_id;
  c.memory.member_state = MemberState::kJoining;
  c.memory.deadlines.add(req.correlation_id, SimTime::from_ms(c.config.max_poll_interval_ms + 5000),
                         ctx);
  ctx.send(c.memory.coordinator_node, std::move(req));
}

// The leader's part: the chosen assignor over everyone's subscription.
std::vector<proto::SyncGroupAssignment> compute_assignment(Consumer& c,
                                                           const proto::JoinGroupResponse& resp) {
  const std::optional<AssignorKind> kind = assignor_from_config(resp.protocol_name);
  std::map<std::string, int32_t> partitions_per_topic;
  std::vector<MemberSubscription> members;
  for (const proto::JoinGroupMember& m : resp.members) {
    members.push_back(MemberSubscription{m.member_id, m.group_instance_id, m.subscription.topics,
                                         m.subscription.owned_partitions,
                                         m.subscription.generation_id});
    for (const std::string& topic : m.subscription.topics) {
      const std::optional<TopicMetadata> md = topic_metadata(c.memory.metadata, topic);
      if (md) partitions_per_topic[topic] = md->partition_count;
    }
  }
  c.memory.assigned_partition_counts = partitions_per_topic;
  std::vector<proto::SyncGroupAssignment> out;
  if (!kind) return out;
  for (const auto& [member, partitions] : assign(*kind, partitions_per_topic, members)) {
    out.push_back(proto::SyncGroupAssignment{member, partitions});
  }
  return out;
}

void send_sync(Consumer& c, std::vector<proto::SyncGroupAssignment> assignments,
               runtime::Context& ctx) {
  proto::SyncGroupRequest req;
  req.correlation_id = c.memory.next_correlation++;
  req.group_id = c.config.group_id;
  req.generation_id = c.memory.generation;
  req.member_id = c.memory.member_id;
  req.group_instance_id = c.config.group_instance_id;
  req.assignments = std::move(assignments);
  c.memory.sync_in_flight = req.correlation_id;
  c.memory.member_state = MemberState::kSyncing;
  c.memory.deadlines.add(req.correlation_id, SimTime::from_ms(c.config.request_timeout_ms), ctx);
  ctx.send(c.memory.coordinator_node, std::move(req));
}

void arm_heartbeat(Consumer& c, runtime::Context& ctx) {
  if (c.memory.heartbeat_timer_set) return;
  c.memory.heartbeat_timer_set = true;
  ctx.set_timer(SimTime::from_ms(c.config.heartbeat_interval_ms),
                proto::TimerKind::kConsumerHeartbeat);
}

// onJoinComplete: the new assignment.
void apply_assignment(Consumer& c, const std::vector<kafka::TopicPartition>& assignment,
                      runtime::Context& ctx) {
  std::vector<kafka::TopicPartition> revoked;
  for (const kafka::TopicPartition& tp : owned(c)) {
    if (std::find(assignment.begin(), assignment.end(), tp) == assignment.end()) {
      revoked.push_back(tp);
    }
  }
  drop_partitions(c, revoked);
  for (const kafka::TopicPartition& tp : assignment) {
    c.memory.assigned.try_emplace(tp);  // a new partition starts from its committed offset
  }
  c.memory.member_state = MemberState::kStable;
  c.memory.sticky_assignment = assignment;
  c.assignments.push_back(Consumer::Assignment{ctx.now(), c.memory.generation, assignment});
  // ConsumerCoordinator.onJoinComplete restarts the auto-commit interval.
  if (c.config.enable_auto_commit) {
    c.memory.next_auto_commit = ctx.now() + SimTime::from_ms(c.config.auto_commit_interval_ms);
  }
  // Cooperative: a member that gave partitions up rejoins so they can move (the follow-up).
  if (is_cooperative(c) && !revoked.empty()) c.memory.rejoin_needed = true;
  arm_heartbeat(c, ctx);
}

// Errors that end this member's generation or identity, as the Java client handles them.
bool handle_member_error(Consumer& c, kafka::ErrorCode error, runtime::Context& ctx) {
  switch (error) {
    case kafka::ErrorCode::UNKNOWN_MEMBER_ID:
      reset_membership(c, true);
      request_rejoin(c, ctx);
      return true;
    case kafka::ErrorCode::ILLEGAL_GENERATION:
      reset_membership(c, false);
      request_rejoin(c, ctx);
      return true;
    case kafka::ErrorCode::REBALANCE_IN_PROGRESS:
      // A heartbeat's news of a rebalance this member is already part of changes nothing.
      if (c.memory.join_in_flight >= 0) return true;
      if (c.memory.member_state == MemberState::kSyncing) {
        c.memory.member_state = MemberState::kUnjoined;
      }
      request_rejoin(c, ctx);
      return true;
    case kafka::ErrorCode::NOT_COORDINATOR:
    case kafka::ErrorCode::COORDINATOR_NOT_AVAILABLE:
    case kafka::ErrorCode::COORDINATOR_LOAD_IN_PROGRESS:
      c.memory.coordinator = -1;
      if (c.memory.member_state != MemberState::kStable) {
        c.memory.member_state = MemberState::kUnjoined;
      }
      c.memory.rejoin_needed =
          c.memory.rejoin_needed || c.memory.member_state != MemberState::kStable;
      ctx.set_timer(SimTime::from_ms(c.config.retry_backoff_ms),
                    proto::TimerKind::kClientMetadataRetry);
      return true;
    case kafka::ErrorCode::FENCED_INSTANCE_ID:
    case kafka::ErrorCode::INCONSISTENT_GROUP_PROTOCOL:
    case kafka::ErrorCode::INVALID_SESSION_TIMEOUT: {
      // Fatal for the consumer: poll() throws.
      const std::string what =
          fmt::format("{}: {}",
                      error == kafka::ErrorCode::FENCED_INSTANCE_ID ? "FencedInstanceIdException"
                                                                    : "KafkaException",
                      kafka::error_name(error));
      poll_threw(c, what, kafka::ErrorCode::NONE, ctx);
      drop_partitions(c, owned(c));
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

bool uses_subscription(const Consumer& c) { return !c.subscription.empty(); }

void maybe_join(Consumer& c, runtime::Context& ctx) {
  if (!uses_subscription(c)) return;
  c.memory.last_poll = ctx.now();
  if (!c.memory.rejoin_needed || c.memory.join_in_flight >= 0 || c.memory.sync_in_flight >= 0) {
    return;
  }
  if (c.memory.coordinator < 0) {
    ensure_coordinator(c, ctx);
    return;
  }
  // onJoinPrepare: commit what was consumed, then (eager) give up every partition.
  if (c.config.enable_auto_commit && c.memory.generation >= 0) commit(c, true, true, ctx);
  if (!is_cooperative(c)) drop_partitions(c, owned(c));
  c.memory.rejoin_needed = false;
  send_join(c, ctx);
}

void heartbeat_tick(Consumer& c, runtime::Context& ctx) {
  c.memory.heartbeat_timer_set = false;
  if (!uses_subscription(c) || c.memory.generation < 0 || c.memory.member_id.empty()) return;
  if (c.memory.state == ConsumerAppState::kClosed || c.memory.state == ConsumerAppState::kFailed) {
    return;
  }
  // max.poll.interval.ms: the application is stuck between polls; a dynamic member leaves.
  if (ctx.now() - c.memory.last_poll > SimTime::from_ms(c.config.max_poll_interval_ms) &&
      c.memory.state == ConsumerAppState::kProcessing) {
    c.errors.push_back(fmt::format(
        "{} ms: consumer poll timeout has expired: the time between poll() calls exceeded "
        "max.poll.interval.ms ({}); the member leaves the group",
        ctx.now().ms(), c.config.max_poll_interval_ms));
    if (!c.config.group_instance_id) leave_group(c, "consumer poll timeout has expired.", ctx);
    reset_membership(c, !c.config.group_instance_id);
    return;
  }
  if (c.memory.coordinator >= 0 && c.memory.heartbeat_in_flight < 0) {
    proto::HeartbeatRequest req;
    req.correlation_id = c.memory.next_correlation++;
    req.group_id = c.config.group_id;
    req.generation_id = c.memory.generation;
    req.member_id = c.memory.member_id;
    req.group_instance_id = c.config.group_instance_id;
    c.memory.heartbeat_in_flight = req.correlation_id;
    c.memory.deadlines.add(req.correlation_id, SimTime::from_ms(c.config.request_timeout_ms), ctx);
    ctx.send(c.memory.coordinator_node, std::move(req));
  } else if (c.memory.coordinator < 0) {
    ensure_coordinator(c, ctx);
  }
  arm_heartbeat(c, ctx);
}

void leave_group(Consumer& c, const std::string& reason, runtime::Context& ctx) {
  if (!uses_subscription(c) || c.memory.member_id.empty() || c.memory.coordinator < 0) return;
  if (c.config.group_instance_id) return;  // static members never send LeaveGroup
  c.memory.leave_in_flight = c.memory.next_correlation++;
  ctx.send(c.memory.coordinator_node,
           proto::LeaveGroupRequest{c.memory.leave_in_flight, c.config.group_id, c.memory.member_id,
                                    reason});
  c.memory.deadlines.add(c.memory.leave_in_flight, SimTime::from_ms(c.config.request_timeout_ms),
                         ctx);
}

void check_metadata_for_rejoin(Consumer& c) {
  if (!uses_subscription(c) || c.memory.member_state != MemberState::kStable) return;
  for (const std::string& topic : c.subscription) {
    const std::optional<TopicMetadata> md = topic_metadata(c.memory.metadata, topic);
    const auto known = c.memory.assigned_partition_counts.find(topic);
    const int32_t before = known == c.memory.assigned_partition_counts.end() ? 0 : known->second;
    // Only the leader knows what the assignment was computed from; others learn by heartbeat.
    if (md && !c.memory.assigned_partition_counts.empty() && md->partition_count != before) {
      c.memory.rejoin_needed = true;
    }
  }
}

bool handle_membership_response(Consumer& c, const proto::Payload& payload, runtime::Context& ctx) {
  if (const auto* m = std::get_if<proto::JoinGroupResponse>(&payload)) {
    if (m->correlation_id != c.memory.join_in_flight) return true;
    c.memory.join_in_flight = -1;
    if (m->error == kafka::ErrorCode::MEMBER_ID_REQUIRED) {
      c.memory.member_id = m->member_id;
      send_join(c, ctx);
      return true;
    }
    if (m->error != kafka::ErrorCode::NONE) {
      if (!handle_member_error(c, m->error, ctx)) {
        c.memory.member_state = MemberState::kUnjoined;
        c.memory.rejoin_needed = true;
      }
      return true;
    }
    c.memory.member_id = m->member_id;
    c.memory.generation = m->generation_id;
    c.memory.protocol = m->protocol_name;
    if (m->leader != m->member_id) c.memory.assigned_partition_counts.clear();
    send_sync(c,
              m->leader == m->member_id ? compute_assignment(c, *m)
                                        : std::vector<proto::SyncGroupAssignment>{},
              ctx);
    return true;
  }
  if (const auto* m = std::get_if<proto::SyncGroupResponse>(&payload)) {
    if (m->correlation_id != c.memory.sync_in_flight) return true;
    c.memory.sync_in_flight = -1;
    if (m->error != kafka::ErrorCode::NONE) {
      if (!handle_member_error(c, m->error, ctx)) request_rejoin(c, ctx);
      return true;
    }
    apply_assignment(c, m->assignment, ctx);
    if (c.memory.state == ConsumerAppState::kPolling) poll(c, ctx);
    return true;
  }
  if (const auto* m = std::get_if<proto::HeartbeatResponse>(&payload)) {
    if (m->correlation_id != c.memory.heartbeat_in_flight) return true;
    c.memory.heartbeat_in_flight = -1;
    if (m->error != kafka::ErrorCode::NONE) handle_member_error(c, m->error, ctx);
    return true;
  }
  if (const auto* m = std::get_if<proto::LeaveGroupResponse>(&payload)) {
    if (m->correlation_id == c.memory.leave_in_flight) {
      c.memory.leave_in_flight = -1;
      finish_close_if_done(c, ctx);
    }
    return true;
  }
  return false;
}

bool membership_request_failed(Consumer& c, int64_t correlation, runtime::Context& ctx) {
  if (correlation == c.memory.leave_in_flight) {
    c.memory.leave_in_flight = -1;
    finish_close_if_done(c, ctx);
    return true;
  }
  if (correlation == c.memory.heartbeat_in_flight) {
    c.memory.heartbeat_in_flight = -1;
    c.memory.coordinator = -1;
    return true;
  }
  if (correlation != c.memory.join_in_flight && correlation != c.memory.sync_in_flight) {
    return false;
  }
  c.memory.join_in_flight = -1;
  c.memory.sync_in_flight = -1;
  c.memory.coordinator = -1;
  c.memory.member_state = MemberState::kUnjoined;
  c.memory.rejoin_needed = true;
  ctx.set_timer(SimTime::from_ms(c.config.retry_backoff_ms),
                proto::TimerKind::kClientMetadataRetry);
  return true;
}

}  // namespace ksim::client::detail
