// The group view's model on real lessons: what kafka-consumer-groups --describe says, the
// consumers outside the group, and the rebalance exchange around the current step.
#include "viz/group_board.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "cli/group_view.h"
#include "engine/cluster/group_coordinator.h"
#include "engine/world/inspect.h"
#include "tests/viz/lesson_app.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

const GroupCard* card_of(const std::vector<GroupCard>& cards, const std::string& group) {
  for (const GroupCard& c : cards) {
    if (c.group == group) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("A group card says what kafka-consumer-groups --describe says", "[viz][groups]") {
  // consumer_groups at 31 s: demo.1 has three members on two partitions, one of them idle.
  AppState app = lesson_app("consumer_groups");
  seek(app, steps_until(app.timeline.trace(), SimTime::from_ms(31000)));
  const world::World& w = app.timeline.current();
  const std::vector<GroupCard> cards = group_cards(w, app.names, {});
  const GroupCard* demo1 = card_of(cards, "demo.1");
  REQUIRE(demo1 != nullptr);
  const cli::GroupView view = cli::group_view(w, "demo.1");
  CHECK(demo1->state == "Stable");
  CHECK(demo1->state == view.state);
  CHECK(demo1->protocol == "range");
  // broker-1 leads demo.1's partition of __consumer_offsets.
  const cluster::TopicImage* offsets =
      world::first_running_broker(w)->memory.image.topic(cluster::kOffsetsTopic);
  REQUIRE(offsets != nullptr);
  const int32_t partition =
      cluster::offsets_partition_for("demo.1", static_cast<int32_t>(offsets->partitions.size()));
  CHECK(demo1->coordinator == fmt::format("broker-1 (__consumer_offsets-{})", partition));
  REQUIRE(demo1->members.size() == 3);
  int idle = 0;
  int leaders = 0;
  for (const MemberRow& m : demo1->members) {
    idle += m.assignment == "(none)" ? 1 : 0;
    leaders += m.leader ? 1 : 0;
    CHECK(m.client_view.empty());  // every consumer agrees with its coordinator
  }
  // Member ids are shortened to the head of their uuid, distinct within the group.
  for (const MemberRow& m : demo1->members) {
    CHECK(m.short_id.starts_with("..."));
    CHECK(m.short_id.size() == 11);
    CHECK(m.member_id.find(m.short_id.substr(3)) != std::string::npos);
  }
  CHECK(demo1->members[0].short_id != demo1->members[1].short_id);
  CHECK(demo1->members[1].short_id != demo1->members[2].short_id);
  CHECK(demo1->members[0].short_id != demo1->members[2].short_id);
  CHECK(idle == 1);
  CHECK(leaders == 1);
  REQUIRE(demo1->offsets.size() == 2);
  for (const OffsetRow& r : demo1->offsets) {
    CHECK(r.committed == view.committed.at(r.tp));
    CHECK(r.log_end == view.log_end.at(r.tp));
    CHECK(r.lag == r.log_end - r.committed);
    CHECK_FALSE(r.owner.empty());
  }
  CHECK(card_of(cards, "demo.2") != nullptr);
}

TEST_CASE("Consumers outside their group say why", "[viz][groups]") {
  AppState app = lesson_app("consumer_groups");
  seek(app, 1);
  const std::vector<GroupCard> cards = group_cards(app.timeline.current(), app.names, {});
  const GroupCard* demo1 = card_of(cards, "demo.1");
  REQUIRE(demo1 != nullptr);
  CHECK(demo1->members.empty());
  REQUIRE_FALSE(demo1->outsiders.empty());
  for (const Outsider& o : demo1->outsiders) CHECK(o.why == "not started");
}

TEST_CASE("A rebalance shows its JoinGroup and SyncGroup exchange", "[viz][groups]") {
  // Somewhere in eager_vs_cooperative a group is rebalancing: its exchange then holds the
  // JoinGroup requests of the members.
  AppState app = lesson_app("eager_vs_cooperative");
  bool found = false;
  for (int64_t p = 1; p <= app.timeline.recorded() && !found; p += 3) {
    seek(app, p);
    for (const GroupCard& c : group_cards(app.timeline.current(), app.names, {})) {
      if (c.state != "PreparingRebalance" && c.state != "CompletingRebalance") continue;
      CHECK(c.state_color == Rgba{240, 170, 40, 255});
      const std::vector<ProtocolMessage> ex = group_exchange(
          app.timeline.trace(), app.names, app.timeline.current(), app.timeline.position());
      bool join = false;
      for (const ProtocolMessage& m : ex) {
        join |= m.text == "JoinGroup" || (m.in_flight && m.text == "JoinGroupResponse");
        if (!m.in_flight) {
          CHECK(m.step < app.timeline.position());
        }
      }
      CHECK(join);
      found = true;
      break;
    }
  }
  CHECK(found);
}

TEST_CASE("The exchange is bounded and in step order", "[viz][groups]") {
  AppState app = lesson_app("consumer_groups");
  seek(app, app.timeline.recorded());
  const std::vector<ProtocolMessage> ex = group_exchange(
      app.timeline.trace(), app.names, app.timeline.current(), app.timeline.position(), 3000, 10);
  size_t delivered = 0;
  for (size_t i = 0; i < ex.size(); ++i) {
    if (ex[i].in_flight) continue;
    ++delivered;
    if (i > 0 && !ex[i - 1].in_flight) CHECK(ex[i - 1].step < ex[i].step);
  }
  CHECK(delivered == 10);
}

TEST_CASE("A selected member is highlighted", "[viz][groups]") {
  AppState app = lesson_app("consumer_groups");
  seek(app, app.timeline.recorded());
  const std::vector<GroupCard> first = group_cards(app.timeline.current(), app.names, {});
  const GroupCard* demo1 = card_of(first, "demo.1");
  REQUIRE(demo1 != nullptr);
  REQUIRE_FALSE(demo1->members.empty());
  const std::string id = demo1->members.front().member_id;
  const std::vector<GroupCard> cards =
      group_cards(app.timeline.current(), app.names, MemberSelection{"demo.1", id});
  for (const MemberRow& m : card_of(cards, "demo.1")->members) {
    CHECK(m.selected == (m.member_id == id));
  }
}

TEST_CASE("Mid-rebalance, an eager member reads nothing and a cooperative one keeps reading",
          "[viz][groups]") {
  // eager_vs_cooperative's "Mid-rebalance" pause (26 s): both groups wait for their slow
  // member. e1 (range, eager) revoked all its partitions before rejoining; k1
  // (cooperative-sticky) rejoined with its partitions and reads them on. The coordinator still
  // lists the last generation's assignment for both.
  AppState app = lesson_app("eager_vs_cooperative");
  seek(app, steps_until(app.timeline.trace(), SimTime::from_ms(26000)));
  const std::vector<GroupCard> cards = group_cards(app.timeline.current(), app.names, {});
  const GroupCard* eager = card_of(cards, "eager");
  const GroupCard* coop = card_of(cards, "coop");
  REQUIRE(eager != nullptr);
  REQUIRE(coop != nullptr);
  CHECK(eager->state == "PreparingRebalance");
  CHECK(eager->generation == 2);
  CHECK(coop->state == "PreparingRebalance");
  CHECK(coop->generation == 3);
  const auto member = [](const GroupCard& card, const std::string& client) -> const MemberRow& {
    for (const MemberRow& m : card.members) {
      if (m.client == client) return m;
    }
    FAIL("no member " << client);
    return card.members.front();
  };
  CHECK(member(*eager, "e1").assignment == "events-0, events-1");
  CHECK(member(*eager, "e1").client_view ==
        "rejoining (JoinGroup sent), revoked all, reads nothing");
  // e2, slow, heard of the rebalance from a heartbeat but rejoins only from its next poll().
  CHECK(member(*eager, "e2").client_view ==
        "must rejoin, busy until its next poll(), still reads events-2");
  CHECK(member(*coop, "k1").assignment == "events-0, events-1");
  CHECK(member(*coop, "k1").client_view ==
        "rejoining (JoinGroup sent), still reads events-0, events-1");
}

TEST_CASE("A group whose coordinator is down says so, and what its consumers believe",
          "[viz][groups]") {
  // coordinator_failover at 20 s: broker-2, billing's coordinator, crashed at 15 s and the
  // controller has not fenced it yet, so its __consumer_offsets partition has no running
  // leader. c1 and c2 keep reading at generation 1.
  AppState app = lesson_app("coordinator_failover");
  seek(app, steps_until(app.timeline.trace(), SimTime::from_ms(20000)));
  const world::World& w = app.timeline.current();
  const client::Consumer* c1 = world::consumer_named(w, "c1");
  REQUIRE(c1 != nullptr);
  const NodeId c1_node = c1->id;
  const std::vector<GroupCard> cards = group_cards(w, app.names, NodeSelection{c1_node});
  const GroupCard* billing = card_of(cards, "billing");
  REQUIRE(billing != nullptr);
  CHECK(billing->state == "Dead");
  CHECK(billing->state_color == Rgba{235, 80, 80, 255});
  CHECK(billing->members.empty());
  const cluster::TopicImage* offsets =
      world::first_running_broker(w)->memory.image.topic(cluster::kOffsetsTopic);
  REQUIRE(offsets != nullptr);
  const int32_t partition =
      cluster::offsets_partition_for("billing", static_cast<int32_t>(offsets->partitions.size()));
  CHECK(billing->coordinator ==
        fmt::format("unavailable (broker-2, leader of __consumer_offsets-{}, is down)", partition));
  REQUIRE(billing->outsiders.size() == 2);
  for (const Outsider& o : billing->outsiders) {
    CHECK(o.why.starts_with("member at generation 1 by its own view, reads orders-"));
    CHECK(o.selected == (o.node == c1_node));
  }

  // After the failover the new coordinator loaded the group from the log: same generation, no
  // rebalance.
  seek(app, app.timeline.recorded());
  const std::vector<GroupCard> after = group_cards(app.timeline.current(), app.names, {});
  const GroupCard* loaded = card_of(after, "billing");
  REQUIRE(loaded != nullptr);
  CHECK(loaded->state == "Stable");
  CHECK(loaded->generation == 1);
  CHECK(loaded->coordinator.starts_with("broker-3 (__consumer_offsets-"));
  // Its members are still c1 and c2 (the loaded record keeps their nodes only as client hosts).
  REQUIRE(loaded->members.size() == 2);
  CHECK(loaded->members[0].client != loaded->members[1].client);
  for (const MemberRow& m : loaded->members) {
    CHECK((m.client == "c1" || m.client == "c2"));
    CHECK(m.client_view.empty());
  }
  CHECK(loaded->outsiders.empty());
}

TEST_CASE("A response in flight shows its error code", "[viz][groups]") {
  // eager_vs_cooperative: at step 1659 the coordinator's answer to e1's heartbeat, sent when
  // e3 had joined, is on its way: REBALANCE_IN_PROGRESS tells e1 to rejoin.
  AppState app = lesson_app("eager_vs_cooperative");
  seek(app, 1659);
  const std::vector<ProtocolMessage> ex = group_exchange(
      app.timeline.trace(), app.names, app.timeline.current(), app.timeline.position());
  bool found = false;
  for (const ProtocolMessage& m : ex) {
    found |= m.in_flight && m.from == "broker-1" && m.to == "e1" &&
             m.text == "HeartbeatResponse REBALANCE_IN_PROGRESS";
  }
  CHECK(found);
}
