#include "engine/cluster/controller.h"

#include <type_traits>
#include <variant>

#include "engine/cluster/controller_ops.h"
#include "engine/cluster/controller_quorum.h"
#include "engine/sim/check.h"

namespace ksim::cluster {
namespace {

trace::EntityRef broker_entity(const Controller& c, int32_t broker_id) {
  return {trace::EntityKind::kBroker, c.id.value, broker_id};
}

// Schedules the next fence check for the earliest session expiry, unless one is due sooner.
void schedule_fence_check(Controller& c, runtime::Context& ctx) {
  SimTime earliest = SimTime::never();
  for (const auto& [id, session] : c.memory.sessions) {
    if (!c.memory.image.is_alive(id)) continue;
    const SimTime expiry =
        session.last_heartbeat + SimTime::from_ms(c.config.broker_session_timeout_ms);
    if (expiry < earliest) earliest = expiry;
  }
  if (earliest == SimTime::never() || earliest >= c.memory.fence_check_at) return;
  c.memory.fence_check_at = earliest;
  // The timer fires just after the expiry instant: "more than" the session timeout.
  ctx.set_timer(earliest - ctx.now() + SimTime::from_us(1), proto::TimerKind::kControllerFenceCheck,
                earliest.us);
}

void handle_registration(Controller& c, NodeId from, const proto::BrokerRegistrationRequest& req,
                         runtime::Context& ctx) {
  const proto::BrokerRecord* existing = c.memory.image.broker(req.broker_id);
  if (existing != nullptr && !existing->fenced) {
    // A broker that restarts before its session expired: its old incarnation is gone.
    fence_broker(c, req.broker_id, ctx);
  }
  proto::BrokerRecord record{.broker_id = req.broker_id,
                             .node = from,
                             .rack = req.rack,
                             // KRaft's broker epoch is the offset of the registration record.
                             .broker_epoch = c.memory.image.offset,
                             .fenced = true,
                             .in_controlled_shutdown = false};
  commit(c, record, ctx);
  c.memory.sessions[req.broker_id] = BrokerSession{ctx.now()};
  send_committed(
      c, from, proto::BrokerRegistrationResponse{proto::ErrorCode::NONE, record.broker_epoch}, ctx);
}

void handle_heartbeat(Controller& c, NodeId from, const proto::BrokerHeartbeatRequest& req,
                      runtime::Context& ctx) {
  const proto::BrokerRecord* b = c.memory.image.broker(req.broker_id);
  proto::BrokerHeartbeatResponse resp;
  if (b == nullptr || b->broker_epoch != req.broker_epoch) {
    resp.error = proto::ErrorCode::STALE_BROKER_EPOCH;
    send_committed(c, from, std::move(resp), ctx);
    return;
  }
  c.memory.sessions[req.broker_id].last_heartbeat = ctx.now();
  if (req.want_shutdown && !b->in_controlled_shutdown) {
    begin_controlled_shutdown(c, req.broker_id, ctx);
  } else if (b->fenced && !b->in_controlled_shutdown && req.metadata_offset > b->broker_epoch) {
    // The broker has applied its own registration record (whose offset is its epoch): it has
    // caught up enough to serve (BrokerHeartbeatManager.calculateNextBrokerState).
    unfence_broker(c, req.broker_id, ctx);
  }
  b = c.memory.image.broker(req.broker_id);
  resp.is_fenced = b->fenced;
  resp.shutdown_now = b->in_controlled_shutdown && leaderships_of(c, req.broker_id) == 0;
  resp.catch_up.first_offset = req.metadata_offset;
  for (int64_t i = req.metadata_offset; i < static_cast<int64_t>(c.disk.metadata_log.size()); ++i) {
    resp.catch_up.records.push_back(c.disk.metadata_log[static_cast<size_t>(i)]);
  }
  send_committed(c, from, std::move(resp), ctx);
  schedule_fence_check(c, ctx);
}

// The quorum's own messages, whatever the role; returns false for everything else.
bool handle_quorum_message(Controller& c, NodeId from, const proto::Payload& payload,
                           runtime::Context& ctx) {
  if (const auto* m = std::get_if<proto::QuorumFetchRequest>(&payload)) {
    handle_quorum_fetch(c, from, *m, ctx);
  } else if (const auto* m = std::get_if<proto::QuorumFetchResponse>(&payload)) {
    handle_quorum_fetch_response(c, from, *m, ctx);
  } else if (const auto* m = std::get_if<proto::VoteRequest>(&payload)) {
    handle_vote(c, from, *m, ctx);
  } else if (const auto* m = std::get_if<proto::VoteResponse>(&payload)) {
    handle_vote_response(c, from, *m, ctx);
  } else if (const auto* m = std::get_if<proto::BeginQuorumEpoch>(&payload)) {
    handle_begin_epoch(c, from, *m, ctx);
  } else if (const auto* m = std::get_if<proto::ConnectionClosed>(&payload)) {
    // The active controller died under a standby's fetch: try again shortly.
    if (static_cast<proto::MessageKind>(m->dropped_kind) ==
        proto::MessageKind::kQuorumFetchRequest) {
      c.memory.fetch_in_flight = false;
      ctx.set_timer(SimTime::from_ms(500), proto::TimerKind::kQuorumFetchNext);
    }
  } else {
    return false;
  }
  push_unsent(c, ctx);
  return true;
}

// A controller that is not active answers brokers with NOT_CONTROLLER and the active one it
// knows, as KRaft controllers do.
void refuse_not_controller(const Controller& c, NodeId from, const proto::Payload& payload,
                           runtime::Context& ctx) {
  const NodeId hint = c.memory.leader;
  if (std::holds_alternative<proto::BrokerRegistrationRequest>(payload)) {
    ctx.send(from, proto::BrokerRegistrationResponse{proto::ErrorCode::NOT_CONTROLLER, -1, hint});
  } else if (std::holds_alternative<proto::BrokerHeartbeatRequest>(payload)) {
    proto::BrokerHeartbeatResponse resp;
    resp.error = proto::ErrorCode::NOT_CONTROLLER;
    resp.leader_hint = hint;
    ctx.send(from, std::move(resp));
  } else if (const auto* alter = std::get_if<proto::AlterPartitionRequest>(&payload)) {
    ctx.send(from, proto::AlterPartitionResponse{proto::ErrorCode::NOT_CONTROLLER, alter->tp, {}});
  } else if (const auto* create = std::get_if<proto::CreateTopicsRequest>(&payload)) {
    ctx.send(from, proto::CreateTopicsResponse{create->correlation_id, create->name,
                                               proto::ErrorCode::NOT_CONTROLLER, ""});
  }
}

void fence_expired_sessions(Controller& c, runtime::Context& ctx) {
  c.memory.fence_check_at = SimTime::never();
  std::vector<int32_t> expired;
  for (const auto& [id, session] : c.memory.sessions) {
    const SimTime expiry =
        session.last_heartbeat + SimTime::from_ms(c.config.broker_session_timeout_ms);
    if (c.memory.image.is_alive(id) && expiry < ctx.now()) expired.push_back(id);
  }
  for (int32_t id : expired) fence_broker(c, id, ctx);
  schedule_fence_check(c, ctx);
}

}  // namespace

void commit(Controller& c, proto::MetadataRecord record, runtime::Context& ctx) {
  if (const auto* b = std::get_if<proto::BrokerRecord>(&record)) {
    const proto::BrokerRecord* before = c.memory.image.broker(b->broker_id);
    ctx.record(broker_entity(c, b->broker_id), trace::Field::kFenced,
               before == nullptr ? -1 : (before->fenced ? 1 : 0), b->fenced ? 1 : 0);
  }
  c.disk.epochs.assign(c.disk.quorum_epoch, static_cast<int64_t>(c.disk.metadata_log.size()));
  c.disk.metadata_log.push_back(record);
  c.memory.image.apply(record);
  c.memory.unsent.push_back(std::move(record));
  ctx.record({trace::EntityKind::kNode, c.id.value, 0}, trace::Field::kMetadataOffset,
             c.memory.image.offset - 1, c.memory.image.offset);
}

void push_unsent(Controller& c, runtime::Context& ctx) {
  if (c.memory.unsent.empty()) return;
  advance_high_watermark(c, ctx);  // a single voter commits at once
  answer_parked_fetches(c, ctx);   // standbys' long polls return with the new records
  const int64_t first = c.memory.image.offset - static_cast<int64_t>(c.memory.unsent.size());
  for (const auto& [id, broker] : c.memory.image.brokers) {
    send_committed(c, broker.node,
                   proto::MetadataPush{proto::MetadataRecords{first, c.memory.unsent}}, ctx);
  }
  c.memory.unsent.clear();
}

void send_committed(Controller& c, NodeId to, proto::Payload payload, runtime::Context& ctx) {
  const int64_t end = static_cast<int64_t>(c.disk.metadata_log.size());
  if (c.memory.high_watermark >= end && c.memory.outbox.empty()) {
    ctx.send(to, std::move(payload));
    return;
  }
  c.memory.outbox.push_back(Outgoing{end, to, std::move(payload)});
}

bool is_active(const Controller& c) { return c.memory.role == QuorumRole::kActive; }

void begin_active_duties(Controller& c, runtime::Context& ctx) {
  // Every registered broker gets a full session from now, as after a controller failover.
  for (const auto& [id, broker] : c.memory.image.brokers) {
    c.memory.sessions[id] = BrokerSession{ctx.now()};
  }
  c.memory.fence_check_at = SimTime::never();
  schedule_fence_check(c, ctx);
  if (c.config.auto_leader_rebalance_enable) {
    ctx.set_timer(SimTime::from_s(c.config.leader_imbalance_check_interval_seconds),
                  proto::TimerKind::kControllerLeaderBalance);
  }
  ctx.set_timer(SimTime::from_ms(c.config.unclean_leader_election_interval_ms),
                proto::TimerKind::kControllerUncleanCheck);
}

void on_start(Controller& c, runtime::Context& ctx) {
  // Recovery: replay the metadata log from disk into a fresh image.
  for (size_t i = 0; i < c.disk.metadata_log.size(); ++i) {
    c.memory.image.apply(c.disk.metadata_log[i]);
  }
  start_quorum(c, ctx);
}

void on_crash(Controller& c) { c.memory = ControllerMemory{}; }

void on_message(Controller& c, NodeId from, const proto::Payload& payload, runtime::Context& ctx) {
  if (handle_quorum_message(c, from, payload, ctx)) return;
  if (!is_active(c)) {
    refuse_not_controller(c, from, payload, ctx);
    return;
  }
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, proto::BrokerRegistrationRequest>) {
          handle_registration(c, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::BrokerHeartbeatRequest>) {
          handle_heartbeat(c, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::AlterPartitionRequest>) {
          send_committed(c, from, alter_partition(c, m, ctx), ctx);
        } else if constexpr (std::is_same_v<M, proto::CreateTopicsRequest>) {
          send_committed(c, from, create_topic(c, m, ctx), ctx);
        } else if constexpr (std::is_same_v<M, proto::ForwardedAction>) {
          on_action(c, m.action, ctx);
        }
        // Anything else is not for a controller; it is ignored, as Kafka closes such a
        // connection.
      },
      payload);
  push_unsent(c, ctx);
}

void on_timer(Controller& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx) {
  if (!is_active(c) || kind == proto::TimerKind::kQuorumFetchPark) {
    // Only the active controller fences and elects; the quorum's own timers run everywhere.
    on_quorum_timer(c, kind, arg, ctx);
    return;
  }
  switch (kind) {
    case proto::TimerKind::kControllerFenceCheck:
      if (arg == c.memory.fence_check_at.us) fence_expired_sessions(c, ctx);
      break;
    case proto::TimerKind::kControllerLeaderBalance:
      elect_preferred_leaders(c, ctx);
      ctx.set_timer(SimTime::from_s(c.config.leader_imbalance_check_interval_seconds),
                    proto::TimerKind::kControllerLeaderBalance);
      break;
    case proto::TimerKind::kControllerUncleanCheck:
      elect_offline_leaders(c, ctx);
      ctx.set_timer(SimTime::from_ms(c.config.unclean_leader_election_interval_ms),
                    proto::TimerKind::kControllerUncleanCheck);
      break;
    default:
      on_quorum_timer(c, kind, arg, ctx);
  }
  push_unsent(c, ctx);
}

void on_action(Controller& c, const proto::Action& action, runtime::Context& ctx) {
  if (!is_active(c)) {
    // Forwarded to the active controller; with none known the request fails.
    if (c.memory.leader.value >= 0 && c.memory.leader != c.id) {
      ctx.send(c.memory.leader, proto::ForwardedAction{action});
    } else {
      ctx.report_error(static_cast<int16_t>(proto::ErrorCode::NOT_CONTROLLER));
    }
    return;
  }
  if (const auto* create = std::get_if<proto::CreateTopic>(&action)) {
    const proto::CreateTopicsResponse resp =
        create_topic(c,
                     proto::CreateTopicsRequest{0, create->name, create->partitions,
                                                create->replication_factor, create->configs},
                     ctx);
    ctx.report_error(static_cast<int16_t>(resp.error));
  } else if (const auto* del = std::get_if<proto::DeleteTopic>(&action)) {
    delete_topic(c, del->name, ctx);
  } else if (const auto* add = std::get_if<proto::AddPartitions>(&action)) {
    add_partitions(c, add->name, add->total, ctx);
  } else if (const auto* alter = std::get_if<proto::AlterTopicConfig>(&action)) {
    ctx.report_error(static_cast<int16_t>(alter_topic_config(c, *alter, ctx)));
  } else if (std::holds_alternative<proto::ElectPreferredLeaders>(action)) {
    elect_preferred_leaders(c, ctx);
  }
  push_unsent(c, ctx);
}

}  // namespace ksim::cluster
