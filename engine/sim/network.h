// The simulated network between nodes. Each directed link has a latency, a seeded jitter and a
// loss probability; links can be cut by partitions (two-way between sets of nodes, or one-way)
// and healed. Messages on one link arrive in the order they were sent, as on the TCP
// connections Kafka uses: jitter never reorders a link. A message that a cut or loss kills is
// still delivered as an event at its arrival time, marked dropped, so the trace and the viewer
// can show where it died. Dense tables indexed by (from, to): the world has few nodes and this
// is on the hot path of every send.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/sim/ids.h"
#include "engine/sim/prng.h"
#include "engine/sim/time.h"

namespace ksim {

struct LinkConfig {
  SimTime latency = SimTime::from_ms(1);
  // Arrival is latency + a uniform draw in [0, jitter].
  SimTime jitter = SimTime::from_us(0);
  // Probability of losing a message, in parts per million.
  uint32_t loss_ppm = 0;

  friend bool operator==(const LinkConfig&, const LinkConfig&) = default;
};

enum class DropReason : uint8_t {
  kNone = 0,
  kLinkCut,        // a network partition separates sender and receiver
  kLost,           // random loss on the link
  kReceiverDown,   // the receiver was crashed when the message arrived
  kSenderCrashed,  // the sender crashed before the message arrived: its connection closed
};

const char* drop_reason_name(DropReason r);

struct Route {
  SimTime arrival;
  DropReason drop = DropReason::kNone;
};

class Network {
 public:
  explicit Network(LinkConfig default_link = {}) : default_link_(default_link) {}

  // Grows the tables to hold nodes [0, count). New links take the default config.
  void resize(int32_t count);
  int32_t node_count() const { return count_; }

  const LinkConfig& default_link() const { return default_link_; }
  void set_link(NodeId from, NodeId to, LinkConfig config);
  const LinkConfig& link(NodeId from, NodeId to) const;

  // Cuts every link from each node of `a` to each node of `b`, and back unless `one_way`.
  void partition(const std::vector<NodeId>& a, const std::vector<NodeId>& b, bool one_way);
  // Restores every cut link.
  void heal_all();
  bool is_cut(NodeId from, NodeId to) const;
  // True when any link touching `node` is cut in either direction.
  bool is_isolated_somewhere(NodeId node) const;

  // Decides when a message sent now from `from` to `to` arrives, and whether it is dropped.
  // Draws jitter and loss from `rng`. Keeps per-link FIFO order.
  Route route(NodeId from, NodeId to, SimTime now, Prng& rng);

  friend bool operator==(const Network&, const Network&) = default;

 private:
  size_t index(NodeId from, NodeId to) const;

  LinkConfig default_link_;
  int32_t count_ = 0;
  std::vector<LinkConfig> links_;      // count_ * count_
  std::vector<uint8_t> cut_;           // count_ * count_, 1 when the link is cut
  std::vector<SimTime> last_arrival_;  // per link, for FIFO delivery
};

}  // namespace ksim
