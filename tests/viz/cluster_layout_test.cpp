#include "viz/cluster_layout.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/viz/viz_fixture.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

constexpr NodeId kA{0};
constexpr NodeId kB{1};
constexpr NodeId kC{2};

const LinkView& link_between(const ClusterView& v, NodeId x, NodeId y) {
  for (const LinkView& l : v.links) {
    if ((l.a == x && l.b == y) || (l.a == y && l.b == x)) return l;
  }
  FAIL("no link between the two nodes");
  return v.links.front();
}

// Distance of `p` along the wire from `from` to `to`, as a fraction of the wire's length.
float along(Vec2 from, Vec2 to, Vec2 p) {
  const float dx = to.x - from.x;
  const float dy = to.y - from.y;
  return ((p.x - from.x) * dx + (p.y - from.y) * dy) / (dx * dx + dy * dy);
}

ClusterView view_at(AppState& app, int64_t position) {
  app.timeline.seek(position);
  return build_cluster_view(app.timeline.current(), kCanvas);
}

}  // namespace

TEST_CASE("Nodes sit on a circle inside the canvas, the first at the top", "[viz]") {
  // Goal: the node layout is centred, keeps every node inside the canvas and apart.
  float r = 0;
  const std::vector<Vec2> p = node_positions(3, kCanvas, &r);
  REQUIRE(p.size() == 3);
  CHECK(r > 0);
  for (const Vec2& c : p) {
    CHECK(c.x - r >= kCanvas.x);
    CHECK(c.x + r <= kCanvas.x + kCanvas.w);
    CHECK(c.y - r >= kCanvas.y);
    CHECK(c.y + r <= kCanvas.y + kCanvas.h);
  }
  CHECK(p[0].y < p[1].y);
  CHECK(p[0].y < p[2].y);
  CHECK(std::hypot(p[0].x - p[1].x, p[0].y - p[1].y) > 4 * r);
  CHECK(std::hypot(p[1].x - p[2].x, p[1].y - p[2].y) > 4 * r);
}

TEST_CASE("Right after b's crash b is drawn down, and up again after its restart", "[viz]") {
  // Goal: node styles follow the world's node status at each position.
  AppState app = toy_app();
  const int64_t crash = first_action_step(app, proto::ActionKind::kCrashNode);
  const int64_t restart = first_action_step(app, proto::ActionKind::kRestartNode);
  REQUIRE(crash > 0);
  REQUIRE(restart > crash);

  const ClusterView before = view_at(app, crash);
  CHECK(before.nodes[1].health == NodeHealth::kUp);
  CHECK(before.nodes[1].fill == Palette::kNodeUp);

  const ClusterView after = view_at(app, crash + 1);
  CHECK(after.nodes[1].name == "b");
  CHECK(after.nodes[1].health == NodeHealth::kDown);
  CHECK(after.nodes[1].fill == Palette::kNodeDown);
  CHECK(after.nodes[1].ring == Palette::kRingDown);
  CHECK(after.nodes[1].status.starts_with("DOWN"));
  CHECK(after.nodes[1].pings_sent == 0);    // memory is lost by the crash
  CHECK(after.nodes[1].pongs_on_disk > 0);  // the disk is kept
  CHECK(after.nodes[0].health == NodeHealth::kUp);

  const ClusterView restarted = view_at(app, restart + 1);
  CHECK(restarted.nodes[1].health == NodeHealth::kUp);
  CHECK(restarted.nodes[1].incarnation == 1);
}

TEST_CASE("During the partition a's links are drawn cut and a is isolated", "[viz]") {
  // Goal: cut links and isolation come from the network's cut table, and heal restores them.
  AppState app = toy_app();
  const int64_t partition = first_action_step(app, proto::ActionKind::kPartitionNetwork);
  const int64_t heal = first_action_step(app, proto::ActionKind::kHealNetwork);
  REQUIRE(partition > 0);
  REQUIRE(heal > partition);

  const ClusterView cut = view_at(app, partition + 1);
  for (NodeId other : {kB, kC}) {
    const LinkView& l = link_between(cut, kA, other);
    CHECK(l.state == LinkState::kCutBothWays);
    CHECK(l.dashed);
    CHECK(l.color == Palette::kLinkCut);
  }
  CHECK(link_between(cut, kB, kC).state == LinkState::kOk);
  CHECK_FALSE(link_between(cut, kB, kC).dashed);
  CHECK(cut.nodes[0].cut_off == CutOff::kIsolated);
  CHECK(cut.nodes[0].ring == Palette::kRingIsolated);
  CHECK(cut.nodes[0].status.find("isolated") != std::string::npos);
  CHECK(cut.nodes[1].cut_off == CutOff::kPartly);
  CHECK(cut.nodes[1].cut_links == 1);

  const ClusterView healed = view_at(app, heal + 1);
  for (const LinkView& l : healed.links) CHECK(l.state == LinkState::kOk);
  for (const NodeView& n : healed.nodes) CHECK(n.cut_off == CutOff::kNone);
}

TEST_CASE("Every message in flight has a marker between its sender and its receiver", "[viz]") {
  // Goal: markers are interpolated by (now - sent_at) / (arrival - sent_at) along the wire.
  AppState app = toy_app();
  int64_t strictly_inside = 0;
  for (int64_t p = 0; p <= app.timeline.recorded(); ++p) {
    const ClusterView v = view_at(app, p);
    for (const MessageMarker& m : v.messages) {
      const NodeView& from = v.nodes[static_cast<size_t>(m.from.value)];
      const NodeView& to = v.nodes[static_cast<size_t>(m.to.value)];
      const float t = along(from.center, to.center, m.pos);
      CHECK(t > 0.0f);
      CHECK(t < 1.0f);
      CHECK(m.progress >= 0.0f);
      CHECK(m.progress <= 1.0f);
      CHECK(m.arrival > m.sent_at);
      if (m.progress > 0.0f && m.progress < 1.0f) ++strictly_inside;
    }
  }
  CHECK(strictly_inside > 10);
}

TEST_CASE("A message's marker moves toward its receiver as the view time advances", "[viz]") {
  // Goal: between two events the viewer animates messages by drawing a later instant.
  AppState app = toy_app();
  app.timeline.seek(20);
  const world::World& w = app.timeline.current();
  const ClusterView now = build_cluster_view(w, kCanvas);
  REQUIRE_FALSE(now.messages.empty());
  const MessageMarker& m0 = now.messages.front();
  const SimTime later = w.now() + SimTime::from_us((m0.arrival - w.now()).us / 2);
  const ClusterView mid = build_cluster_view(w, kCanvas, later);
  const MessageMarker& m1 = mid.messages.front();
  CHECK(m1.progress > m0.progress);
  CHECK(m1.progress < 1.0f);
  const Vec2 to = now.nodes[static_cast<size_t>(m0.to.value)].center;
  CHECK(std::hypot(m1.pos.x - to.x, m1.pos.y - to.y) <
        std::hypot(m0.pos.x - to.x, m0.pos.y - to.y));
  // Earlier than the world's own time is clamped to it.
  CHECK(build_cluster_view(w, kCanvas, SimTime{}).messages.front().progress == m0.progress);
}

TEST_CASE("A message the partition will kill is flagged doomed and labelled", "[viz]") {
  // Goal: drop != kNone in the queue shows as a doomed marker with its reason.
  AppState app = toy_app();
  const int64_t partition = first_action_step(app, proto::ActionKind::kPartitionNetwork);
  const int64_t heal = first_action_step(app, proto::ActionKind::kHealNetwork);
  bool seen = false;
  for (int64_t p = partition + 1; p <= heal && !seen; ++p) {
    for (const MessageMarker& m : view_at(app, p).messages) {
      if (m.from != kA && m.to != kA) {
        CHECK_FALSE(m.doomed);  // b <-> c still talk
        continue;
      }
      CHECK(m.doomed);
      CHECK(m.drop == DropReason::kLinkCut);
      CHECK(m.color == Palette::kDoomed);
      CHECK((m.label.starts_with("Ping #") || m.label.starts_with("Pong #")));
      seen = true;
    }
  }
  CHECK(seen);
}

TEST_CASE("Messages are labelled with their kind and sequence number", "[viz]") {
  // Goal: labels name the message as the trace does (Ping #N, Pong #N), in their own colours.
  AppState app = toy_app();
  bool ping = false;
  bool pong = false;
  for (int64_t p = 0; p < 60; ++p) {
    for (const MessageMarker& m : view_at(app, p).messages) {
      if (m.doomed || m.receiver_down) continue;
      if (m.label.starts_with("Ping #")) ping = ping || m.color == Palette::kPing;
      if (m.label.starts_with("Pong #")) pong = pong || m.color == Palette::kPong;
    }
  }
  CHECK(ping);
  CHECK(pong);
}
