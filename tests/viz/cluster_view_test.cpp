// The cluster view of a Kafka cluster: per-kind node text, broker colours, message labels and
// families, the legend, and text that never overlaps (tests/viz/cluster_3.json, cluster_7.json).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "cli/scenario_source.h"
#include "tests/viz/lesson_app.h"
#include "tests/viz/viz_fixture.h"
#include "viz/cluster_layout.h"
#include "viz/file_commands.h"
#include "viz/message_style.h"
#include "viz/node_details.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

ClusterView view_at(AppState& app, int64_t position, Rect canvas = kPanelCanvas) {
  app.timeline.seek(position);
  return build_cluster_view(app.timeline.current(), canvas);
}

bool has_line(const NodeView& n, const std::string& text) {
  for (const std::string& l : n.lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

const cluster::Broker& broker(const world::World& w, size_t i) {
  return std::get<cluster::Broker>(w.nodes[i].logic);
}

// The first position after which `pred(world)` holds, or -1.
template <typename Pred>
int64_t first_position(AppState& app, Pred pred) {
  for (int64_t p = 0; p <= app.timeline.recorded(); ++p) {
    app.timeline.seek(p);
    if (pred(app.timeline.current())) return p;
  }
  return -1;
}

// Node text blocks inside the canvas, clear of each other and of every node's body; labels
// clear of each other, of the blocks and of the bodies.
void check_no_overlap(const ClusterView& v, Rect canvas) {
  for (size_t i = 0; i < v.nodes.size(); ++i) {
    CHECK(contains(canvas, v.nodes[i].block));
    for (size_t j = 0; j < v.nodes.size(); ++j) {
      CHECK_FALSE(overlaps(v.nodes[i].block, v.nodes[j].body));
      if (j != i) CHECK_FALSE(overlaps(v.nodes[i].block, v.nodes[j].block));
    }
  }
  size_t labels = 0;
  for (size_t i = 0; i < v.messages.size(); ++i) {
    if (!v.messages[i].label_box) continue;
    ++labels;
    const Rect& a = *v.messages[i].label_box;
    CHECK(contains(canvas, a));
    for (const NodeView& n : v.nodes) {
      CHECK_FALSE(overlaps(a, n.block));
      CHECK_FALSE(overlaps(a, n.body));
    }
    for (size_t j = i + 1; j < v.messages.size(); ++j) {
      if (v.messages[j].label_box) CHECK_FALSE(overlaps(a, *v.messages[j].label_box));
    }
  }
  CHECK(labels <= kMaxLabels);
}

}  // namespace

TEST_CASE("Broker, controller and client text says what each holds", "[viz][cluster]") {
  // Goal: per-kind detail lines: broker state and partitions, controller metadata, client counts.
  AppState app = viz_fixture_app("cluster_3.json");
  const int64_t crash = first_action_step(app, proto::ActionKind::kCrashNode);
  REQUIRE(crash > 0);
  const ClusterView v = view_at(app, crash);  // just before broker-2 crashes
  const world::World& w = app.timeline.current();
  for (size_t i = 0; i < 3; ++i) {
    CHECK(v.nodes[i].kind == NodeKind::kBroker);
    CHECK(v.nodes[i].status == "running");
    CHECK(v.nodes[i].fill == Palette::kNodeUp);
    CHECK(v.nodes[i].lines[1].starts_with("leads "));
  }
  // The leader of orders-0, as the controller decided it, shows "L" for it (when listed).
  const auto& ctl = std::get<cluster::Controller>(w.nodes[3].logic);
  const int32_t leader = ctl.memory.image.partition({"orders", 0})->leader;
  const cluster::Broker& b = broker(w, static_cast<size_t>(leader - 1));
  const cluster::HostedPartition& hp = b.memory.partitions.at({"orders", 0});
  const std::string line = partition_line(hp, b.disk.logs.find_log(hp.tp), b.broker_id);
  CHECK(line.starts_with("orders-0 L e"));
  CHECK(line.find(" hw ") != std::string::npos);
  CHECK(line.ends_with(" isr 3"));
  CHECK(broker_lines(b, 3)[1].starts_with("orders-0 L"));  // leaders are listed first
  CHECK(v.nodes[3].kind == NodeKind::kController);
  CHECK(has_line(v.nodes[3], "brokers unfenced 3/3"));
  CHECK(has_line(v.nodes[3], "topics 1"));
  CHECK(has_line(v.nodes[3], "metadata log " + std::to_string(ctl.disk.metadata_log.size())));
  CHECK(v.nodes[4].kind == NodeKind::kClient);
  CHECK(has_line(v.nodes[4], "produced 3 (acked 3, failed 0)"));
  CHECK(has_line(v.nodes[4], "consumed 0"));
}

TEST_CASE("A crashed broker shows DOWN and its disk; a fenced one is amber", "[viz][cluster]") {
  // Goal: broker colours follow health first, then the broker's own state.
  AppState app = viz_fixture_app("cluster_3.json");
  const int64_t crash = first_action_step(app, proto::ActionKind::kCrashNode);
  const ClusterView down = view_at(app, crash + 1);
  CHECK(down.nodes[1].status == "DOWN (crashed)");
  CHECK(down.nodes[1].fill == Palette::kNodeDown);
  CHECK(has_line(down.nodes[1], "disk: 3 logs"));

  const int64_t fenced = first_position(app, [](const world::World& w) {
    return w.rt.status_of(NodeId{1}).incarnation > 0 &&
           broker(w, 1).memory.state == cluster::BrokerState::kFenced;
  });
  REQUIRE(fenced > crash);
  const ClusterView f = view_at(app, fenced);
  CHECK(f.nodes[1].status.starts_with("fenced"));
  CHECK(f.nodes[1].fill == Palette::kNodeFenced);

  // The broker's process exits at the end of its controlled shutdown.
  const int64_t shutdown = first_action_step(app, proto::ActionKind::kControlledShutdown);
  REQUIRE(shutdown > 0);
  const int64_t stopped = first_position(app, [&](const world::World& w) {
    return w.steps_done > shutdown && !w.rt.status_of(NodeId{2}).up;
  });
  REQUIRE(stopped > 0);
  const ClusterView s = view_at(app, stopped);
  CHECK(s.nodes[2].status.starts_with("stopped"));
  CHECK(s.nodes[2].fill == Palette::kNodeDown);
  CHECK(s.nodes[2].ring == Palette::kRingDown);
}

TEST_CASE("A broker lists at most its budget of partitions, then +N more", "[viz][cluster]") {
  // Goal: never a wall of text: partition lines are bounded and aggregated.
  cluster::Broker b;
  b.broker_id = 1;
  for (int32_t p = 0; p < 5; ++p) {
    cluster::HostedPartition hp;
    hp.tp = {"orders", p};
    hp.leader = p < 2 ? 1 : 2;
    hp.leader_epoch = 4;
    hp.isr = {1, 2};
    b.memory.partitions[hp.tp] = hp;
  }
  const std::vector<std::string> three = broker_lines(b, 3);
  REQUIRE(three.size() == 5);
  CHECK(three[0] == "leads 2, follows 3");
  CHECK(three[1] == "orders-0 L e4 (no log) isr 2");
  CHECK(three[3] == "orders-2 F e4 (no log) isr 2");
  CHECK(three[4] == "+2 more");
  CHECK(broker_lines(b, 0) == std::vector<std::string>{"leads 2, follows 3"});
}

TEST_CASE("Message labels are short and coloured by family", "[viz][cluster]") {
  // Goal: markers say what the trace says, shortened, in their family's colour.
  proto::MessageSummary s{0, 5, kafka::ErrorCode::NOT_ENOUGH_REPLICAS};
  CHECK(short_label(proto::MessageKind::kProduceResponse, s) ==
        "ProduceResp p=0 NOT_ENOUGH_REPLICAS");
  CHECK(short_label(proto::MessageKind::kProduceRequest, {0, 3}) == "Produce p=0 n=3");
  CHECK(short_label(proto::MessageKind::kFetchRequest, {-1, 1}) == "Fetch consumer");
  CHECK(short_label(proto::MessageKind::kPing, {3, 0}) == "Ping #3");
  CHECK(family_of(proto::MessageKind::kMetadataPush) == MessageFamily::kControl);
  CHECK(family_color(MessageFamily::kPing) == Palette::kPing);
  CHECK(family_color(MessageFamily::kPong) == Palette::kPong);

  AppState app = viz_fixture_app("cluster_3.json");
  bool produce = false;
  for (int64_t p = 0; p <= app.timeline.recorded(); ++p) {
    for (const MessageMarker& m : view_at(app, p).messages) {
      if (!m.doomed && !m.receiver_down) CHECK(m.color == family_color(m.family));
      CHECK(m.label.find("#0") == std::string::npos);  // not the toy's "Kind #N"
      produce = produce || m.label == "Produce p=0 n=3";
    }
  }
  CHECK(produce);
}

TEST_CASE("The legend lists the message families of the world", "[viz][cluster]") {
  // Goal: a cluster's legend explains Kafka traffic, the toy's Ping and Pong.
  AppState toy = toy_app();
  CHECK(view_at(toy, 10).legend ==
        std::vector<MessageFamily>{MessageFamily::kPing, MessageFamily::kPong});
  AppState app = viz_fixture_app("cluster_3.json");
  const ClusterView v = view_at(app, 50);
  CHECK(v.legend == std::vector<MessageFamily>{MessageFamily::kProduce, MessageFamily::kFetch,
                                               MessageFamily::kMetadata, MessageFamily::kControl});
  CHECK(v.has_brokers);
  CHECK(cluster_legend(app.timeline.current()) == v.legend);
}

TEST_CASE("Text never overlaps in the 3-broker cluster at 1280x800", "[viz][cluster]") {
  // Goal: node blocks and message labels are placed clear of each other at every position.
  AppState app = viz_fixture_app("cluster_3.json");
  for (int64_t p = 0; p <= app.timeline.recorded(); p += 3) {
    const ClusterView v = view_at(app, p);
    check_no_overlap(v, kPanelCanvas);
    for (const NodeView& n : v.nodes) CHECK(n.lines.size() <= 6);
  }
  CHECK(view_at(app, 150).partition_lines >= 1);  // room for some partitions
}

TEST_CASE("Text never overlaps in a 7-broker cluster at 1280x800", "[viz][cluster]") {
  // Goal: 9 nodes stay readable: the layout drops partition lines before text collides.
  AppState app = viz_fixture_app("cluster_7.json");
  int64_t labelled = 0;
  for (int64_t p = 0; p <= app.timeline.recorded(); p += 5) {
    const ClusterView v = view_at(app, p);
    REQUIRE(v.nodes.size() == 9);
    check_no_overlap(v, kPanelCanvas);
    for (const MessageMarker& m : v.messages) labelled += m.label_box ? 1 : 0;
  }
  CHECK(labelled > 20);
}

TEST_CASE("Every lesson's cluster is laid out in rows by role, its text never overlapping",
          "[viz][cluster]") {
  // Goal: at 1280x800 (the view's canvas), for every lesson at several positions: controllers
  // above brokers above clients, every node and text block inside the canvas, no two text blocks
  // or node bodies overlapping, and clients never linked to each other.
  const Rect canvas{0, 0, 830, 540};
  for (const LessonEntry& l : list_lessons(cli::lessons_dir())) {
    AppState app = ksim::viz::testing::lesson_app(l.name);
    for (int64_t p :
         {app.timeline.recorded() / 4, app.timeline.recorded() / 2, app.timeline.recorded()}) {
      ksim::viz::testing::seek(app, p);
      const ClusterView v =
          build_cluster_view(app.timeline.current(), canvas, app.timeline.current().now(),
                             TextMetrics{}, &app.timeline.trace(), &app.names);
      INFO(l.name << " at " << p);
      float controller_y = -1;
      float broker_y = -1;
      float client_y = -1;
      for (const NodeView& n : v.nodes) {
        CHECK(contains(canvas, n.block));
        if (n.kind == NodeKind::kController) controller_y = n.center.y;
        if (n.kind == NodeKind::kBroker) broker_y = n.center.y;
        if (n.kind == NodeKind::kClient) client_y = n.center.y;
      }
      if (controller_y >= 0) CHECK(controller_y < broker_y);
      if (client_y >= 0) CHECK(broker_y < client_y);
      for (size_t i = 0; i < v.nodes.size(); ++i) {
        for (size_t j = i + 1; j < v.nodes.size(); ++j) {
          CHECK_FALSE(overlaps(v.nodes[i].block, v.nodes[j].block));
          CHECK_FALSE(overlaps(v.nodes[i].body, v.nodes[j].body));
          CHECK_FALSE(overlaps(v.nodes[i].block, v.nodes[j].body));
        }
      }
      for (const LinkView& link : v.links) {
        const NodeKind a = v.nodes[static_cast<size_t>(link.a.value)].kind;
        const NodeKind b = v.nodes[static_cast<size_t>(link.b.value)].kind;
        CHECK_FALSE((a == NodeKind::kClient && b == NodeKind::kClient));
      }
    }
  }
}

TEST_CASE("A message that died is marked where it died, then fades", "[viz][cluster]") {
  // Goal: the first drop of replication_failover (a message to a crashed broker) is marked near
  // its receiver right after it happened, and no longer kDropFadeMs later.
  AppState app = ksim::viz::testing::lesson_app("replication_failover");
  const trace::Trace& t = app.timeline.trace();
  int64_t drop = -1;
  for (size_t i = 0; i < t.size() && drop < 0; ++i) {
    if (t.entry(Step{static_cast<int64_t>(i)}).kind == trace::EventKind::kDrop) {
      drop = static_cast<int64_t>(i);
    }
  }
  REQUIRE(drop >= 0);
  const trace::TraceEntry& e = t.entry(Step{drop});
  ksim::viz::testing::seek(app, drop + 1);
  const Rect canvas{0, 0, 830, 540};
  const ClusterView v =
      build_cluster_view(app.timeline.current(), canvas, e.time, TextMetrics{}, &t, &app.names);
  REQUIRE_FALSE(v.drops.empty());
  const DropMark& d = v.drops.front();
  CHECK(d.to == e.node);
  CHECK(d.age == Approx(0.0f));
  CHECK(d.text.find("died: ") != std::string::npos);
  const NodeView& receiver = v.nodes[static_cast<size_t>(e.node.value)];
  const float dx = d.pos.x - receiver.center.x;
  const float dy = d.pos.y - receiver.center.y;
  CHECK(std::sqrt(dx * dx + dy * dy) < receiver.radius + 20);
  const ClusterView later =
      build_cluster_view(app.timeline.current(), canvas, e.time + SimTime::from_ms(kDropFadeMs + 1),
                         TextMetrics{}, &t, &app.names);
  CHECK(d.step == drop);
  for (const DropMark& m : later.drops) CHECK(m.step != drop);
}
