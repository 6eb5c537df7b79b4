// A Kafka broker: it registers with the controller and heartbeats, applies the metadata records
// it receives, and for each partition it hosts plays leader or follower (Kafka's ReplicaManager
// and Partition). As leader it appends produced records, answers fetches from followers and
// consumers, tracks each follower's log end offset, advances the high watermark, and proposes
// ISR changes (AlterPartition). As follower it fetches from its leader, one Fetch per leader
// broker for all the partitions it follows there (Kafka's replica fetcher), and truncates its
// log when the leader says their histories diverged. Its logs live on its disk; everything
// else is memory, lost in a crash.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/broker_config.h"
#include "engine/cluster/group_coordinator.h"
#include "engine/cluster/metadata_image.h"
#include "engine/log/log_manager.h"
#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"
#include "engine/runtime/deadline_timer.h"
#include "engine/sim/prng.h"

namespace ksim::cluster {

// The leader's view of one follower (Kafka's Replica state on the leader).
struct FollowerState {
  int32_t broker_id = 0;
  int64_t log_end_offset = -1;  // -1 until its first fetch
  SimTime last_caught_up;       // last time it had everything the leader had
  SimTime last_fetch;
  int64_t leader_leo_at_last_fetch = -1;
  friend bool operator==(const FollowerState&, const FollowerState&) = default;
};

// An acks=all produce waiting for the high watermark to pass its last record.
struct DelayedProduce {
  uint64_t id = 0;
  NodeId client;
  int64_t correlation_id = 0;
  int64_t base_offset = 0;
  int64_t required_offset = 0;          // HW must reach this (last offset + 1)
  std::optional<PendingCommit> commit;  // a group coordinator write, answered as OffsetCommit
  friend bool operator==(const DelayedProduce&, const DelayedProduce&) = default;
};

// One partition hosted here (Kafka's Partition): its role, ISR and leader-side state.
struct HostedPartition {
  kafka::TopicPartition tp;
  int32_t leader = -1;  // broker id; == own id when leading
  int32_t leader_epoch = -1;
  int32_t partition_epoch = -1;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
  int64_t leader_epoch_start_offset = 0;            // LEO when this broker became leader
  std::vector<FollowerState> followers;             // leader only
  std::optional<std::vector<int32_t>> pending_isr;  // AlterPartition in flight (leader only)
  SimTime pending_isr_since;                        // when that AlterPartition was sent
  std::vector<DelayedProduce> delayed_produces;
  friend bool operator==(const HostedPartition&, const HostedPartition&) = default;
};

// A fetch parked on the leader until new data or its max wait.
struct DelayedFetch {
  uint64_t id = 0;
  NodeId from;
  proto::FetchRequest request;
  friend bool operator==(const DelayedFetch&, const DelayedFetch&) = default;
};

// The follower side: one fetch session per leader broker (keyed by its id).
struct FetcherState {
  bool in_flight = false;
  uint64_t request_id = 0;  // the in-flight request's id (responses to older ones are stale)
  friend bool operator==(const FetcherState&, const FetcherState&) = default;
};

enum class BrokerState : uint8_t {
  kStarting,      // registering with the controller
  kFenced,        // registered, catching up metadata
  kRunning,       // unfenced
  kShuttingDown,  // controlled shutdown: leaderships moving away
  kStopped,       // controlled shutdown complete: the process exits
};

struct BrokerMemory {
  BrokerState state = BrokerState::kStarting;
  int64_t broker_epoch = -1;
  MetadataImage image;
  std::map<kafka::TopicPartition, HostedPartition> partitions;
  std::map<int32_t, FetcherState> fetchers;  // by leader broker id
  std::vector<DelayedFetch> delayed_fetches;
  // Timeouts behind one timer each (runtime/deadline_timer.h): parked produces and parked
  // fetches (by their id), and this broker's own fetches from its leaders (by request id).
  runtime::DeadlineTimer produce_deadlines{proto::TimerKind::kBrokerDelayedProduceTimeout};
  runtime::DeadlineTimer fetch_wait_deadlines{proto::TimerKind::kBrokerDelayedFetchTimeout};
  runtime::DeadlineTimer fetch_deadlines{proto::TimerKind::kBrokerFetchTimeout};
  uint64_t next_id = 1;            // ids of this broker's requests and parked operations
  size_t controller_index = 0;     // which voter this broker believes is the active controller
  SimTime last_controller_answer;  // a voter that stops answering is left for the next
  GroupCoordinator coordinator;
  friend bool operator==(const BrokerMemory&, const BrokerMemory&) = default;
};

struct BrokerDisk {
  log::LogManager logs;
  int64_t producer_ids_issued = 0;  // InitProducerId answers so far (the next id in the block)
  friend bool operator==(const BrokerDisk&, const BrokerDisk&) = default;
};

struct Broker {
  int32_t broker_id = 0;
  NodeId id;
  std::vector<NodeId> controllers;  // the KRaft quorum's voters (controller.quorum.voters)
  std::optional<std::string> rack;
  BrokerConfig config;
  Prng member_id_rng;  // the random part of the member ids this broker's coordinator hands out
  BrokerMemory memory;
  BrokerDisk disk;
  friend bool operator==(const Broker&, const Broker&) = default;
};

// The controller this broker talks to now.
NodeId active_controller(const Broker& b);

// A request this broker holds unanswered: a parked produce, fetch or offset commit, or a
// JoinGroup or SyncGroup waiting for the rebalance. When the broker dies its connections close,
// and each client learns at once that this request will get no answer.
struct HeldRequest {
  NodeId client;
  proto::MessageKind kind = proto::MessageKind::kProduceRequest;
  int64_t correlation_id = -1;
};
std::vector<HeldRequest> held_requests(const Broker& b);

void on_start(Broker& b, runtime::Context& ctx);
void on_message(Broker& b, NodeId from, const proto::Payload& payload, runtime::Context& ctx);
void on_timer(Broker& b, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);
void on_crash(Broker& b);
void on_action(Broker& b, const proto::Action& action, runtime::Context& ctx);

}  // namespace ksim::cluster
