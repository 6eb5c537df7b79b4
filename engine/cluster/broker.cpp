#include "engine/cluster/broker.h"

#include <type_traits>
#include <variant>

#include "engine/cluster/broker_internal.h"
#include "engine/sim/check.h"

namespace ksim::cluster {
namespace {

using namespace detail;

trace::EntityRef node_entity(const Broker& b) { return {trace::EntityKind::kNode, b.id.value, 0}; }

void set_state(Broker& b, BrokerState s, runtime::Context& ctx) {
  ctx.record(node_entity(b), trace::Field::kBrokerState, static_cast<int64_t>(b.memory.state),
             static_cast<int64_t>(s));
  b.memory.state = s;
}

// Moves to the voter named by a NOT_CONTROLLER answer, or to the next one.
void follow_controller_hint(Broker& b, NodeId hint) {
  for (size_t i = 0; i < b.controllers.size(); ++i) {
    if (b.controllers[i] == hint) {
      b.memory.controller_index = i;
      return;
    }
  }
  ++b.memory.controller_index;
}

void send_registration(Broker& b, runtime::Context& ctx) {
  ctx.send(active_controller(b), proto::BrokerRegistrationRequest{b.broker_id, b.rack});
  // Retried until the controller answers (it may be down or unreachable).
  ctx.set_timer(SimTime::from_ms(b.config.broker_heartbeat_interval_ms),
                proto::TimerKind::kBrokerRegistrationRetry);
}

void send_heartbeat(Broker& b, runtime::Context& ctx) {
  ctx.send(active_controller(b),
           proto::BrokerHeartbeatRequest{b.broker_id, b.memory.broker_epoch, b.memory.image.offset,
                                         b.memory.state == BrokerState::kShuttingDown});
}

void schedule_log_tasks(Broker& b, runtime::Context& ctx) {
  const SimTime due = b.disk.logs.next_due();
  if (due != SimTime::never()) {
    ctx.set_timer(std::max(due - ctx.now(), SimTime{}), proto::TimerKind::kBrokerLogTasks);
  }
}

// Retention and the cleaner, as the trace shows them: which offsets went, where the log now
// starts, how far the cleaner got.
void record_log_activity(Broker& b, const log::LogActivity& activity, runtime::Context& ctx) {
  if (const auto* deleted = std::get_if<log::SegmentsDeleted>(&activity)) {
    if (deleted->segments.empty()) return;
    const trace::EntityRef e = replica_entity(b, deleted->tp);
    const int64_t first = deleted->segments.front().segment.base_offset;
    ctx.record(e, trace::Field::kSegmentsDeleted, first, deleted->new_log_start_offset);
    ctx.record(e, trace::Field::kLogStartOffset, first, deleted->new_log_start_offset);
  } else {
    const auto& cleaned = std::get<log::LogCleaned>(activity);
    const trace::EntityRef e = replica_entity(b, cleaned.tp);
    ctx.record(e, trace::Field::kCleanerCheckpoint, cleaned.stats.first_dirty_offset,
               cleaned.stats.end_offset);
    ctx.record(e, trace::Field::kRecordsRemoved, cleaned.stats.records_before,
               cleaned.stats.records_after);
  }
}

void handle_registration_response(Broker& b, const proto::BrokerRegistrationResponse& resp,
                                  runtime::Context& ctx) {
  if (b.memory.state != BrokerState::kStarting) return;
  b.memory.last_controller_answer = ctx.now();
  if (resp.error == proto::ErrorCode::NOT_CONTROLLER) {
    follow_controller_hint(b, resp.leader_hint);
    return;  // the registration retry timer asks the next one
  }
  if (resp.error != proto::ErrorCode::NONE) return;
  b.memory.broker_epoch = resp.broker_epoch;
  set_state(b, BrokerState::kFenced, ctx);
  send_heartbeat(b, ctx);
  ctx.set_timer(SimTime::from_ms(b.config.broker_heartbeat_interval_ms),
                proto::TimerKind::kBrokerHeartbeat);
  ctx.set_timer(SimTime::from_ms(b.config.replica_lag_time_max_ms / 2),
                proto::TimerKind::kBrokerIsrExpiration);
}

void handle_heartbeat_response(Broker& b, const proto::BrokerHeartbeatResponse& resp,
                               runtime::Context& ctx) {
  if (b.memory.state == BrokerState::kStarting || b.memory.state == BrokerState::kStopped) return;
  b.memory.last_controller_answer = ctx.now();
  if (resp.error == proto::ErrorCode::NOT_CONTROLLER) {
    follow_controller_hint(b, resp.leader_hint);
    return;
  }
  if (resp.error == proto::ErrorCode::STALE_BROKER_EPOCH) {
    // The controller no longer knows this incarnation: register again.
    set_state(b, BrokerState::kStarting, ctx);
    send_registration(b, ctx);
    return;
  }
  apply_metadata(b, resp.catch_up, ctx);
  if (resp.shutdown_now && b.memory.state == BrokerState::kShuttingDown) {
    set_state(b, BrokerState::kStopped, ctx);
    ctx.stop_self();
    return;
  }
  if (!resp.is_fenced && b.memory.state == BrokerState::kFenced) {
    set_state(b, BrokerState::kRunning, ctx);
  } else if (resp.is_fenced && b.memory.state == BrokerState::kRunning) {
    set_state(b, BrokerState::kFenced, ctx);
  }
  // While fenced, the next heartbeat reports its catching up soon rather than after a whole
  // interval. Simplification: a fixed 10 ms (docs/simplifications.md#controller).
  if (resp.is_fenced && b.memory.state == BrokerState::kFenced) {
    ctx.set_timer(SimTime::from_ms(10), proto::TimerKind::kBrokerFencedHeartbeat);
  }
}

}  // namespace

NodeId active_controller(const Broker& b) {
  return b.controllers[b.memory.controller_index % b.controllers.size()];
}

void on_start(Broker& b, runtime::Context& ctx) {
  set_state(b, BrokerState::kStarting, ctx);
  send_registration(b, ctx);
  schedule_log_tasks(b, ctx);
  ctx.set_timer(SimTime::from_ms(b.config.offsets_retention_check_interval_ms),
                proto::TimerKind::kBrokerOffsetsExpiration);
}

std::vector<HeldRequest> held_requests(const Broker& b) {
  using proto::MessageKind;
  std::vector<HeldRequest> held;
  for (const auto& [tp, p] : b.memory.partitions) {
    for (const DelayedProduce& d : p.delayed_produces) {
      if (d.commit && !d.commit->reply) continue;  // the coordinator's own write
      const MessageKind kind = !d.commit                   ? MessageKind::kProduceRequest
                               : d.commit->sync_generation ? MessageKind::kSyncGroupRequest
                                                           : MessageKind::kOffsetCommitRequest;
      held.push_back(HeldRequest{d.client, kind, d.correlation_id});
    }
  }
  for (const DelayedFetch& d : b.memory.delayed_fetches) {
    held.push_back(HeldRequest{d.from, MessageKind::kFetchRequest, d.request.correlation_id});
  }
  for (const auto& [id, g] : b.memory.coordinator.groups) {
    for (const GroupMember& m : g.members) {
      if (m.awaiting_join) {
        held.push_back(HeldRequest{m.node, MessageKind::kJoinGroupRequest, *m.awaiting_join});
      }
      if (m.awaiting_sync) {
        held.push_back(HeldRequest{m.node, MessageKind::kSyncGroupRequest, *m.awaiting_sync});
      }
    }
  }
  return held;
}

void on_crash(Broker& b) { b.memory = BrokerMemory{}; }

void on_message(Broker& b, NodeId from, const proto::Payload& payload, runtime::Context& ctx) {
  if (b.memory.state == BrokerState::kStopped) return;
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, proto::BrokerRegistrationResponse>) {
          handle_registration_response(b, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::BrokerHeartbeatResponse>) {
          handle_heartbeat_response(b, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::MetadataPush>) {
          apply_metadata(b, m.records, ctx);
        } else if constexpr (std::is_same_v<M, proto::ProduceRequest>) {
          handle_produce(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::FetchRequest>) {
          handle_fetch(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::FetchResponse>) {
          handle_fetch_response(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::AlterPartitionResponse>) {
          handle_alter_partition_response(b, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::MetadataRequest>) {
          handle_metadata_request(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::ListOffsetsRequest>) {
          handle_list_offsets(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::InitProducerIdRequest>) {
          handle_init_producer_id(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::FindCoordinatorRequest>) {
          handle_find_coordinator(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::OffsetCommitRequest>) {
          handle_offset_commit(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::OffsetFetchRequest>) {
          handle_offset_fetch(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::JoinGroupRequest>) {
          handle_join_group(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::SyncGroupRequest>) {
          handle_sync_group(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::HeartbeatRequest>) {
          handle_heartbeat(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::LeaveGroupRequest>) {
          handle_leave_group(b, from, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::ListOffsetsResponse>) {
          handle_reset_list_offsets(b, m, ctx);
        } else if constexpr (std::is_same_v<M, proto::ForwardedAction>) {
          if (const auto* reset = std::get_if<proto::ResetOffsets>(&m.action)) {
            handle_reset_offsets(b, *reset, ctx);
          }
        } else if constexpr (std::is_same_v<M, proto::CreateTopicsResponse>) {
          // The answer to an auto-creation; __consumer_offsets may be asked for again.
          if (m.name == kOffsetsTopic) b.memory.coordinator.offsets_topic_asked.reset();
        } else if constexpr (std::is_same_v<M, proto::ConnectionClosed>) {
          // A leader we fetched from crashed: back off and retry (the controller will move
          // leadership). Heartbeats and registrations are retried by their timers anyway.
          if (static_cast<proto::MessageKind>(m.dropped_kind) ==
              proto::MessageKind::kFetchRequest) {
            fetch_failed(b, m.correlation_id, ctx);
          }
        }
        // Other messages are not for a broker (e.g. a CreateTopics reply to an auto-create).
      },
      payload);
}

void on_timer(Broker& b, proto::TimerKind kind, int64_t arg, runtime::Context& ctx) {
  if (b.memory.state == BrokerState::kStopped) return;
  switch (kind) {
    case proto::TimerKind::kBrokerRegistrationRetry:
      if (b.memory.state != BrokerState::kStarting) return;
      if (ctx.now() - b.memory.last_controller_answer >
          SimTime::from_ms(b.config.broker_heartbeat_interval_ms)) {
        ++b.memory.controller_index;  // no answer: try the next voter
      }
      send_registration(b, ctx);
      return;
    case proto::TimerKind::kBrokerHeartbeat:
      if (b.memory.state == BrokerState::kStarting) return;
      // A voter silent for two intervals is probably not the active controller any more.
      if (b.controllers.size() > 1 &&
          ctx.now() - b.memory.last_controller_answer >
              SimTime::from_ms(2 * b.config.broker_heartbeat_interval_ms)) {
        ++b.memory.controller_index;
      }
      send_heartbeat(b, ctx);
      ctx.set_timer(SimTime::from_ms(b.config.broker_heartbeat_interval_ms),
                    proto::TimerKind::kBrokerHeartbeat);
      return;
    case proto::TimerKind::kBrokerFencedHeartbeat:
      if (b.memory.state == BrokerState::kFenced) send_heartbeat(b, ctx);
      return;
    case proto::TimerKind::kBrokerIsrExpiration:
      shrink_isrs(b, ctx);
      ctx.set_timer(SimTime::from_ms(b.config.replica_lag_time_max_ms / 2),
                    proto::TimerKind::kBrokerIsrExpiration);
      return;
    case proto::TimerKind::kBrokerDelayedProduceTimeout:
      for (const int64_t id : b.memory.produce_deadlines.expire(ctx)) {
        expire_delayed_produce(b, static_cast<uint64_t>(id), ctx);
      }
      return;
    case proto::TimerKind::kBrokerDelayedFetchTimeout:
      for (const int64_t id : b.memory.fetch_wait_deadlines.expire(ctx)) {
        expire_delayed_fetch(b, static_cast<uint64_t>(id), ctx);
      }
      return;
    case proto::TimerKind::kBrokerFetchRetry:
      maybe_send_fetch(b, static_cast<int32_t>(arg), ctx);
      return;
    case proto::TimerKind::kBrokerFetchTimeout:
      for (const int64_t id : b.memory.fetch_deadlines.expire(ctx)) fetch_timed_out(b, id, ctx);
      return;
    case proto::TimerKind::kGroupJoinDeadline:
    case proto::TimerKind::kGroupSyncDeadline:
    case proto::TimerKind::kGroupSessionCheck:
      on_group_timer(b, kind, static_cast<uint64_t>(arg), ctx);
      return;
    case proto::TimerKind::kBrokerOffsetsExpiration:
      expire_group_offsets(b, ctx);
      ctx.set_timer(SimTime::from_ms(b.config.offsets_retention_check_interval_ms),
                    proto::TimerKind::kBrokerOffsetsExpiration);
      return;
    case proto::TimerKind::kBrokerLogTasks:
      for (const log::LogActivity& a : b.disk.logs.run_due(ctx.now())) {
        record_log_activity(b, a, ctx);
      }
      schedule_log_tasks(b, ctx);
      return;
    default:
      KSIM_ASSERT(false, "a broker timer of another node kind");
  }
}

void on_action(Broker& b, const proto::Action& action, runtime::Context& ctx) {
  if (const auto* reset = std::get_if<proto::ResetOffsets>(&action)) {
    if (b.memory.state == BrokerState::kRunning) handle_reset_offsets(b, *reset, ctx);
    return;
  }
  if (std::holds_alternative<proto::ControlledShutdown>(action) &&
      (b.memory.state == BrokerState::kRunning || b.memory.state == BrokerState::kFenced)) {
    // Kafka's controlled shutdown: ask the controller to move leaderships away, then stop
    // once it says so (BrokerLifecycleManager.beginControlledShutdown).
    set_state(b, BrokerState::kShuttingDown, ctx);
    send_heartbeat(b, ctx);
  }
}

}  // namespace ksim::cluster
