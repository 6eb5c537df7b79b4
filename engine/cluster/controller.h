// A KRaft controller: it keeps the cluster metadata log (__cluster_metadata) on its disk and
// the image in memory, registers brokers and fences those whose heartbeats stop for
// broker.session.timeout.ms, creates and deletes topics with KRaft's replica placement, elects
// leaders (clean, unclean when allowed, preferred), commits the ISR changes leaders propose
// (AlterPartition), and sends every committed record to the brokers. With one controller it is
// always active and while it is down no metadata changes; with three, standbys replicate the
// log and elect a new active controller when the active one goes silent
// (controller_quorum.cpp, docs/cluster.md#quorum).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/broker_config.h"
#include "engine/cluster/metadata_image.h"
#include "engine/log/leader_epoch_cache.h"
#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"
#include "engine/sim/prng.h"
#include "engine/sim/shared_chunks.h"

namespace ksim::cluster {

struct ControllerDisk {
  SharedChunks<proto::MetadataRecord, 1024> metadata_log;
  log::LeaderEpochCache epochs;  // which quorum epoch appended which records
  int32_t quorum_epoch = 0;
  NodeId voted_for{-1};  // in quorum_epoch
  friend bool operator==(const ControllerDisk&, const ControllerDisk&) = default;
};

enum class QuorumRole : uint8_t { kStandby, kCandidate, kActive };

// A message that waits until the records behind it are committed (KRaft answers brokers only
// with committed state).
struct Outgoing {
  int64_t after_offset = 0;
  NodeId to;
  proto::Payload payload;
  friend bool operator==(const Outgoing&, const Outgoing&) = default;
};

struct BrokerSession {
  SimTime last_heartbeat;
  friend bool operator==(const BrokerSession&, const BrokerSession&) = default;
};

struct ControllerMemory {
  QuorumRole role = QuorumRole::kStandby;
  NodeId leader{-1};                 // the active controller as far as this one knows
  int64_t high_watermark = 0;        // committed records (on a majority of the voters)
  std::map<int32_t, int64_t> match;  // active: each voter's log end offset, by node id
  std::vector<int32_t> votes;        // candidate: voters that granted
  SimTime last_heard;                // standby: last fetch answered by the active controller
  bool fetch_in_flight = false;
  std::vector<Outgoing> outbox;                         // waiting for commit
  std::map<int32_t, proto::QuorumFetchRequest> parked;  // active: standbys' long polls
  bool fetch_timer_armed = false;  // standby: the fetch-timeout check is scheduled
  MetadataImage image;  // the metadata log, applied (the active's includes uncommitted records)
  std::map<int32_t, BrokerSession> sessions;
  SimTime fence_check_at = SimTime::never();  // the pending fence-check timer, if any
  std::vector<proto::MetadataRecord> unsent;  // committed in this step, not yet pushed
  friend bool operator==(const ControllerMemory&, const ControllerMemory&) = default;
};

struct Controller {
  NodeId id;
  std::vector<NodeId> voters;  // every controller, this one included (controller.quorum.voters)
  BrokerConfig config;         // the cluster-wide broker defaults (topics' minISR, unclean, ...)
  Prng placement_rng;          // seeds KRaft's replica placement
  Prng election_rng;           // randomizes election backoff
  uint64_t seed = 0;           // the run's seed: topic ids are drawn from it
  ControllerDisk disk;
  ControllerMemory memory;
  friend bool operator==(const Controller&, const Controller&) = default;
};

void on_start(Controller& c, runtime::Context& ctx);
void on_message(Controller& c, NodeId from, const proto::Payload& payload, runtime::Context& ctx);
void on_timer(Controller& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);
void on_crash(Controller& c);
void on_action(Controller& c, const proto::Action& action, runtime::Context& ctx);

// Appends `record` to the metadata log and the image; it is pushed to brokers at the end of
// the step. Exposed for the controller's own files.
void commit(Controller& c, proto::MetadataRecord record, runtime::Context& ctx);
// Sends every record committed in this step to every registered broker.
void push_unsent(Controller& c, runtime::Context& ctx);
// Sends now if everything appended is committed, else once it is.
void send_committed(Controller& c, NodeId to, proto::Payload payload, runtime::Context& ctx);
bool is_active(const Controller& c);
// What only the active controller does: broker sessions from now, the fence check, the
// periodic preferred and unclean elections.
void begin_active_duties(Controller& c, runtime::Context& ctx);

}  // namespace ksim::cluster
