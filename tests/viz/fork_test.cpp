// Faults at a click: a fork anchored at the current position, the same run up to it, the
// fault after it, and a saved fork that `kafkasim run` replays to the viewer's digest.
#include "viz/fork.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "engine/scenario/loader.h"
#include "engine/world/inspect.h"
#include "tests/viz/lesson_app.h"
#include "viz/app_state.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

// The JSON Lines trace of the first `count` steps, without the header line (which lists the
// notes, and a fork adds one).
std::string trace_text(const AppState& app, int64_t count) {
  std::ostringstream out;
  trace::write_jsonl(out, app.timeline.trace(), app.names, Step{0}, Step{count});
  const std::string text = out.str();
  return text.substr(text.find('\n') + 1);
}

// The first line where two traces differ ("" when they are equal), for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a);
  std::istringstream sb(b);
  std::string la;
  std::string lb;
  while (true) {
    const bool ga = static_cast<bool>(std::getline(sa, la));
    const bool gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return "";
    if (!ga || !gb || la != lb) return la + "\n  vs\n" + lb;
  }
}

NodeId node_named(const AppState& app, const std::string& name) {
  for (size_t i = 0; i < app.names.nodes.size(); ++i) {
    if (app.names.nodes[i] == name) return NodeId{static_cast<int32_t>(i)};
  }
  FAIL("no node " << name);
  return NodeId{-1};
}

int64_t first_fault_step(const AppState& app) {
  for (const TimelineMark& m : app.marks) {
    if (m.kind == MarkKind::kFault) return m.step;
  }
  FAIL("the lesson has no fault");
  return -1;
}

}  // namespace

TEST_CASE("A crash at a click forks the run at the current position", "[viz][fork]") {
  // Goal: the fork keeps everything before the position, the broker crashes right after it,
  // and the position, the selection and the marks follow.
  AppState app = lesson_app("replication_failover");
  // Halfway to the lesson's own first fault, every broker runs.
  const int64_t p = first_fault_step(app) / 2;
  seek(app, p);
  const NodeId broker2 = node_named(app, "broker-2");
  REQUIRE(world::running_broker(app.timeline.current(), static_cast<size_t>(broker2.value)));
  app.pending.push_back(Select{NodeSelection{broker2}});
  apply_commands(app);
  const std::string before = trace_text(app, p);

  const std::vector<Fork> faults = node_faults(app.timeline.current(), app.names, broker2);
  REQUIRE(faults.size() >= 3);
  CHECK(faults[0].label == "crash broker-2");
  CHECK(faults[1].label == "shut down broker-2 (controlled shutdown)");
  CHECK(faults[2].label == "isolate broker-2");
  app.pending.push_back(faults[0]);
  apply_commands(app);

  CHECK(app.error.empty());
  CHECK(app.timeline.position() == p);
  CHECK(first_difference(trace_text(app, p), before) == "");
  CHECK(app.selected == Selection{NodeSelection{broker2}});
  REQUIRE(app.fork_actions.size() == 2);  // the note, then the crash
  CHECK(app.fork_actions[1]["after_step"] == p - 1);
  CHECK(app.fork_actions[1]["action"] == "crash");
  bool fork_marked = false;
  for (const TimelineMark& m : app.marks) {
    fork_marked |= m.kind == MarkKind::kFork && m.step == p && m.label == "fork: crash broker-2";
  }
  CHECK(fork_marked);
  // Two steps on (the note, then the crash), broker-2 is down; a restart is offered.
  seek(app, p + 2);
  CHECK_FALSE(app.timeline.current().rt.status_of(broker2).up);
  const std::vector<Fork> now = node_faults(app.timeline.current(), app.names, broker2);
  REQUIRE(now.size() == 1);
  CHECK(now[0].label == "restart broker-2");
}

TEST_CASE("A saved fork replays to the viewer's trace digest", "[viz][fork]") {
  // Goal: the fork saved as a scenario file is the viewer's run, byte for byte.
  AppState app = lesson_app("replication_failover");
  seek(app, app.timeline.recorded() / 3);
  app.pending.push_back(cut_link("broker-1", "broker-3"));
  apply_commands(app);
  REQUIRE(app.error.empty());
  seek(app, app.timeline.recorded() / 2);
  app.pending.push_back(heal_all());
  apply_commands(app);
  REQUIRE(app.error.empty());
  REQUIRE(app.fork_actions.size() == 4);

  const scenario::LoadResult saved = scenario::load_text(fork_document_text(app), "fork.json");
  REQUIRE(saved.problems.empty());
  const AppState replayed = make_app_state(*saved.scenario, app.seed);
  CHECK(trace::trace_digest(replayed.timeline.trace(), replayed.names) ==
        trace::trace_digest(app.timeline.trace(), app.names));
  CHECK(replayed.timeline.recorded() == app.timeline.recorded());
}

TEST_CASE("A fork the scenario refuses leaves the run as it was and says why", "[viz][fork]") {
  // Goal: a bad action names the field; nothing changes.
  AppState app = lesson_app("replication_failover");
  seek(app, 100);
  const uint64_t digest = trace::trace_digest(app.timeline.trace(), app.names);
  app.pending.push_back(
      Fork{"crash broker-9", {nlohmann::ordered_json{{"action", "crash"}, {"node", "broker-9"}}}});
  apply_commands(app);
  CHECK(app.error.find("cannot crash broker-9") != std::string::npos);
  CHECK(app.error.find("broker-9") != std::string::npos);
  CHECK(app.fork_actions.empty());
  CHECK(trace::trace_digest(app.timeline.trace(), app.names) == digest);
  CHECK(app.timeline.position() == 100);
}

TEST_CASE("A run built without its file cannot be forked", "[viz][fork]") {
  AppState app = lesson_app("replication_failover");
  app.source = {};
  app.pending.push_back(heal_all());
  apply_commands(app);
  CHECK(app.error == "this run was not loaded from a file, so it cannot be forked");
}

TEST_CASE("A consumer can be crashed or shut down at a click", "[viz][fork]") {
  // Goal: closing a consumer at a click sends its LeaveGroup: the group rebalances without it.
  AppState app = lesson_app("consumer_groups");
  seek(app, app.timeline.recorded() / 2);
  NodeId consumer{-1};
  for (size_t i = 0; i < app.timeline.current().nodes.size(); ++i) {
    const NodeId n{static_cast<int32_t>(i)};
    if (std::holds_alternative<client::Consumer>(app.timeline.current().nodes[i].logic) &&
        app.timeline.current().rt.status_of(n).up) {
      consumer = n;
      break;
    }
  }
  REQUIRE(consumer.value >= 0);
  const std::string name = app.names.node(consumer);
  const std::vector<Fork> faults = node_faults(app.timeline.current(), app.names, consumer);
  REQUIRE(faults.size() >= 3);
  CHECK(faults[0].label == "crash " + name);
  CHECK(faults[1].label == "shut down " + name + " (close())");
  app.pending.push_back(faults[1]);
  apply_commands(app);
  REQUIRE(app.error.empty());
  CHECK(app.fork_actions.back()["action"] == "close");
  CHECK(app.fork_actions.back()["client"] == name);
  // By the end no group counts it as a member any more.
  seek(app, app.timeline.recorded());
  for (const world::Node& n : app.timeline.current().nodes) {
    const auto* broker = std::get_if<cluster::Broker>(&n.logic);
    if (broker == nullptr) continue;
    for (const auto& [id, group] : broker->memory.coordinator.groups) {
      for (const cluster::GroupMember& m : group.members) CHECK(m.node != consumer);
    }
  }
}
