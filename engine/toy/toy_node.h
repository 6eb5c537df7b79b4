// The toy world's node: it carries the walking skeleton until Kafka's brokers and clients
// arrive. Every ping_interval it pings the next peer in turn; a node answers each ping with a
// pong; the sender counts pongs in memory and persists each pong's record id on its disk.
// A crash loses memory (counters restart at zero) and keeps the disk, exactly the split a
// Kafka broker will have between its caches and its log.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/proto/timer.h"
#include "engine/runtime/context.h"
#include "engine/sim/shared_chunks.h"

namespace ksim::toy {

struct Memory {
  uint32_t next_seq = 0;
  size_t next_peer = 0;
  int64_t pings_sent = 0;
  int64_t pongs_received = 0;
  friend bool operator==(const Memory&, const Memory&) = default;
};

struct Disk {
  // Record ids of every pong received, oldest first; sealed chunks are shared by checkpoints.
  SharedChunks<RecordId> pong_records;
  friend bool operator==(const Disk&, const Disk&) = default;
};

struct ToyNode {
  NodeId id;
  std::vector<NodeId> peers;
  SimTime ping_interval = SimTime::from_ms(100);
  Memory memory;
  Disk disk;
  friend bool operator==(const ToyNode&, const ToyNode&) = default;
};

void on_start(ToyNode& node, runtime::Context& ctx);
void on_message(ToyNode& node, NodeId from, const proto::Payload& payload, runtime::Context& ctx);
void on_timer(ToyNode& node, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);
// The node crashed: everything in memory is gone.
void on_crash(ToyNode& node);
// The toy takes no node-targeted actions.
inline void on_action(ToyNode&, const proto::Action&, runtime::Context&) {}

}  // namespace ksim::toy
