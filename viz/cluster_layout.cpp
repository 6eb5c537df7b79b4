#include "viz/cluster_layout.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <variant>

#include "engine/proto/payload.h"
#include "engine/runtime/event.h"
#include "engine/toy/toy_node.h"

namespace ksim::viz {
namespace {

// Room around each node for its text block (status and counters).
constexpr float kTextMarginX = 110;
constexpr float kTextMarginY = 70;

Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
Vec2 operator*(Vec2 a, float k) { return {a.x * k, a.y * k}; }
float length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

Vec2 unit_on_circle(size_t i, size_t count) {
  const double angle = -std::numbers::pi / 2 +
                       2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(count);
  return {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
}

std::vector<std::string> node_lines(const NodeView& v) {
  std::vector<std::string> lines{v.status};
  lines.push_back("pings sent " + std::to_string(v.pings_sent) + ", pongs " +
                  std::to_string(v.pongs_received));
  lines.push_back("disk: " + std::to_string(v.pongs_on_disk) + " pongs");
  return lines;
}

NodeView node_view(const world::World& w, size_t i, Vec2 center, Vec2 outward, float radius) {
  NodeView v;
  v.id = NodeId{static_cast<int32_t>(i)};
  v.name = w.nodes[i].name;
  v.center = center;
  v.outward = outward;
  v.radius = radius;
  const runtime::NodeStatus& st = w.rt.status_of(v.id);
  v.health = !st.started ? NodeHealth::kNotStarted : st.up ? NodeHealth::kUp : NodeHealth::kDown;
  v.incarnation = st.incarnation;
  for (size_t j = 0; j < w.nodes.size(); ++j) {
    const NodeId other{static_cast<int32_t>(j)};
    if (j != i && (w.rt.network.is_cut(v.id, other) || w.rt.network.is_cut(other, v.id))) {
      ++v.cut_links;
    }
  }
  const int32_t others = static_cast<int32_t>(w.nodes.size()) - 1;
  v.cut_off = v.cut_links == 0        ? CutOff::kNone
              : v.cut_links == others ? CutOff::kIsolated
                                      : CutOff::kPartly;
  if (const auto* toy_node = std::get_if<toy::ToyNode>(&w.nodes[i].logic)) {
    v.pings_sent = toy_node->memory.pings_sent;
    v.pongs_received = toy_node->memory.pongs_received;
    v.pongs_on_disk = static_cast<int64_t>(toy_node->disk.pong_records.size());
  }
  switch (v.health) {
    case NodeHealth::kUp:
      v.fill = Palette::kNodeUp;
      v.ring = v.cut_off == CutOff::kNone ? Palette::kRingUp : Palette::kRingIsolated;
      v.text = Palette::kText;
      v.status = "up";
      break;
    case NodeHealth::kDown:
      v.fill = Palette::kNodeDown;
      v.ring = Palette::kRingDown;
      v.text = Palette::kText;
      v.status = "DOWN (crashed)";
      break;
    case NodeHealth::kNotStarted:
      v.fill = Palette::kNodeNotStarted;
      v.ring = Palette::kTextDim;
      v.text = Palette::kTextDim;
      v.status = "not started";
      break;
  }
  if (v.cut_off == CutOff::kIsolated) v.status += ", isolated";
  if (v.cut_off == CutOff::kPartly) {
    v.status += ", cut from " + std::to_string(v.cut_links) + " of " + std::to_string(others);
  }
  // Each crash bumps the incarnation, so a node that is up again restarted that many times.
  if (v.health == NodeHealth::kUp && v.incarnation > 0) {
    v.status += ", restarted " + std::to_string(v.incarnation) + "x";
  }
  v.lines = node_lines(v);
  return v;
}

LinkView link_view(const world::World& w, const std::vector<NodeView>& nodes, size_t i, size_t j) {
  LinkView l;
  l.a = nodes[i].id;
  l.b = nodes[j].id;
  l.from = nodes[i].center;
  l.to = nodes[j].center;
  const bool cut_ab = w.rt.network.is_cut(l.a, l.b);
  const bool cut_ba = w.rt.network.is_cut(l.b, l.a);
  l.state = cut_ab && cut_ba   ? LinkState::kCutBothWays
            : cut_ab || cut_ba ? LinkState::kCutOneWay
                               : LinkState::kOk;
  l.cut_from = cut_ab ? l.a : l.b;
  l.dashed = l.state != LinkState::kOk;
  l.color = l.dashed ? Palette::kLinkCut : Palette::kLinkOk;
  return l;
}

MessageMarker message_marker(const world::World& w, const std::vector<NodeView>& nodes, SimTime at,
                             const runtime::Deliver& d, SimTime view_time) {
  MessageMarker m;
  m.from = d.from;
  m.to = d.to;
  m.sent_at = d.sent_at;
  m.arrival = at;
  const int64_t span = (at - d.sent_at).us;
  const int64_t done = (view_time - d.sent_at).us;
  m.progress = span <= 0 ? 0.0f
                         : static_cast<float>(std::clamp(
                               static_cast<double>(done) / static_cast<double>(span), 0.0, 1.0));
  const NodeView& a = nodes[static_cast<size_t>(d.from.value)];
  const NodeView& b = nodes[static_cast<size_t>(d.to.value)];
  const Vec2 delta = b.center - a.center;
  const float dist = length(delta);
  if (dist < 1e-3f) {
    m.pos = a.center + Vec2{0, -a.radius * 1.5f};
    m.outward = {0, -1};
    m.toward_middle = {1, 0};
  } else {
    const Vec2 dir = delta * (1.0f / dist);
    // Right-hand lane of the direction of travel, so the two directions of a link never overlap.
    m.outward = {-dir.y, dir.x};
    m.toward_middle = m.progress < 0.5f ? dir : dir * -1.0f;
    const Vec2 start = a.center + dir * a.radius;
    const Vec2 end = b.center - dir * b.radius;
    m.pos = start + (end - start) * m.progress + m.outward * (a.radius * 0.35f);
  }
  const proto::MessageKind kind = proto::kind_of(d.payload);
  m.label = std::string(proto::message_kind_name(kind)) + " #" +
            std::to_string(proto::summarize(d.payload).a);
  m.drop = d.drop;
  m.doomed = d.drop != DropReason::kNone;
  m.receiver_down = !w.rt.status_of(d.to).up;
  m.color = m.doomed || m.receiver_down         ? Palette::kDoomed
            : kind == proto::MessageKind::kPing ? Palette::kPing
                                                : Palette::kPong;
  return m;
}

}  // namespace

std::vector<Vec2> node_positions(size_t count, Rect canvas, float* node_radius) {
  const float side = std::min(canvas.w, canvas.h);
  const float r = std::clamp(side * 0.065f, 16.0f, 36.0f);
  if (node_radius != nullptr) *node_radius = r;
  std::vector<Vec2> unit;
  Vec2 lo{0, 0};
  Vec2 hi{0, 0};
  for (size_t i = 0; i < count; ++i) {
    unit.push_back(count == 1 ? Vec2{0, 0} : unit_on_circle(i, count));
    lo = {std::min(lo.x, unit.back().x), std::min(lo.y, unit.back().y)};
    hi = {std::max(hi.x, unit.back().x), std::max(hi.y, unit.back().y)};
    if (i == 0) lo = hi = unit.back();
  }
  const float avail_w = std::max(1.0f, canvas.w - 2 * (r + kTextMarginX));
  const float avail_h = std::max(1.0f, canvas.h - 2 * (r + kTextMarginY));
  float scale = 1e9f;
  if (hi.x - lo.x > 1e-3f) scale = std::min(scale, avail_w / (hi.x - lo.x));
  if (hi.y - lo.y > 1e-3f) scale = std::min(scale, avail_h / (hi.y - lo.y));
  if (scale > 1e8f) scale = 0;
  const Vec2 mid{canvas.x + canvas.w / 2, canvas.y + canvas.h / 2};
  const Vec2 unit_mid{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
  std::vector<Vec2> out;
  for (const Vec2& u : unit) out.push_back(mid + (u - unit_mid) * scale);
  return out;
}

ClusterView build_cluster_view(const world::World& w, Rect canvas, SimTime view_time) {
  if (view_time < w.now()) view_time = w.now();
  ClusterView view;
  float radius = 0;
  const std::vector<Vec2> centers = node_positions(w.nodes.size(), canvas, &radius);
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    view.nodes.push_back(node_view(w, i, centers[i], unit_on_circle(i, w.nodes.size()), radius));
  }
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    for (size_t j = i + 1; j < view.nodes.size(); ++j) {
      view.links.push_back(link_view(w, view.nodes, i, j));
    }
  }
  w.rt.queue.for_each_pending([&](SimTime at, uint64_t, const runtime::Event& ev) {
    if (const auto* d = std::get_if<runtime::Deliver>(&ev.body)) {
      view.messages.push_back(message_marker(w, view.nodes, at, *d, view_time));
    }
  });
  return view;
}

}  // namespace ksim::viz
