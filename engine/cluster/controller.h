// The KRaft controller, reduced to one active controller node: it keeps the cluster metadata
// log (__cluster_metadata) on its disk and the image in memory, registers brokers and fences
// those whose heartbeats stop for broker.session.timeout.ms, creates and deletes topics with
// KRaft's replica placement, elects leaders (clean, unclean when allowed, preferred), commits
// the ISR changes leaders propose (AlterPartition), and sends every new record to the brokers.
// Simplification: a single controller; while it is down no metadata changes
// (docs/simplifications.md#controller).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/cluster/broker_config.h"
#include "engine/cluster/metadata_image.h"
#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"
#include "engine/sim/prng.h"
#include "engine/sim/shared_chunks.h"

namespace ksim::cluster {

struct ControllerDisk {
  SharedChunks<proto::MetadataRecord, 1024> metadata_log;
  friend bool operator==(const ControllerDisk&, const ControllerDisk&) = default;
};

struct BrokerSession {
  SimTime last_heartbeat;
  friend bool operator==(const BrokerSession&, const BrokerSession&) = default;
};

struct ControllerMemory {
  MetadataImage image;  // the metadata log, applied
  std::map<int32_t, BrokerSession> sessions;
  SimTime fence_check_at = SimTime::never();  // the pending fence-check timer, if any
  std::vector<proto::MetadataRecord> unsent;  // committed in this step, not yet pushed
  friend bool operator==(const ControllerMemory&, const ControllerMemory&) = default;
};

struct Controller {
  NodeId id;
  BrokerConfig config;  // the cluster-wide broker defaults (topics' minISR, unclean, ...)
  Prng placement_rng;   // seeds KRaft's replica placement
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

}  // namespace ksim::cluster
