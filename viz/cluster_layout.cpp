#include "viz/cluster_layout.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "engine/proto/payload.h"
#include "engine/runtime/event.h"
#include "engine/toy/toy_node.h"
#include "viz/placement.h"
#include "viz/text_util.h"

namespace ksim::viz {
namespace {

// node_positions' fixed room around each node for its text block.
constexpr float kTextMarginX = 110;
constexpr float kTextMarginY = 70;
// Padding inside a text block's background.
constexpr float kBlockPad = 4;
// The smallest ring, as a fraction of the canvas's shorter side, worth a partition line.
constexpr float kMinRing = 0.22f;

Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
Vec2 operator*(Vec2 a, float k) { return {a.x * k, a.y * k}; }
float length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

// A broker that is up but not serving (or gone by controlled shutdown) looks different from a
// running one: amber while it cannot lead, grey with a red ring like a crash once stopped.
void style_broker(NodeView& v, cluster::BrokerState s) {
  if (s == cluster::BrokerState::kStopped) {
    v.fill = Palette::kNodeDown;
    v.ring = Palette::kRingDown;
  } else if (s != cluster::BrokerState::kRunning) {
    v.fill = Palette::kNodeFenced;
    if (v.cut_off == CutOff::kNone) v.ring = Palette::kRingFenced;
  }
}

// A broker's controlled shutdown ends with its process exiting, which the runtime records as a
// crash (memory gone); the controller's image still says it shut down on purpose.
bool shut_down_on_purpose(const world::World& w, const world::NodeLogic& logic) {
  const auto* b = std::get_if<cluster::Broker>(&logic);
  if (b == nullptr) return false;
  for (const world::Node& n : w.nodes) {
    if (const auto* c = std::get_if<cluster::Controller>(&n.logic)) {
      const proto::BrokerRecord* r = c->memory.image.broker(b->broker_id);
      return r != nullptr && r->in_controlled_shutdown;
    }
  }
  return false;
}

void style_node(NodeView& v, const world::NodeLogic& logic) {
  switch (v.health) {
    case NodeHealth::kUp:
      v.fill = Palette::kNodeUp;
      v.ring = v.cut_off == CutOff::kNone ? Palette::kRingUp : Palette::kRingIsolated;
      v.text = Palette::kText;
      v.status = "up";
      if (const auto* b = std::get_if<cluster::Broker>(&logic)) {
        v.status = broker_state_name(b->memory.state);
        style_broker(v, b->memory.state);
      }
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
}

// Everything about node i but where it goes and its kind's lines.
NodeView node_view(const world::World& w, size_t i) {
  NodeView v;
  v.id = NodeId{static_cast<int32_t>(i)};
  v.name = w.nodes[i].name;
  v.kind = node_kind(w.nodes[i].logic);
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
  style_node(v, w.nodes[i].logic);
  if (v.health == NodeHealth::kDown && shut_down_on_purpose(w, w.nodes[i].logic)) {
    v.status = "stopped (controlled shutdown)";
  }
  if (v.cut_off == CutOff::kIsolated) v.status += ", isolated";
  if (v.cut_off == CutOff::kPartly) {
    v.status += concat({", cut from ", num(v.cut_links), " of ", num(others)});
  }
  // Each crash bumps the incarnation, so a node that is up again restarted that many times.
  if (v.health == NodeHealth::kUp && v.incarnation > 0) {
    v.status += concat({", restarted ", num(v.incarnation), "x"});
  }
  return v;
}

Vec2 block_size(const std::vector<std::string>& lines, const TextMetrics& m) {
  size_t widest = 0;
  for (const std::string& l : lines) widest = std::max(widest, l.size());
  return {m.char_w * static_cast<float>(widest) + 2 * kBlockPad,
          m.line_h * static_cast<float>(lines.size()) + 2 * kBlockPad};
}

// Half the larger side of the box around the node centres.
float ring_extent(const std::vector<Vec2>& centers) {
  if (centers.empty()) return 0;
  Vec2 lo = centers.front();
  Vec2 hi = centers.front();
  for (const Vec2& c : centers) {
    lo = {std::min(lo.x, c.x), std::min(lo.y, c.y)};
    hi = {std::max(hi.x, c.x), std::max(hi.y, c.y)};
  }
  return std::max(hi.x - lo.x, hi.y - lo.y) / 2;
}

// Node lines for a broker budget of `partition_lines`, and the size of each node's block.
std::vector<Vec2> fill_lines(const world::World& w, std::vector<NodeView>& nodes,
                             int partition_lines, const TextMetrics& m) {
  std::vector<Vec2> sizes;
  for (NodeView& v : nodes) {
    v.lines = {v.status};
    const world::NodeLogic& logic = w.nodes[static_cast<size_t>(v.id.value)].logic;
    for (std::string& l : detail_lines(logic, partition_lines)) v.lines.push_back(std::move(l));
    sizes.push_back(block_size(v.lines, m));
  }
  return sizes;
}

// Gives each node its lines, centre and text block: brokers list 3 partitions each if every
// block then finds a clear place, else 2, 1, 0 (the counts stay on the "leads, follows" line).
// For each budget the ring starts as large as the canvas allows and shrinks, leaving more room
// outside it for the text, until the blocks fit; but a ring squeezed below about a fifth of the
// canvas is not worth a partition line more (the links and messages need the room).
int lay_out_nodes(const world::World& w, std::vector<NodeView>& nodes, Rect canvas,
                  const TextMetrics& m) {
  constexpr int kRingSteps = 12;
  const float r = node_radius(nodes.size(), canvas);
  const float body_w = std::max(r, kNameHalfWidth);
  for (int budget = kMaxPartitionLines; budget >= 0; --budget) {
    const std::vector<Vec2> sizes = fill_lines(w, nodes, budget, m);
    Vec2 largest{0, 0};
    for (const Vec2& s : sizes) largest = {std::max(largest.x, s.x), std::max(largest.y, s.y)};
    for (int step = 0; step < kRingSteps; ++step) {
      // From no room around the ring to a block and a half of it.
      const float k = 1.5f * static_cast<float>(step) / (kRingSteps - 1);
      const Vec2 margin{body_w + kTextGap + k * largest.x, r + kTextGap + k * largest.y};
      const std::vector<Vec2> centers = ring_positions(nodes.size(), canvas, margin);
      if (budget > 0 && ring_extent(centers) < kMinRing * std::min(canvas.w, canvas.h)) break;
      bool clear = true;
      const std::vector<Rect> blocks = place_blocks(centers, sizes, r, canvas, &clear);
      const bool last = budget == 0 && step == kRingSteps - 1;
      if (!clear && !last) continue;
      for (size_t i = 0; i < nodes.size(); ++i) {
        nodes[i].center = centers[i];
        nodes[i].radius = r;
        nodes[i].outward = ring_direction(i, nodes.size());
        nodes[i].body = node_body(centers[i], r);
        nodes[i].block = blocks[i];
      }
      return budget;
    }
  }
  return 0;
}

// A line cut to `max_chars`, ending in "~" when it was longer.
std::string fit_line(const std::string& line, size_t max_chars) {
  if (line.size() <= max_chars) return line;
  if (max_chars <= 1) return "~";
  return concat({std::string_view(line).substr(0, max_chars - 1), "~"});
}

// A Kafka cluster in rows by role: the KRaft controllers at the top, the brokers in the middle,
// the clients at the bottom, each node in its own column with its text block under it. A
// column's block never leaves the column, so no two blocks overlap however long the lines are
// (they are cut to the column's width), and the rows never move as the text changes. Brokers
// list as many partitions (3, 2, 1, 0) as fit in their band for every broker.
int lay_out_kafka(const world::World& w, std::vector<NodeView>& nodes, Rect canvas,
                  const TextMetrics& m) {
  std::vector<std::vector<size_t>> rows(3);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const size_t row = nodes[i].kind == NodeKind::kController ? 0
                       : nodes[i].kind == NodeKind::kBroker   ? 1
                                                              : 2;
    rows[row].push_back(i);
  }
  std::erase_if(rows, [](const std::vector<size_t>& r) { return r.empty(); });
  const float band_h = canvas.h / static_cast<float>(rows.size());
  size_t widest_row = 1;
  for (const auto& r : rows) widest_row = std::max(widest_row, r.size());
  const float min_col_w = canvas.w / static_cast<float>(widest_row);
  const float radius = std::clamp(std::min(band_h / 6, min_col_w / 4), 8.0f, 24.0f);
  // Text room under a node: the band less the circle and the gaps.
  const float text_h = band_h - 2 * radius - 3 * kTextGap;
  const auto max_lines = static_cast<size_t>(std::max(1.0f, (text_h - 2 * kBlockPad) / m.line_h));
  int budget = kMaxPartitionLines;
  for (; budget > 0; --budget) {
    fill_lines(w, nodes, budget, m);
    const bool fits = std::all_of(nodes.begin(), nodes.end(),
                                  [&](const NodeView& v) { return v.lines.size() <= max_lines; });
    if (fits) break;
  }
  if (budget == 0) fill_lines(w, nodes, 0, m);
  for (size_t r = 0; r < rows.size(); ++r) {
    const float col_w = canvas.w / static_cast<float>(rows[r].size());
    const float top = canvas.y + band_h * static_cast<float>(r);
    for (size_t c = 0; c < rows[r].size(); ++c) {
      NodeView& v = nodes[rows[r][c]];
      const float col_x = canvas.x + col_w * static_cast<float>(c);
      v.center = {col_x + col_w / 2, top + kTextGap + radius};
      v.radius = radius;
      v.outward = {0, 1};
      v.body = node_body(v.center, radius);
      const auto max_chars =
          static_cast<size_t>(std::max(1.0f, (col_w - 2 * kTextGap - 2 * kBlockPad) / m.char_w));
      if (v.lines.size() > max_lines) v.lines.resize(max_lines);
      for (std::string& line : v.lines) line = fit_line(line, max_chars);
      const Vec2 size = block_size(v.lines, m);
      const float x =
          std::clamp(v.center.x - size.x / 2, col_x + kTextGap, col_x + col_w - kTextGap - size.x);
      v.block = {x, v.center.y + radius + kTextGap, size.x, size.y};
    }
  }
  return budget;
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

// Where on its wire a message is, and on which side of it its label goes.
void place_marker(MessageMarker& m, const NodeView& a, const NodeView& b) {
  const Vec2 delta = b.center - a.center;
  const float dist = length(delta);
  if (dist < 1e-3f) {
    m.pos = a.center + Vec2{0, -a.radius * 1.5f};
    m.outward = {0, -1};
    m.toward_middle = {1, 0};
    return;
  }
  const Vec2 dir = delta * (1.0f / dist);
  // Right-hand lane of the direction of travel, so the two directions of a link never overlap.
  m.outward = {-dir.y, dir.x};
  m.toward_middle = m.progress < 0.5f ? dir : dir * -1.0f;
  const Vec2 start = a.center + dir * a.radius;
  const Vec2 end = b.center - dir * b.radius;
  m.pos = start + (end - start) * m.progress + m.outward * (a.radius * 0.35f);
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
  place_marker(m, nodes[static_cast<size_t>(d.from.value)], nodes[static_cast<size_t>(d.to.value)]);
  const proto::MessageKind kind = proto::kind_of(d.payload);
  m.label = short_label(kind, proto::summarize(d.payload));
  m.family = family_of(kind);
  m.drop = d.drop;
  m.doomed = d.drop != DropReason::kNone;
  m.receiver_down = !w.rt.status_of(d.to).up;
  m.color = m.doomed || m.receiver_down ? Palette::kDoomed : family_color(m.family);
  m.text = m.doomed          ? concat({m.label, " (dies: ", drop_reason_name(m.drop), ")"})
           : m.receiver_down ? concat({m.label, " (receiver down)"})
                             : m.label;
  return m;
}

// Labels for as many markers as fit: messages that will die first (they are the story), then
// the soonest to arrive. Nodes, their text and every marker are obstacles.
int32_t label_messages(ClusterView& view, Rect canvas, const TextMetrics& m) {
  std::vector<Rect> obstacles;
  for (const NodeView& n : view.nodes) {
    obstacles.push_back(n.body);
    obstacles.push_back(n.block);
  }
  for (const MessageMarker& mk : view.messages) {
    obstacles.push_back(
        {mk.pos.x - kMarkerRadius, mk.pos.y - kMarkerRadius, 2 * kMarkerRadius, 2 * kMarkerRadius});
  }
  std::vector<size_t> order(view.messages.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(), [&](size_t i) {
    return view.messages[i].doomed || view.messages[i].receiver_down;
  });
  std::vector<LabelRequest> requests;
  for (size_t i : order) {
    const MessageMarker& mk = view.messages[i];
    requests.push_back(
        {mk.pos, mk.outward, mk.toward_middle, {m.width(mk.text) + 2 * kBlockPad, m.line_h + 2}});
  }
  const std::vector<std::optional<Rect>> boxes =
      place_labels(requests, std::move(obstacles), canvas, kMaxLabels);
  int32_t unlabelled = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    view.messages[order[k]].label_box = boxes[k];
    if (!boxes[k]) ++unlabelled;
  }
  return unlabelled;
}

// Which pairs of nodes get a link: in a Kafka cluster the ones that talk (a broker with
// anyone, controllers among themselves); clients never talk to each other or to the
// controllers. The toy world's nodes all ping each other.
bool linked(const NodeView& a, const NodeView& b, bool kafka) {
  if (!kafka) return true;
  if (a.kind == NodeKind::kBroker || b.kind == NodeKind::kBroker) return true;
  return a.kind == NodeKind::kController && b.kind == NodeKind::kController;
}

// Messages that died in the last kDropFadeMs, newest first, marked near the receiver.
std::vector<DropMark> recent_drops(const world::World& w, const std::vector<NodeView>& nodes,
                                   const trace::Trace& trace, const trace::NameTable* names,
                                   SimTime view_time) {
  std::vector<DropMark> drops;
  const int64_t last = std::min<int64_t>(w.steps_done, static_cast<int64_t>(trace.size())) - 1;
  const SimTime horizon = view_time - SimTime::from_ms(kDropFadeMs);
  for (int64_t s = last; s >= 0 && s > last - kDropLookback && drops.size() < kMaxDrops; --s) {
    const trace::TraceEntry& e = trace.entry(Step{s});
    if (e.time < horizon) break;
    if (e.kind != trace::EventKind::kDrop) continue;
    const auto from = static_cast<size_t>(e.from.value);
    const auto to = static_cast<size_t>(e.node.value);
    if (from >= nodes.size() || to >= nodes.size() || from == to) continue;
    DropMark d;
    d.step = s;
    d.from = e.from;
    d.to = e.node;
    const Vec2 a = nodes[from].center;
    const Vec2 b = nodes[to].center;
    const float dist = length(b - a);
    const Vec2 dir = dist > 1e-3f ? (b - a) * (1.0f / dist) : Vec2{0, 1};
    d.pos = b - dir * (nodes[to].radius + 10);
    const std::string what = names != nullptr ? trace::describe_entry(e, *names) : "message";
    d.text = concat({what, " died: ", drop_reason_name(e.drop)});
    d.age = static_cast<float>(static_cast<double>((view_time - e.time).us) /
                               static_cast<double>(SimTime::from_ms(kDropFadeMs).us));
    d.age = std::clamp(d.age, 0.0f, 1.0f);
    drops.push_back(std::move(d));
  }
  return drops;
}

}  // namespace

std::vector<Vec2> node_positions(size_t count, Rect canvas, float* node_radius_out) {
  const float r = node_radius(count, canvas);
  if (node_radius_out != nullptr) *node_radius_out = r;
  return ring_positions(count, canvas, {r + kTextMarginX, r + kTextMarginY});
}

std::vector<MessageFamily> cluster_legend(const world::World& w) {
  std::vector<proto::MessageKind> kinds;
  w.rt.queue.for_each_pending([&](SimTime, uint64_t, const runtime::Event& ev) {
    if (const auto* d = std::get_if<runtime::Deliver>(&ev.body)) {
      kinds.push_back(proto::kind_of(d->payload));
    }
  });
  return legend_families(w, kinds);
}

ClusterView build_cluster_view(const world::World& w, Rect canvas, SimTime view_time,
                               TextMetrics metrics, const trace::Trace* trace,
                               const trace::NameTable* names) {
  if (view_time < w.now()) view_time = w.now();
  ClusterView view;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    view.nodes.push_back(node_view(w, i));
    view.has_brokers = view.has_brokers || view.nodes.back().kind == NodeKind::kBroker;
  }
  // A Kafka cluster has roles to lay out by; the toy world's peers sit on a ring.
  view.partition_lines = view.has_brokers ? lay_out_kafka(w, view.nodes, canvas, metrics)
                                          : lay_out_nodes(w, view.nodes, canvas, metrics);
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    for (size_t j = i + 1; j < view.nodes.size(); ++j) {
      if (linked(view.nodes[i], view.nodes[j], view.has_brokers)) {
        view.links.push_back(link_view(w, view.nodes, i, j));
      }
    }
  }
  std::vector<proto::MessageKind> kinds;
  w.rt.queue.for_each_pending([&](SimTime at, uint64_t seq, const runtime::Event& ev) {
    if (const auto* d = std::get_if<runtime::Deliver>(&ev.body)) {
      view.messages.push_back(message_marker(w, view.nodes, at, *d, view_time));
      view.messages.back().seq = seq;
      kinds.push_back(proto::kind_of(d->payload));
    }
  });
  if (trace != nullptr) view.drops = recent_drops(w, view.nodes, *trace, names, view_time);
  view.legend = legend_families(w, kinds);
  view.unlabelled = label_messages(view, canvas, metrics);
  return view;
}

}  // namespace ksim::viz
