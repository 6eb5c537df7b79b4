// The inspector's fields on real lessons, what the last step changed, absent objects, and the
// --select syntax.
#include "viz/inspector_model.h"

#include <catch2/catch.hpp>

#include "tests/viz/lesson_app.h"
#include "viz/selection_spec.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

const InspectorField* field(const Inspection& in, const std::string& path) {
  for (const InspectorField& f : in.fields) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

// The first step that changes `field` of a replica, or -1.
int64_t first_change(const AppState& app, trace::Field which) {
  const trace::Trace& t = app.timeline.trace();
  for (size_t i = 0; i < t.size(); ++i) {
    for (const trace::StateChange& c : t.changes(Step{static_cast<int64_t>(i)})) {
      if (c.field == which && c.entity.kind == trace::EntityKind::kReplica && c.from >= 0 &&
          c.to > c.from) {
        return static_cast<int64_t>(i);
      }
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("The step that moves a high watermark shows it changed, and nothing else",
          "[viz][inspector]") {
  AppState app = lesson_app("replication_failover");
  const int64_t step = first_change(app, trace::Field::kHighWatermark);
  REQUIRE(step > 0);
  const trace::StateChange* change = nullptr;
  for (const trace::StateChange& c : app.timeline.trace().changes(Step{step})) {
    if (c.field == trace::Field::kHighWatermark) change = &c;
  }
  REQUIRE(change != nullptr);
  const NodeId node{change->entity.node};
  const auto& broker =
      std::get<cluster::Broker>(app.timeline.head().nodes[static_cast<size_t>(node.value)].logic);
  const kafka::TopicPartition tp{"orders", 0};
  seek(app, step + 1);
  const Selection sel = ReplicaSelection{tp, broker.broker_id};
  const Inspection now = inspect(app.timeline.current(), app.names, sel);
  REQUIRE(now.absent.empty());
  const Inspection before = inspect(*app.previous, app.names, sel);
  const std::vector<std::string> changed = changes_since(before, now);
  REQUIRE(changed.size() == now.fields.size());
  const InspectorField* hw = field(now, "high_watermark");
  REQUIRE(hw != nullptr);
  CHECK(hw->value == std::to_string(change->to));
  for (size_t i = 0; i < now.fields.size(); ++i) {
    if (now.fields[i].path == "high_watermark") {
      CHECK(changed[i] == std::to_string(change->from));
    } else if (now.fields[i].path.find("follower") == std::string::npos &&
               now.fields[i].path.find("delayed") == std::string::npos) {
      // What the step did to this replica is its high watermark (and, on the leader, the
      // follower positions and parked produces that moved it).
      INFO(now.fields[i].path);
      CHECK(changed[i].empty());
    }
  }
}

TEST_CASE("A broker's fields name its state, partitions and groups", "[viz][inspector]") {
  AppState app = lesson_app("consumer_groups");
  seek(app, app.timeline.recorded());
  const Inspection in = inspect(app.timeline.current(), app.names, NodeSelection{NodeId{0}});
  CHECK(in.title == "broker-1 (broker 1)");
  REQUIRE(field(in, "state") != nullptr);
  CHECK(field(in, "state")->value == "running (unfenced)");
  REQUIRE(field(in, "partitions/demo_1-0/role") != nullptr);
  CHECK(field(in, "partitions/demo_1-0/role")->value == "leader");
  CHECK(field(in, "partitions/demo_1-0/role")->depth == 2);
  REQUIRE(field(in, "groups coordinated/demo.1/generation") != nullptr);
}

TEST_CASE("A consumer, a producer and a record list their own fields", "[viz][inspector]") {
  AppState app = lesson_app("consumer_groups");
  seek(app, app.timeline.recorded());
  NodeId consumer{-1};
  NodeId producer{-1};
  for (size_t i = 0; i < app.timeline.current().nodes.size(); ++i) {
    const auto& logic = app.timeline.current().nodes[i].logic;
    if (std::holds_alternative<client::Consumer>(logic) && consumer.value < 0) {
      consumer = NodeId{static_cast<int32_t>(i)};
    }
    if (std::holds_alternative<client::Producer>(logic)) producer = NodeId{static_cast<int32_t>(i)};
  }
  REQUIRE(consumer.value >= 0);
  REQUIRE(producer.value >= 0);
  const Inspection c = inspect(app.timeline.current(), app.names, NodeSelection{consumer});
  REQUIRE(field(c, "group.id") != nullptr);
  CHECK(field(c, "group.id")->value == "demo.1");
  const Inspection p = inspect(app.timeline.current(), app.names, NodeSelection{producer});
  REQUIRE(field(p, "records acked") != nullptr);
  CHECK(std::stoll(field(p, "records acked")->value) > 0);

  const Inspection r =
      inspect(app.timeline.current(), app.names, RecordSelection{{"demo_1", 0}, 1, 0});
  REQUIRE(r.absent.empty());
  REQUIRE(field(r, "offset") != nullptr);
  CHECK(field(r, "offset")->value == "0");
  CHECK(field(r, "committed")->value == "yes (below the high watermark)");
  CHECK(field(r, "batch/partition_leader_epoch") != nullptr);
}

TEST_CASE("Absent objects say why instead of showing stale fields", "[viz][inspector]") {
  AppState app = lesson_app("replication_failover");
  seek(app, app.timeline.recorded());
  const world::World& w = app.timeline.current();
  CHECK(inspect(w, app.names, RecordSelection{{"orders", 0}, 1, 999}).absent.find("no record") !=
        std::string::npos);
  CHECK(inspect(w, app.names, MessageSelection{1}).absent.find("no longer in flight") !=
        std::string::npos);
  CHECK(inspect(w, app.names, MemberSelection{"nobody", "m-1"}).absent.find("not a member") !=
        std::string::npos);
  CHECK_FALSE(inspect(w, app.names, std::monostate{}).absent.empty());
}

TEST_CASE("A message in flight lists its kind, ends and fate", "[viz][inspector]") {
  AppState app = lesson_app("replication_failover");
  seek(app, app.timeline.recorded() / 2);
  uint64_t seq = 0;
  bool found = false;
  app.timeline.current().rt.queue.for_each_pending(
      [&](SimTime, uint64_t s, const runtime::Event& ev) {
        if (!found && std::holds_alternative<runtime::Deliver>(ev.body)) {
          seq = s;
          found = true;
        }
      });
  REQUIRE(found);
  const Inspection in = inspect(app.timeline.current(), app.names, MessageSelection{seq});
  REQUIRE(in.absent.empty());
  CHECK(field(in, "kind") != nullptr);
  CHECK(field(in, "from") != nullptr);
  CHECK(field(in, "fate") != nullptr);
}

TEST_CASE("Selections on the command line (--select) name nodes, replicas and records",
          "[viz][inspector]") {
  const AppState app = lesson_app("replication_failover");
  CHECK(parse_selection("node:broker-2", app.names).selection ==
        Selection{NodeSelection{NodeId{1}}});
  CHECK(parse_selection("replica:orders-0@3", app.names).selection ==
        Selection{ReplicaSelection{{"orders", 0}, 3}});
  CHECK(parse_selection("record:my-topic-2@1:17", app.names).selection ==
        Selection{RecordSelection{{"my-topic", 2}, 1, 17}});
  CHECK(parse_selection("node:broker-9", app.names).error.find("broker-9") != std::string::npos);
  CHECK(parse_selection("replica:orders", app.names).error.find("TOPIC-PARTITION@BROKER_ID") !=
        std::string::npos);
  CHECK(parse_selection("topic:x", app.names).error.find("--select expects") != std::string::npos);
}
