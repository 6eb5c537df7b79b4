// What the cluster panel draws, computed from the world alone: where each node sits, how it
// looks (up, down, isolated), which links are cut, and every message in flight with its
// position on the wire. Pure functions over a const World, with no ImGui, so tests check the
// picture without a window. Pixel coordinates are those of the canvas passed in; colours are
// plain RGBA that the panel converts to ImGui's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/sim/ids.h"
#include "engine/sim/network.h"
#include "engine/sim/time.h"
#include "engine/world/world.h"

namespace ksim::viz {

struct Vec2 {
  float x = 0;
  float y = 0;
};

struct Rect {
  float x = 0;
  float y = 0;
  float w = 0;
  float h = 0;
};

struct Rgba {
  uint8_t r = 0;
  uint8_t g = 0;
  uint8_t b = 0;
  uint8_t a = 255;
  friend bool operator==(const Rgba&, const Rgba&) = default;
};

enum class NodeHealth { kUp, kDown, kNotStarted };

// How much of the network a node can still reach. kPartly: some link to or from it is cut;
// kIsolated: every link to or from every other node is cut in at least one direction.
enum class CutOff { kNone, kPartly, kIsolated };

struct NodeView {
  NodeId id;
  std::string name;
  Vec2 center;
  float radius = 0;
  Vec2 outward;  // unit vector from the ring's centre: where the node's text goes
  NodeHealth health = NodeHealth::kUp;
  CutOff cut_off = CutOff::kNone;
  int32_t cut_links = 0;  // other nodes it cannot exchange messages with both ways
  uint32_t incarnation = 0;
  int64_t pings_sent = 0;      // memory: lost by a crash
  int64_t pongs_received = 0;  // memory: lost by a crash
  int64_t pongs_on_disk = 0;   // disk: survives a crash
  Rgba fill;
  Rgba ring;
  Rgba text;
  std::string status;              // "up", "DOWN (crashed)", "up, isolated", ...
  std::vector<std::string> lines;  // the text block beside the node: status, memory, disk
};

enum class LinkState { kOk, kCutBothWays, kCutOneWay };

// One line per unordered pair of nodes.
struct LinkView {
  NodeId a;
  NodeId b;
  Vec2 from;  // centre of a
  Vec2 to;    // centre of b
  LinkState state = LinkState::kOk;
  NodeId cut_from;  // for kCutOneWay: the side whose messages die
  Rgba color;
  bool dashed = false;
};

struct MessageMarker {
  NodeId from;
  NodeId to;
  SimTime sent_at;
  SimTime arrival;
  float progress = 0;  // 0 at the sender, 1 at the receiver
  Vec2 pos;
  Vec2 outward;        // unit vector perpendicular to the wire: the side the label goes
  Vec2 toward_middle;  // unit vector along the wire, from the marker toward the wire's middle
  std::string label;   // "Ping #3"
  // The network already decided this message dies on arrival (cut link or loss).
  bool doomed = false;
  DropReason drop = DropReason::kNone;
  // The receiver is down right now: the message dies unless it restarts before arrival.
  bool receiver_down = false;
  Rgba color;
};

struct ClusterView {
  std::vector<NodeView> nodes;
  std::vector<LinkView> links;
  std::vector<MessageMarker> messages;  // in (arrival, seq) order
};

// Node centres on a circle inside `canvas`, the first node at the top, then clockwise.
// Leaves a margin around each node for its text.
std::vector<Vec2> node_positions(size_t count, Rect canvas, float* node_radius = nullptr);

// The picture of `w` at the instant `view_time` (clamped to no earlier than w.now(); the viewer
// animates between events by passing a later time, never later than the next event).
ClusterView build_cluster_view(const world::World& w, Rect canvas, SimTime view_time);
inline ClusterView build_cluster_view(const world::World& w, Rect canvas) {
  return build_cluster_view(w, canvas, w.now());
}

// Colours shared by the drawing and the legend.
struct Palette {
  static constexpr Rgba kNodeUp{46, 160, 67, 255};
  static constexpr Rgba kNodeDown{64, 64, 70, 255};
  static constexpr Rgba kNodeNotStarted{40, 40, 46, 255};
  static constexpr Rgba kRingUp{170, 230, 180, 255};
  static constexpr Rgba kRingDown{230, 60, 60, 255};
  static constexpr Rgba kRingIsolated{255, 165, 0, 255};
  static constexpr Rgba kLinkOk{110, 110, 125, 255};
  static constexpr Rgba kLinkCut{230, 60, 60, 255};
  static constexpr Rgba kPing{80, 160, 255, 255};
  static constexpr Rgba kPong{200, 120, 255, 255};
  static constexpr Rgba kDoomed{240, 70, 70, 255};
  static constexpr Rgba kText{235, 235, 235, 255};
  static constexpr Rgba kTextDim{150, 150, 150, 255};
};

}  // namespace ksim::viz
