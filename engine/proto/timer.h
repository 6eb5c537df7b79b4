// Every kind of timer a node can set, in one enum so the trace can name them. A timer is data:
// its kind, one integer argument, and the incarnation of the node that set it (a crash bumps
// the incarnation, which is how a crash drops pending timers).
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::proto {

enum class TimerKind : uint16_t {
  kToyPingTick,                  // the toy node's periodic ping
  kControllerFenceCheck,         // arg: the session expiry it checks (us)
  kControllerLeaderBalance,      // leader.imbalance.check.interval.seconds
  kControllerUncleanCheck,       // unclean.leader.election.interval.ms
  kQuorumFetchTimeout,           // a standby checks it still hears the active controller
  kQuorumElectionTimeout,        // arg: the epoch of the candidacy
  kQuorumFetchNext,              // a standby fetches again
  kQuorumFetchPark,              // arg: the standby whose parked fetch is due an answer
  kBrokerRegistrationRetry,      // until the controller answers the registration
  kBrokerHeartbeat,              // broker.heartbeat.interval.ms
  kBrokerFencedHeartbeat,        // a fenced broker reports its progress soon
  kBrokerIsrExpiration,          // every replica.lag.time.max.ms / 2
  kBrokerDelayedProduceTimeout,  // the earliest parked produce's timeout (DeadlineTimer)
  kBrokerDelayedFetchTimeout,    // the earliest parked fetch's max wait (DeadlineTimer)
  kBrokerFetchRetry,             // arg: the leader's broker id (after replica.fetch.backoff.ms)
  kBrokerFetchTimeout,       // the earliest own fetch's replica.socket.timeout.ms (DeadlineTimer)
  kBrokerLogTasks,           // retention checks and the log cleaner
  kBrokerOffsetsExpiration,  // offsets.retention.check.interval.ms
  kGroupJoinDeadline,        // arg: the group's key; the join phase may be due to complete
  kGroupSyncDeadline,        // arg: the group's key; members that never synced are removed
  kGroupSessionCheck,        // arg: the group's key; members whose session ran out leave
  kConsumerHeartbeat,        // heartbeat.interval.ms (the consumer's heartbeat thread)
  kClientRequestTimeout,     // a request timeout: the earliest of a client (DeadlineTimer), or the
                             // scripted client's one (arg: its correlation id)
  kClientMetadataRetry,      // retry.backoff.ms after a Metadata answer without leaders
  kProducerSend,             // the producer's sender thread wakes (linger, backoff, timeouts)
  kProducerApp,              // arg: the send program whose next record is due
  kConsumerPoll,             // the consumer application calls poll() again
  kConsumerPollTimeout,      // poll(Duration) returns with nothing
};

inline std::string_view timer_kind_name(TimerKind k) {
  switch (k) {
    case TimerKind::kToyPingTick:
      return "ping_tick";
    case TimerKind::kControllerFenceCheck:
      return "fence_check";
    case TimerKind::kControllerLeaderBalance:
      return "leader_balance";
    case TimerKind::kControllerUncleanCheck:
      return "unclean_election_check";
    case TimerKind::kQuorumFetchTimeout:
      return "quorum_fetch_timeout";
    case TimerKind::kQuorumElectionTimeout:
      return "election_timeout";
    case TimerKind::kQuorumFetchNext:
      return "quorum_fetch";
    case TimerKind::kQuorumFetchPark:
      return "quorum_fetch_wait_expired";
    case TimerKind::kBrokerRegistrationRetry:
      return "registration_retry";
    case TimerKind::kBrokerHeartbeat:
      return "heartbeat";
    case TimerKind::kBrokerFencedHeartbeat:
      return "fenced_heartbeat";
    case TimerKind::kBrokerIsrExpiration:
      return "isr_expiration";
    case TimerKind::kBrokerDelayedProduceTimeout:
      return "produce_timeout";
    case TimerKind::kBrokerDelayedFetchTimeout:
      return "fetch_wait_expired";
    case TimerKind::kBrokerFetchRetry:
      return "fetch_backoff";
    case TimerKind::kBrokerFetchTimeout:
      return "fetch_timeout";
    case TimerKind::kBrokerLogTasks:
      return "log_tasks";
    case TimerKind::kBrokerOffsetsExpiration:
      return "offsets_expiration";
    case TimerKind::kGroupJoinDeadline:
      return "group_join_deadline";
    case TimerKind::kGroupSyncDeadline:
      return "group_sync_deadline";
    case TimerKind::kGroupSessionCheck:
      return "group_session_check";
    case TimerKind::kConsumerHeartbeat:
      return "consumer_heartbeat";
    case TimerKind::kClientRequestTimeout:
      return "request_timeout";
    case TimerKind::kClientMetadataRetry:
      return "metadata_retry";
    case TimerKind::kProducerSend:
      return "producer_send";
    case TimerKind::kProducerApp:
      return "producer_app";
    case TimerKind::kConsumerPoll:
      return "consumer_poll";
    case TimerKind::kConsumerPollTimeout:
      return "consumer_poll_timeout";
  }
  return "?";
}

}  // namespace ksim::proto
