// What the cluster panel draws, computed from the world alone: where each node sits, how it
// looks (up, down, isolated, a fenced or stopped broker), what its text block says and where
// that block goes, which links are cut, and every message in flight with its position on the
// wire, its colour and, when there is room, its label. Pure functions over a const World, with
// no ImGui, so tests check the picture without a window. Pixel coordinates are those of the
// canvas passed in; colours are plain RGBA that the panel converts to ImGui's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/sim/ids.h"
#include "engine/sim/network.h"
#include "engine/sim/time.h"
#include "engine/trace/render.h"
#include "engine/world/world.h"
#include "viz/geometry.h"
#include "viz/message_style.h"
#include "viz/node_details.h"

namespace ksim::viz {

enum class NodeHealth { kUp, kDown, kNotStarted };

// How much of the network a node can still reach. kPartly: some link to or from it is cut;
// kIsolated: every link to or from every other node is cut in at least one direction.
enum class CutOff { kNone, kPartly, kIsolated };

struct NodeView {
  NodeId id;
  std::string name;
  NodeKind kind = NodeKind::kToy;
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
  // "up", "DOWN (crashed)", "up, isolated"; a broker says "running", "fenced", "stopped"...
  std::string status;
  // The text block beside the node: the status, then the lines of its kind (node_details.h).
  std::vector<std::string> lines;
  Rect body;   // the circle and the room of its name (placement.h)
  Rect block;  // where `lines` go, one TextMetrics::line_h each
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
  uint64_t seq = 0;  // the queue sequence number of its Deliver event (MessageSelection)
  NodeId from;
  NodeId to;
  SimTime sent_at;
  SimTime arrival;
  float progress = 0;  // 0 at the sender, 1 at the receiver
  Vec2 pos;
  Vec2 outward;        // unit vector perpendicular to the wire: the side the label goes
  Vec2 toward_middle;  // unit vector along the wire, from the marker toward the wire's middle
  std::string label;   // "Ping #3", "Produce p=0 n=3" (message_style.h)
  std::string text;    // the label and, for a message that dies, why: "Ping #3 (dies: lost)"
  MessageFamily family = MessageFamily::kPing;
  // Where `text` goes; nullopt when there was no clear room for it (the marker is still drawn).
  std::optional<Rect> label_box;
  // The network already decided this message dies on arrival (cut link or loss).
  bool doomed = false;
  DropReason drop = DropReason::kNone;
  // The receiver is down right now: the message dies unless it restarts before arrival.
  bool receiver_down = false;
  Rgba color;
};

// A message that died recently, marked where it died: near its receiver's end of the wire.
struct DropMark {
  int64_t step = 0;  // the step it died at
  NodeId from;
  NodeId to;
  Vec2 pos;
  std::string text;  // "Produce p=0 n=1 died: link_cut"
  float age = 0;     // 0 just now .. 1 about to fade out (kDropFadeMs of simulated time)
};

struct ClusterView {
  std::vector<NodeView> nodes;
  std::vector<LinkView> links;
  std::vector<MessageMarker> messages;  // in (arrival, seq) order
  std::vector<DropMark> drops;          // newest first
  std::vector<MessageFamily> legend;    // message families to explain (legend_families)
  bool has_brokers = false;             // the legend then explains a fenced broker
  int32_t unlabelled = 0;               // markers drawn without a label, for lack of room
  int partition_lines = 0;              // partition lines per broker that fitted (<= 3)
};

// Labels shown at most: past that many the wires are a blur anyway, and the trace names them.
inline constexpr size_t kMaxLabels = 12;
// A dropped message stays marked for this long (simulated time), at most kMaxDrops of them.
inline constexpr int64_t kDropFadeMs = 400;
inline constexpr size_t kMaxDrops = 8;
// How far back in the trace drops are looked for, at most (bounded work per frame).
inline constexpr int64_t kDropLookback = 400;

// Node centres on a circle inside `canvas`, the first node at the top, then clockwise, with
// a fixed margin for text (build_cluster_view sizes the margin from the actual text).
std::vector<Vec2> node_positions(size_t count, Rect canvas, float* node_radius = nullptr);

// The picture of `w` at the instant `view_time` (clamped to no earlier than w.now(); the viewer
// animates between events by passing a later time, never later than the next event). Text is
// laid out for `metrics`: a Kafka cluster in rows by role (controllers, brokers, clients), each
// node's text in its own column, brokers listing as many partitions (3, 2, 1, 0) as fit; the
// toy world on a ring; labels go where they cover no other text. With the recorded `trace`,
// messages dropped in the last kDropFadeMs before `view_time` are marked where they died.
ClusterView build_cluster_view(const world::World& w, Rect canvas, SimTime view_time,
                               TextMetrics metrics = {}, const trace::Trace* trace = nullptr,
                               const trace::NameTable* names = nullptr);
inline ClusterView build_cluster_view(const world::World& w, Rect canvas) {
  return build_cluster_view(w, canvas, w.now());
}

// The legend's message families for `w` (legend_families over the messages in flight), for
// the panel, which draws the legend before it knows the canvas left for the view.
std::vector<MessageFamily> cluster_legend(const world::World& w);

// Colours shared by the drawing and the legend.
struct Palette {
  static constexpr Rgba kNodeUp{46, 160, 67, 255};
  static constexpr Rgba kNodeDown{64, 64, 70, 255};
  static constexpr Rgba kNodeNotStarted{40, 40, 46, 255};
  // A broker that is up but not serving: starting, fenced, shutting down.
  static constexpr Rgba kNodeFenced{190, 130, 25, 255};
  static constexpr Rgba kRingFenced{255, 215, 130, 255};
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
