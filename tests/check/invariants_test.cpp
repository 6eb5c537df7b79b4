// Every invariant of engine/check can fire: each test breaks one thing by hand in a healthy
// cluster and hands the checker a step that touches it; the first test shows the same checks
// quiet on the correct run.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>

#include "engine/check/invariant.h"
#include "tests/check/check_story.h"

using namespace ksim;
using ksim::testing::CheckStory;
using ksim::testing::named;
using trace::Field;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The consumer of group g that owns `tp`.
std::string owner_of(CheckStory& story, const kafka::TopicPartition& tp) {
  for (const std::string name : {"c1", "c2"}) {
    if (story.logic<client::Consumer>(name).memory.assigned.count(tp) != 0) return name;
  }
  FAIL("nobody owns " << kafka::to_string(tp));
  return "";
}

}  // namespace

TEST_CASE("the checks stay quiet on a healthy run, which exercises them", "[check]") {
  // Goal: no false alarm: replication, acks, commits and consumption all happened, none broke.
  CheckStory story;
  CHECK(story.trace().observations().empty());
  CHECK(story.finish().empty());
  CHECK(story.checker().violations() == 0);
  CHECK(story.logic<client::Producer>("p").counts.acked == 40);
  CHECK(story.logic<client::Consumer>("c1").consumed.size() +
            story.logic<client::Consumer>("c2").consumed.size() ==
        40);
  CHECK(story.checker().ledger().records().count(story.tp(0)) == 1);
}

TEST_CASE("every invariant has a unique name and a class", "[check]") {
  // Goal: names are stable keys; the table and the enum agree.
  std::set<std::string_view> names;
  for (size_t i = 0; i < check::invariants().size(); ++i) {
    const check::InvariantInfo& info = check::invariants()[i];
    CHECK(static_cast<size_t>(info.id) == i);
    CHECK(names.insert(info.name).second);
  }
  CHECK(check::invariant_class(check::Invariant::kPollSkip) ==
        trace::ObservationClass::kEngineInvariant);
  CHECK(check::invariant_class(check::Invariant::kLeaderCompleteness) ==
        trace::ObservationClass::kKafkaGuarantee);
}

TEST_CASE("a gap between two batches breaks offsets_dense_and_increasing", "[check]") {
  // Goal: a follower that appends a batch two offsets past its log end is caught.
  CheckStory story;
  const auto tp = story.busiest();
  const int f = story.follower(tp);
  log::PartitionLog& log = story.log(f, tp);
  const int64_t leo = log.log_end_offset();
  log.append_as_follower(
      kafka::make_batch(leo + 2, 0, {kafka::Record{RecordId{900001}, "k", "v", 0, {}}}), 0);
  const auto found = story.hand_step(story.broker(f).id,
                                     {story.change(f, tp, Field::kLogEndOffset, leo, leo + 3)});
  const trace::Observation* o = named(found, "offsets_dense_and_increasing");
  REQUIRE(o != nullptr);
  CHECK(o->kind == trace::ObservationClass::kEngineInvariant);
  CHECK(contains(o->detail, fmt::format("offsets {}..{} are missing", leo, leo + 1)));
  CHECK(contains(o->detail, kafka::to_string(tp) + "@broker-" + std::to_string(f)));
}

TEST_CASE("an ISR member behind the high watermark breaks high_watermark_within_isr_leo",
          "[check]") {
  // Goal: the leader's HW may never pass what an ISR member holds.
  CheckStory story;
  const auto tp = story.busiest();
  const int f = story.follower(tp);
  const int64_t hw = story.log(story.leader(tp), tp).high_watermark();
  REQUIRE(hw > 1);
  story.log(f, tp).truncate_to(hw - 1);
  const auto found =
      story.hand_step(story.broker(f).id, {story.change(f, tp, Field::kTruncatedTo, hw, hw - 1)});
  const trace::Observation* o = named(found, "high_watermark_within_isr_leo");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, fmt::format("high watermark {}", hw)));
  CHECK(contains(o->detail, fmt::format("broker-{} has log end offset {}", f, hw - 1)));
}

TEST_CASE("a leader's high watermark going back breaks high_watermark_monotonic", "[check]") {
  // Goal: within one leader epoch the high watermark only moves forward.
  CheckStory story;
  const auto tp = story.busiest();
  const int l = story.leader(tp);
  const int64_t hw = story.log(l, tp).high_watermark();
  story.log(l, tp).set_high_watermark(hw - 1);
  const auto found =
      story.hand_step(story.broker(l).id, {story.change(l, tp, Field::kHighWatermark, hw, hw - 1)});
  const trace::Observation* o = named(found, "high_watermark_monotonic");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, fmt::format("went back from {} to {}", hw, hw - 1)));
}

TEST_CASE("a leader epoch going back breaks leader_epoch_monotonic", "[check]") {
  // Goal: metadata is applied in order, so a broker's epoch for a partition never decreases.
  CheckStory story;
  const auto found = story.hand_step(story.broker(1).id,
                                     {story.change(1, story.tp(0), Field::kLeaderEpoch, 3, 1)});
  const trace::Observation* o = named(found, "leader_epoch_monotonic");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, "went back from 3 to 1"));
}

TEST_CASE("two brokers leading one epoch break one_leader_per_epoch", "[check]") {
  // Goal: a follower that believes it leads at the leader's epoch is a second writer.
  CheckStory story;
  const auto tp = story.tp(0);
  const int l = story.leader(tp);
  const int f = story.follower(tp);
  story.hosted(f, tp).leader = f;
  const auto found =
      story.hand_step(story.broker(f).id, {story.change(f, tp, Field::kLeader, l, f)});
  const trace::Observation* o = named(found, "one_leader_per_epoch");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, fmt::format("broker-{} and broker-{} both lead at epoch", l, f)));
}

TEST_CASE("a leader outside its ISR breaks leader_in_isr", "[check]") {
  // Goal: an online partition's ISR holds its leader (so it is never empty).
  CheckStory story;
  const auto tp = story.tp(1);
  const int l = story.leader(tp);
  auto& isr = story.hosted(l, tp).isr;
  isr.erase(std::find(isr.begin(), isr.end(), l));
  const auto found =
      story.hand_step(story.broker(l).id, {story.change(l, tp, Field::kIsrSize, 3, 2)});
  const trace::Observation* o = named(found, "leader_in_isr");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, fmt::format("leader {} at epoch", l)));
  CHECK(contains(o->detail, "is not in the ISR"));
}

TEST_CASE("two members owning one partition in a generation break single_owner_per_generation",
          "[check]") {
  // Goal: the assignment of one generation gives each partition to one member.
  CheckStory story;
  const std::string a = owner_of(story, story.tp(0));
  const std::string b = a == "c1" ? "c2" : "c1";
  auto& other = story.logic<client::Consumer>(b);
  REQUIRE(other.memory.member_state == client::MemberState::kStable);
  other.memory.assigned.try_emplace(story.tp(0));
  const auto found = story.hand_step(story.node(b), {});
  const trace::Observation* o = named(found, "single_owner_per_generation");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, fmt::format("group g generation {}: t-0 is owned by {} and by {}",
                                        other.memory.generation, a, b)));
}

TEST_CASE("a record below the consumer's position breaks nonmonotonic_poll", "[check]") {
  // Goal: poll() returns records from the position on, never before it.
  CheckStory story;
  const auto tp = story.busiest();
  const std::string c = owner_of(story, tp);
  const int64_t position = *story.logic<client::Consumer>(c).memory.assigned.at(tp).position;
  REQUIRE(position >= 2);
  story.consume(c, tp, position - 2, story.id_at(tp, position - 2));
  const auto found = story.hand_step(story.node(c), {});
  const trace::Observation* o = named(found, "nonmonotonic_poll");
  REQUIRE(o != nullptr);
  CHECK(
      contains(o->detail, fmt::format("offset {}, below its position {}", position - 2, position)));
  CHECK(named(found, "poll_skip") == nullptr);
}

TEST_CASE("jumping over a record breaks poll_skip, a seek does not", "[check]") {
  // Goal: a move the consumer made (a seek) explains a jump; poll() itself may not skip.
  CheckStory story;
  const auto tp = story.busiest();
  const std::string c = owner_of(story, tp);
  story.logic<client::Consumer>(c).memory.assigned.at(tp).position = 0;  // seek(0)
  CHECK(story.hand_step(story.node(c), {}).empty());
  story.consume(c, tp, 0, story.id_at(tp, 0));  // from the new position: fine
  CHECK(story.hand_step(story.node(c), {}).empty());
  story.consume(c, tp, 3, story.id_at(tp, 3));
  const auto found = story.hand_step(story.node(c), {});
  const trace::Observation* o = named(found, "poll_skip");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, "offset 3 after position 1, skipping the record at offset 1"));
}

TEST_CASE("replicas disagreeing below their high watermarks break log_matching", "[check]") {
  // Goal: what is committed is the same on every replica (unless an unclean election).
  CheckStory story;
  const auto tp = story.busiest();
  const int f = story.follower(tp);
  log::PartitionLog& log = story.log(f, tp);
  const int64_t hw = log.high_watermark();
  log.truncate_to(0);
  std::vector<kafka::Record> others;
  for (int64_t i = 0; i < hw; ++i) {
    others.push_back(kafka::Record{RecordId{static_cast<uint64_t>(910000 + i)}, "k", "x", 0, {}});
  }
  log.append_as_follower(kafka::make_batch(0, 0, others), 0);
  log.set_high_watermark(hw);
  const auto found =
      story.hand_step(story.broker(f).id, {story.change(f, tp, Field::kHighWatermark, 0, hw)});
  const trace::Observation* o = named(found, "log_matching");
  REQUIRE(o != nullptr);
  CHECK(o->kind == trace::ObservationClass::kKafkaGuarantee);
  CHECK(contains(o->detail, fmt::format("hold different records at offsets 0..{}", hw - 1)));
}

TEST_CASE("an acknowledged record missing from the leader breaks no_acknowledged_write_lost",
          "[check]") {
  // Goal: a send acknowledged with an offset must be found there on the current leader.
  CheckStory story;
  const auto tp = story.busiest();
  const int64_t leo = story.log(story.leader(tp), tp).log_end_offset();
  client::Producer& p = story.logic<client::Producer>("p");
  client::SendOutcome o;
  o.record = RecordId{920001};
  o.tp = tp;
  o.status = client::SendOutcome::Status::kAcked;
  o.offset = leo + 5;
  p.outcomes.push_back(o);
  const auto found = story.hand_step(story.node("p"), {});
  const trace::Observation* lost = named(found, "no_acknowledged_write_lost");
  REQUIRE(lost != nullptr);
  CHECK(
      contains(lost->detail,
               fmt::format("1 acknowledged record(s) lost at offset(s) {} (sent by p)", leo + 5)));
  CHECK(named(found, "leader_completeness") == nullptr);
}

TEST_CASE("a leader without committed records breaks leader_completeness", "[check]") {
  // Goal: every record ever below a high watermark stays on whoever leads.
  CheckStory story;
  const auto tp = story.busiest();
  const int l = story.leader(tp);
  const int64_t hw = story.log(l, tp).high_watermark();
  story.log(l, tp).truncate_to(1);
  const int32_t epoch = story.hosted(l, tp).leader_epoch;
  const auto found =
      story.hand_step(story.broker(l).id, {story.change(l, tp, Field::kLeaderEpoch, epoch, epoch)});
  const trace::Observation* o = named(found, "leader_completeness");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail,
                 fmt::format("{} committed record(s) lost at offset(s) 1..{}", hw - 1, hw - 1)));
  CHECK(contains(o->detail, fmt::format("broker-{} leads it", l)));
}

TEST_CASE("an offset read twice with two contents breaks consistent_read", "[check]") {
  // Goal: both ways a consumed offset can change: another read, and the log moving under it.
  CheckStory story;
  const auto tp = story.busiest();
  const std::string c = owner_of(story, tp);
  story.logic<client::Consumer>(c).memory.assigned.at(tp).position = 2;  // seek(2)
  story.hand_step(story.node(c), {});
  story.consume(c, tp, 2, 930001);
  auto found = story.hand_step(story.node(c), {});
  const trace::Observation* o = named(found, "consistent_read");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, fmt::format("t-{} offset 2: {} read record #{}, then {} read record "
                                        "#930001",
                                        tp.partition, c, story.id_at(tp, 2), c)));

  const int l = story.leader(tp);
  log::PartitionLog& log = story.log(l, tp);
  log.truncate_to(4);
  log.append_as_follower(
      kafka::make_batch(4, 0, {kafka::Record{RecordId{930002}, "k", "x", 0, {}}}), 0);
  log.set_high_watermark(5);
  found = story.hand_step(story.broker(l).id, {story.change(l, tp, Field::kHighWatermark, 4, 5)});
  o = named(found, "consistent_read");
  REQUIRE(o != nullptr);
  CHECK(contains(o->detail, "offset(s) 4, read by"));
}

TEST_CASE(
    "a committed offset above every high watermark breaks "
    "committed_offset_within_high_watermark",
    "[check]") {
  // Goal: a group never holds an offset past what the partition has committed.
  CheckStory story;
  const auto tp = story.busiest();
  const world::GroupAt g = world::find_group(story.world(), "g");
  REQUIRE(g.group != nullptr);
  REQUIRE(g.group->offsets.count(tp) == 1);
  auto& coordinator = story.broker(g.coordinator->broker_id);
  coordinator.memory.coordinator.groups.at("g").offsets.at(tp).offset = 1000;
  const int l = story.leader(tp);
  const int64_t hw = story.log(l, tp).high_watermark();
  const auto found =
      story.hand_step(story.broker(l).id, {story.change(l, tp, Field::kHighWatermark, hw + 1, hw)});
  const trace::Observation* o = named(found, "committed_offset_within_high_watermark");
  REQUIRE(o != nullptr);
  CHECK(
      contains(o->detail, fmt::format("group g has committed offset 1000 on {}, above the highest "
                                      "high watermark of its replicas ({})",
                                      kafka::to_string(tp), hw)));
}

TEST_CASE("an acknowledged record readers went past breaks lost_write at the end", "[check]") {
  // Goal: Jepsen's lost-write: acknowledged, below the HW, gone, and readers read beyond it.
  CheckStory story;
  const auto tp = story.busiest();
  client::SendOutcome o;
  o.record = RecordId{940001};
  o.tp = tp;
  o.status = client::SendOutcome::Status::kAcked;
  o.offset = 1;  // offset 1 holds another record: this one is gone
  story.logic<client::Producer>("p").outcomes.push_back(o);
  story.hand_step(story.node("p"), {});
  const auto found = story.finish();
  const trace::Observation* lost = named(found, "lost_write");
  REQUIRE(lost != nullptr);
  CHECK(
      contains(lost->detail, "1 acknowledged record(s) (offset(s) 1, sent by p) were never read"));
}

TEST_CASE("one send read at two offsets breaks duplicate", "[check]") {
  // Goal: Jepsen's duplicate: one value at two offsets of the log.
  CheckStory story;
  const auto tp = story.busiest();
  const std::string c = owner_of(story, tp);
  const int64_t position = *story.logic<client::Consumer>(c).memory.assigned.at(tp).position;
  const uint64_t first = story.id_at(tp, 0);
  story.consume(c, tp, position, first);
  const auto found = story.hand_step(story.node(c), {});
  REQUIRE(found.size() == 1);
  CHECK(found[0].invariant == "duplicate");
  CHECK(contains(found[0].detail, fmt::format("record #{}", first)));
  CHECK(contains(found[0].detail,
                 fmt::format("offset 0, {} at {} offset {}", c, kafka::to_string(tp), position)));
}

TEST_CASE("a violation is reported once, at its first step", "[check]") {
  // Goal: a state that stays broken does not flood the trace.
  CheckStory story;
  const auto change = story.change(1, story.tp(0), Field::kLeaderEpoch, 3, 1);
  CHECK(story.hand_step(story.broker(1).id, {change}).size() == 1);
  CHECK(story.hand_step(story.broker(1).id, {change}).empty());
  CHECK(story.checker().engine_violations() == 1);
}
