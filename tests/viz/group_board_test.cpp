// The group view's model on real lessons: what kafka-consumer-groups --describe says, the
// consumers outside the group, and the rebalance exchange around the current step.
#include "viz/group_board.h"

#include <catch2/catch.hpp>

#include "cli/group_view.h"
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
  CHECK(demo1->coordinator == "broker-1");
  REQUIRE(demo1->members.size() == 3);
  int idle = 0;
  int leaders = 0;
  for (const MemberRow& m : demo1->members) {
    idle += m.assignment == "(none)" ? 1 : 0;
    leaders += m.leader ? 1 : 0;
    CHECK(m.client_view.empty());  // every consumer agrees with its coordinator
  }
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
