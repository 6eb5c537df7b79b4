// The classic group protocol on the coordinator (Kafka 3.9's GroupCoordinator.scala and
// GroupMetadata.scala): JoinGroup, SyncGroup, Heartbeat and LeaveGroup move a group through
// Empty, PreparingRebalance, CompletingRebalance and Stable. A rebalance parks every member's
// JoinGroup until all known members rejoined (or the rebalance timeout), waiting
// group.initial.rebalance.delay.ms more per wave of new members when the group was Empty; then
// the generation goes up, the protocol is voted, and only the leader learns the members'
// subscriptions. The leader's SyncGroup carries everyone's assignment; it is written to
// __consumer_offsets and handed out once replicated. Members that stop heartbeating for
// session.timeout.ms are removed, which starts the next rebalance.
#include <fmt/format.h>

#include <algorithm>

#include "engine/cluster/broker_internal.h"
#include "engine/cluster/offsets_records.h"

namespace ksim::cluster {

std::string_view group_phase_name(GroupPhase p) {
  switch (p) {
    case GroupPhase::kEmpty:
      return "Empty";
    case GroupPhase::kPreparingRebalance:
      return "PreparingRebalance";
    case GroupPhase::kCompletingRebalance:
      return "CompletingRebalance";
    case GroupPhase::kStable:
      return "Stable";
    case GroupPhase::kDead:
      return "Dead";
  }
  return "?";
}

}  // namespace ksim::cluster

namespace ksim::cluster::detail {
namespace {

// Kafka's member ids: client id, "-", then java.util.UUID.randomUUID() (version 4), drawn here
// from the broker's seeded stream.
std::string new_member_id(Broker& b, const std::string& prefix) {
  const uint64_t hi = (b.member_id_rng.next_u64() & ~uint64_t{0xf000}) | 0x4000;
  const uint64_t lo = (b.member_id_rng.next_u64() & ~(uint64_t{3} << 62)) | (uint64_t{2} << 62);
  return fmt::format("{}-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", prefix, hi >> 32,
                     (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

GroupMember* member_of(GroupState& g, const std::string& id) {
  const auto it = std::find_if(g.members.begin(), g.members.end(),
                               [&](const GroupMember& m) { return m.member_id == id; });
  return it == g.members.end() ? nullptr : &*it;
}

int32_t rebalance_timeout_ms(const GroupState& g) {
  int32_t t = 0;
  for (const GroupMember& m : g.members) t = std::max(t, m.rebalance_timeout_ms);
  return t;
}

void set_phase(GroupState& g, GroupPhase to, SimTime now) {
  if (to == GroupPhase::kEmpty && g.phase != GroupPhase::kEmpty) g.empty_since = now;
  g.phase = to;
}

// ClassicGroup.selectProtocol: among the protocols every member supports, each member votes for
// its first; the most votes win (ties: the earliest in the first member's preference order).
std::string select_protocol(const GroupState& g) {
  std::vector<std::string> candidates;
  for (const proto::JoinGroupProtocol& p : g.members.front().protocols) {
    const bool everyone =
        std::all_of(g.members.begin(), g.members.end(), [&](const GroupMember& m) {
          return std::any_of(m.protocols.begin(), m.protocols.end(),
                             [&](const proto::JoinGroupProtocol& q) { return q.name == p.name; });
        });
    if (everyone) candidates.push_back(p.name);
  }
  std::map<std::string, int> votes;
  for (const GroupMember& m : g.members) {
    for (const proto::JoinGroupProtocol& p : m.protocols) {
      if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
        ++votes[p.name];
        break;
      }
    }
  }
  std::string best;
  for (const std::string& c : candidates) {
    if (best.empty() || votes[c] > votes[best]) best = c;
  }
  return best;
}

bool supports_common_protocol(const GroupState& g, const proto::JoinGroupRequest& req) {
  if (g.members.empty()) return true;
  if (g.protocol_type != req.protocol_type) return false;
  for (const proto::JoinGroupProtocol& p : req.protocols) {
    const bool everyone =
        std::all_of(g.members.begin(), g.members.end(), [&](const GroupMember& m) {
          return m.member_id == req.member_id ||
                 std::any_of(m.protocols.begin(), m.protocols.end(),
                             [&](const proto::JoinGroupProtocol& q) { return q.name == p.name; });
        });
    if (everyone) return true;
  }
  return false;
}

proto::JoinGroupResponse join_response(const GroupState& g, const GroupMember& m,
                                       int64_t correlation) {
  proto::JoinGroupResponse r;
  r.correlation_id = correlation;
  r.generation_id = g.generation;
  r.protocol_name = g.protocol_name;
  r.leader = g.leader_id;
  r.member_id = m.member_id;
  if (m.member_id == g.leader_id) {
    for (const GroupMember& other : g.members) {
      proto::JoinGroupMember jm{other.member_id, other.group_instance_id, {}};
      for (const proto::JoinGroupProtocol& p : other.protocols) {
        if (p.name == g.protocol_name) jm.subscription = p.subscription;
      }
      r.members.push_back(std::move(jm));
    }
  }
  return r;
}

void record_phase(Broker& b, const GroupState& g, GroupPhase before, runtime::Context& ctx) {
  ctx.record(trace::EntityRef{trace::EntityKind::kGroup, b.id.value, static_cast<int32_t>(g.key)},
             trace::Field::kGroupState, static_cast<int64_t>(before),
             static_cast<int64_t>(g.phase));
}

void arm_join_timer(const GroupState& g, SimTime delay, runtime::Context& ctx) {
  ctx.set_timer(delay, proto::TimerKind::kGroupJoinDeadline, static_cast<int64_t>(g.key));
}

void complete_join(Broker& b, GroupState& g, runtime::Context& ctx);

// ClassicGroup.prepareRebalance.
void prepare_rebalance(Broker& b, GroupState& g, runtime::Context& ctx) {
  const GroupPhase before = g.phase;
  if (g.phase == GroupPhase::kCompletingRebalance) {
    // Parked SyncGroups learn that the generation they synced for is over.
    for (GroupMember& m : g.members) {
      if (m.awaiting_sync) {
        ctx.send(m.node, proto::SyncGroupResponse{
                             *m.awaiting_sync, proto::ErrorCode::REBALANCE_IN_PROGRESS, {}});
        m.awaiting_sync.reset();
      }
    }
  }
  if (g.phase == GroupPhase::kEmpty) {
    // The initial rebalance waits for more members (group.initial.rebalance.delay.ms).
    const int64_t delay = b.config.group_initial_rebalance_delay_ms;
    g.initial_delay = true;
    g.new_member_added = false;
    g.initial_delay_remaining_ms = std::max<int64_t>(rebalance_timeout_ms(g) - delay, 0);
    g.join_deadline = ctx.now() + SimTime::from_ms(delay);
  } else {
    g.initial_delay = false;
    g.join_deadline = ctx.now() + SimTime::from_ms(rebalance_timeout_ms(g));
  }
  set_phase(g, GroupPhase::kPreparingRebalance, ctx.now());
  record_phase(b, g, before, ctx);
  arm_join_timer(g, g.join_deadline - ctx.now(), ctx);
}

// DelayedJoin.tryComplete: every known member rejoined and no new member is still pending.
void try_complete_join(Broker& b, GroupState& g, runtime::Context& ctx) {
  if (g.phase != GroupPhase::kPreparingRebalance || g.initial_delay) return;
  const bool all_joined = std::all_of(g.members.begin(), g.members.end(), [](const GroupMember& m) {
    return m.awaiting_join.has_value();
  });
  if (all_joined && g.pending_members.empty()) complete_join(b, g, ctx);
}

void complete_join(Broker& b, GroupState& g, runtime::Context& ctx) {
  // Dynamic members that did not rejoin are gone; static ones keep their place.
  std::erase_if(g.members, [](const GroupMember& m) {
    return !m.awaiting_join && !m.group_instance_id.has_value();
  });
  g.pending_members.clear();
  if (member_of(g, g.leader_id) == nullptr || !member_of(g, g.leader_id)->awaiting_join) {
    const auto joined = std::find_if(g.members.begin(), g.members.end(), [](const GroupMember& m) {
      return m.awaiting_join.has_value();
    });
    g.leader_id = joined == g.members.end() ? std::string() : joined->member_id;
  }
  ++g.generation;
  ctx.record(trace::EntityRef{trace::EntityKind::kGroup, b.id.value, static_cast<int32_t>(g.key)},
             trace::Field::kGroupGeneration, g.generation - 1, g.generation);
  const GroupPhase before = g.phase;
  g.initial_delay = false;
  if (g.members.empty()) {
    g.protocol_name.clear();
    set_phase(g, GroupPhase::kEmpty, ctx.now());
    record_phase(b, g, before, ctx);
    return;
  }
  g.protocol_name = select_protocol(g);
  set_phase(g, GroupPhase::kCompletingRebalance, ctx.now());
  record_phase(b, g, before, ctx);
  for (GroupMember& m : g.members) {
    m.session_deadline = ctx.now() + SimTime::from_ms(m.session_timeout_ms);
    if (!m.awaiting_join) continue;
    ctx.send(m.node, join_response(g, m, *m.awaiting_join));
    m.awaiting_join.reset();
  }
  g.sync_deadline = ctx.now() + SimTime::from_ms(rebalance_timeout_ms(g));
  ctx.set_timer(g.sync_deadline - ctx.now(), proto::TimerKind::kGroupSyncDeadline,
                static_cast<int64_t>(g.key));
  ctx.set_timer(SimTime::from_ms(g.members.front().session_timeout_ms),
                proto::TimerKind::kGroupSessionCheck, static_cast<int64_t>(g.key));
}

// A member left or failed: a new leader if needed, and a rebalance.
void remove_member(Broker& b, GroupState& g, const std::string& id, runtime::Context& ctx) {
  std::erase_if(g.members, [&](const GroupMember& m) { return m.member_id == id; });
  if (g.leader_id == id) g.leader_id = g.members.empty() ? "" : g.members.front().member_id;
  switch (g.phase) {
    case GroupPhase::kStable:
    case GroupPhase::kCompletingRebalance:
      prepare_rebalance(b, g, ctx);
      try_complete_join(b, g, ctx);
      break;
    case GroupPhase::kPreparingRebalance:
      try_complete_join(b, g, ctx);
      break;
    case GroupPhase::kEmpty:
    case GroupPhase::kDead:
      break;
  }
}

GroupState* group_by_key(Broker& b, uint64_t key) {
  for (auto& [id, g] : b.memory.coordinator.groups) {
    if (g.key == key) return &g;
  }
  return nullptr;
}

bool same_protocols(const GroupMember& m, const proto::JoinGroupRequest& req) {
  return m.protocols == req.protocols;
}

void update_member(GroupMember& m, NodeId from, const proto::JoinGroupRequest& req) {
  m.node = from;
  m.protocols = req.protocols;
  m.session_timeout_ms = req.session_timeout_ms;
  m.rebalance_timeout_ms = req.rebalance_timeout_ms;
  m.awaiting_join = req.correlation_id;
}

void add_member_and_rebalance(Broker& b, GroupState& g, NodeId from,
                              const proto::JoinGroupRequest& req, const std::string& id,
                              runtime::Context& ctx) {
  GroupMember m;
  m.member_id = id;
  m.group_instance_id = req.group_instance_id;
  m.client_id = req.client_id;
  update_member(m, from, req);
  m.session_deadline = ctx.now() + SimTime::from_ms(req.session_timeout_ms);
  g.members.push_back(std::move(m));
  g.protocol_type = req.protocol_type;
  if (g.leader_id.empty()) g.leader_id = id;
  g.new_member_added = true;
  if (g.phase == GroupPhase::kEmpty || g.phase == GroupPhase::kStable ||
      g.phase == GroupPhase::kCompletingRebalance) {
    prepare_rebalance(b, g, ctx);
  }
  try_complete_join(b, g, ctx);
}

void reply_join_error(NodeId to, const proto::JoinGroupRequest& req, proto::ErrorCode error,
                      std::string member_id, runtime::Context& ctx) {
  proto::JoinGroupResponse r;
  r.correlation_id = req.correlation_id;
  r.error = error;
  r.member_id = std::move(member_id);
  ctx.send(to, std::move(r));
}

}  // namespace

void handle_join_group(Broker& b, NodeId from, const proto::JoinGroupRequest& req,
                       runtime::Context& ctx) {
  if (!coordinates(b, req.group_id)) {
    reply_join_error(from, req, proto::ErrorCode::NOT_COORDINATOR, req.member_id, ctx);
    return;
  }
  if (req.session_timeout_ms < b.config.group_min_session_timeout_ms ||
      req.session_timeout_ms > b.config.group_max_session_timeout_ms) {
    reply_join_error(from, req, proto::ErrorCode::INVALID_SESSION_TIMEOUT, req.member_id, ctx);
    return;
  }
  const bool exists = b.memory.coordinator.groups.count(req.group_id) != 0;
  if (!exists && !req.member_id.empty()) {
    reply_join_error(from, req, proto::ErrorCode::UNKNOWN_MEMBER_ID, req.member_id, ctx);
    return;
  }
  GroupState& g = group_named(b, req.group_id, ctx);
  if (g.phase == GroupPhase::kDead) {
    reply_join_error(from, req, proto::ErrorCode::COORDINATOR_NOT_AVAILABLE, req.member_id, ctx);
    return;
  }
  if (!supports_common_protocol(g, req)) {
    reply_join_error(from, req, proto::ErrorCode::INCONSISTENT_GROUP_PROTOCOL, req.member_id, ctx);
    return;
  }
  if (req.member_id.empty()) {
    if (req.group_instance_id) {
      // KIP-345: a known static member takes over its slot under a new member id.
      const auto old = std::find_if(g.members.begin(), g.members.end(), [&](const GroupMember& m) {
        return m.group_instance_id == req.group_instance_id;
      });
      const std::string id = new_member_id(b, *req.group_instance_id);
      if (old == g.members.end()) {
        add_member_and_rebalance(b, g, from, req, id, ctx);
        return;
      }
      const bool unchanged = same_protocols(*old, req);
      if (g.leader_id == old->member_id) g.leader_id = id;
      old->member_id = id;
      update_member(*old, from, req);
      old->session_deadline = ctx.now() + SimTime::from_ms(req.session_timeout_ms);
      if (g.phase == GroupPhase::kStable && unchanged) {
        // Same subscription: no rebalance, the same assignment at the same generation.
        old->awaiting_join.reset();
        ctx.send(from, join_response(g, *old, req.correlation_id));
        return;
      }
      if (g.phase != GroupPhase::kPreparingRebalance) prepare_rebalance(b, g, ctx);
      try_complete_join(b, g, ctx);
      return;
    }
    // KIP-394: a new dynamic member first gets its id, then joins with it.
    const std::string id = new_member_id(b, req.client_id);
    g.pending_members.push_back(
        GroupState::PendingMember{id, ctx.now() + SimTime::from_ms(req.session_timeout_ms)});
    ctx.set_timer(SimTime::from_ms(req.session_timeout_ms), proto::TimerKind::kGroupSessionCheck,
                  static_cast<int64_t>(g.key));
    reply_join_error(from, req, proto::ErrorCode::MEMBER_ID_REQUIRED, id, ctx);
    return;
  }
  const auto pending = std::find_if(
      g.pending_members.begin(), g.pending_members.end(),
      [&](const GroupState::PendingMember& p) { return p.member_id == req.member_id; });
  if (pending != g.pending_members.end()) {
    g.pending_members.erase(pending);
    add_member_and_rebalance(b, g, from, req, req.member_id, ctx);
    return;
  }
  GroupMember* m = member_of(g, req.member_id);
  if (m == nullptr || g.phase == GroupPhase::kEmpty) {
    reply_join_error(from, req, proto::ErrorCode::UNKNOWN_MEMBER_ID, req.member_id, ctx);
    return;
  }
  const bool unchanged = same_protocols(*m, req);
  switch (g.phase) {
    case GroupPhase::kPreparingRebalance:
      update_member(*m, from, req);
      try_complete_join(b, g, ctx);
      return;
    case GroupPhase::kCompletingRebalance:
    case GroupPhase::kStable:
      // The same subscription gets this generation's answer again; a changed one (or, once
      // Stable, the leader rejoining) starts a rebalance.
      if (unchanged &&
          (g.phase == GroupPhase::kCompletingRebalance || m->member_id != g.leader_id)) {
        ctx.send(from, join_response(g, *m, req.correlation_id));
        return;
      }
      update_member(*m, from, req);
      prepare_rebalance(b, g, ctx);
      try_complete_join(b, g, ctx);
      return;
    case GroupPhase::kEmpty:
    case GroupPhase::kDead:
      return;
  }
}

void handle_sync_group(Broker& b, NodeId from, const proto::SyncGroupRequest& req,
                       runtime::Context& ctx) {
  auto reply = [&](proto::ErrorCode e) {
    ctx.send(from, proto::SyncGroupResponse{req.correlation_id, e, {}});
  };
  if (!coordinates(b, req.group_id)) return reply(proto::ErrorCode::NOT_COORDINATOR);
  const auto it = b.memory.coordinator.groups.find(req.group_id);
  if (it == b.memory.coordinator.groups.end()) return reply(proto::ErrorCode::UNKNOWN_MEMBER_ID);
  GroupState& g = it->second;
  GroupMember* m = member_of(g, req.member_id);
  if (m == nullptr || g.phase == GroupPhase::kEmpty || g.phase == GroupPhase::kDead) {
    return reply(proto::ErrorCode::UNKNOWN_MEMBER_ID);
  }
  if (req.generation_id != g.generation) return reply(proto::ErrorCode::ILLEGAL_GENERATION);
  if (g.phase == GroupPhase::kPreparingRebalance) {
    return reply(proto::ErrorCode::REBALANCE_IN_PROGRESS);
  }
  if (g.phase == GroupPhase::kStable) {
    ctx.send(from,
             proto::SyncGroupResponse{req.correlation_id, proto::ErrorCode::NONE, m->assignment});
    return;
  }
  m->node = from;
  m->awaiting_sync = req.correlation_id;
  if (req.member_id != g.leader_id) return;
  // The leader's assignment: written to __consumer_offsets, then handed out.
  for (GroupMember& member : g.members) member.assignment.clear();
  for (const proto::SyncGroupAssignment& a : req.assignments) {
    if (GroupMember* target = member_of(g, a.member_id)) target->assignment = a.partitions;
  }
  kafka::Record r;
  r.id = ctx.new_record_id();
  r.key = encode_key(GroupMetadataKey{g.group_id});
  r.value = encode_group_value(g, ctx.now().ms());
  r.timestamp_ms = ctx.now().ms();
  PendingCommit pending{g.group_id, {}, ctx.now().ms(), false, g.generation};
  std::vector<kafka::Record> records;
  records.push_back(std::move(r));
  write_group_records_for(b, g.group_id, std::move(records), std::move(pending), ctx);
}

void finish_sync(Broker& b, const std::string& group_id, int32_t generation, proto::ErrorCode error,
                 runtime::Context& ctx) {
  const auto it = b.memory.coordinator.groups.find(group_id);
  if (it == b.memory.coordinator.groups.end()) return;
  GroupState& g = it->second;
  if (g.phase != GroupPhase::kCompletingRebalance || g.generation != generation) return;
  const GroupPhase before = g.phase;
  if (error != proto::ErrorCode::NONE) {
    for (GroupMember& m : g.members) {
      if (!m.awaiting_sync) continue;
      ctx.send(m.node, proto::SyncGroupResponse{*m.awaiting_sync, error, {}});
      m.awaiting_sync.reset();
      m.assignment.clear();
    }
    prepare_rebalance(b, g, ctx);
    return;
  }
  for (GroupMember& m : g.members) {
    if (!m.awaiting_sync) continue;
    ctx.send(m.node,
             proto::SyncGroupResponse{*m.awaiting_sync, proto::ErrorCode::NONE, m.assignment});
    m.awaiting_sync.reset();
  }
  set_phase(g, GroupPhase::kStable, ctx.now());
  record_phase(b, g, before, ctx);
}

void handle_heartbeat(Broker& b, NodeId from, const proto::HeartbeatRequest& req,
                      runtime::Context& ctx) {
  auto reply = [&](proto::ErrorCode e) {
    ctx.send(from, proto::HeartbeatResponse{req.correlation_id, e});
  };
  if (!coordinates(b, req.group_id)) return reply(proto::ErrorCode::NOT_COORDINATOR);
  const auto it = b.memory.coordinator.groups.find(req.group_id);
  if (it == b.memory.coordinator.groups.end()) return reply(proto::ErrorCode::UNKNOWN_MEMBER_ID);
  GroupState& g = it->second;
  if (g.phase == GroupPhase::kDead) return reply(proto::ErrorCode::COORDINATOR_NOT_AVAILABLE);
  GroupMember* m = member_of(g, req.member_id);
  if (m == nullptr || g.phase == GroupPhase::kEmpty) {
    return reply(proto::ErrorCode::UNKNOWN_MEMBER_ID);
  }
  if (req.group_instance_id && m->group_instance_id != req.group_instance_id) {
    return reply(proto::ErrorCode::FENCED_INSTANCE_ID);
  }
  if (req.generation_id != g.generation) return reply(proto::ErrorCode::ILLEGAL_GENERATION);
  m->session_deadline = ctx.now() + SimTime::from_ms(m->session_timeout_ms);
  ctx.set_timer(SimTime::from_ms(m->session_timeout_ms), proto::TimerKind::kGroupSessionCheck,
                static_cast<int64_t>(g.key));
  reply(g.phase == GroupPhase::kPreparingRebalance ? proto::ErrorCode::REBALANCE_IN_PROGRESS
                                                   : proto::ErrorCode::NONE);
}

void handle_leave_group(Broker& b, NodeId from, const proto::LeaveGroupRequest& req,
                        runtime::Context& ctx) {
  auto reply = [&](proto::ErrorCode e) {
    ctx.send(from, proto::LeaveGroupResponse{req.correlation_id, e});
  };
  if (!coordinates(b, req.group_id)) return reply(proto::ErrorCode::NOT_COORDINATOR);
  const auto it = b.memory.coordinator.groups.find(req.group_id);
  if (it == b.memory.coordinator.groups.end() || member_of(it->second, req.member_id) == nullptr) {
    return reply(proto::ErrorCode::UNKNOWN_MEMBER_ID);
  }
  remove_member(b, it->second, req.member_id, ctx);
  reply(proto::ErrorCode::NONE);
}

void on_group_timer(Broker& b, proto::TimerKind kind, uint64_t key, runtime::Context& ctx) {
  GroupState* g = group_by_key(b, key);
  if (g == nullptr) return;
  switch (kind) {
    case proto::TimerKind::kGroupJoinDeadline:
      if (g->phase != GroupPhase::kPreparingRebalance || ctx.now() < g->join_deadline) return;
      if (g->initial_delay && g->new_member_added && g->initial_delay_remaining_ms > 0) {
        // Another wave of members came during the delay: wait once more.
        const int64_t delay =
            std::min(b.config.group_initial_rebalance_delay_ms, g->initial_delay_remaining_ms);
        g->initial_delay_remaining_ms -= delay;
        g->new_member_added = false;
        g->join_deadline = ctx.now() + SimTime::from_ms(delay);
        arm_join_timer(*g, SimTime::from_ms(delay), ctx);
        return;
      }
      complete_join(b, *g, ctx);
      return;
    case proto::TimerKind::kGroupSyncDeadline: {
      if (g->phase != GroupPhase::kCompletingRebalance || ctx.now() < g->sync_deadline) return;
      // Members that never sent SyncGroup are removed, which rebalances.
      std::vector<std::string> silent;
      for (const GroupMember& m : g->members) {
        if (!m.awaiting_sync) silent.push_back(m.member_id);
      }
      for (const std::string& id : silent) remove_member(b, *g, id, ctx);
      return;
    }
    case proto::TimerKind::kGroupSessionCheck: {
      std::vector<std::string> expired;
      for (const GroupMember& m : g->members) {
        // A member parked in JoinGroup or SyncGroup is kept alive (shouldKeepAlive).
        if (m.awaiting_join || m.awaiting_sync) continue;
        if (m.session_deadline <= ctx.now()) expired.push_back(m.member_id);
      }
      for (const std::string& id : expired) remove_member(b, *g, id, ctx);
      // A new member that got its id but never joined with it is forgotten (and no longer
      // holds up the join phase).
      const size_t before = g->pending_members.size();
      std::erase_if(g->pending_members,
                    [&](const GroupState::PendingMember& p) { return p.deadline <= ctx.now(); });
      if (g->pending_members.size() != before) try_complete_join(b, *g, ctx);
      return;
    }
    default:
      return;
  }
}

proto::ErrorCode validate_offset_commit(Broker& b, const proto::OffsetCommitRequest& req) {
  const auto it = b.memory.coordinator.groups.find(req.group_id);
  if (it == b.memory.coordinator.groups.end()) {
    return req.generation_id < 0 ? proto::ErrorCode::NONE : proto::ErrorCode::ILLEGAL_GENERATION;
  }
  GroupState& g = it->second;
  if (g.phase == GroupPhase::kDead) return proto::ErrorCode::COORDINATOR_NOT_AVAILABLE;
  // A "simple" commit (a consumer with assign(), an admin tool) needs an Empty group.
  if (req.generation_id < 0 && g.phase == GroupPhase::kEmpty) return proto::ErrorCode::NONE;
  GroupMember* m = member_of(g, req.member_id);
  if (m == nullptr) return proto::ErrorCode::UNKNOWN_MEMBER_ID;
  if (req.group_instance_id && m->group_instance_id != req.group_instance_id) {
    return proto::ErrorCode::FENCED_INSTANCE_ID;
  }
  if (req.generation_id != g.generation) return proto::ErrorCode::ILLEGAL_GENERATION;
  if (g.phase == GroupPhase::kCompletingRebalance) return proto::ErrorCode::REBALANCE_IN_PROGRESS;
  return proto::ErrorCode::NONE;
}

bool group_is_empty(const Broker& b, const std::string& group) {
  const auto it = b.memory.coordinator.groups.find(group);
  return it == b.memory.coordinator.groups.end() || it->second.members.empty();
}

}  // namespace ksim::cluster::detail
