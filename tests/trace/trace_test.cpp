#include "engine/trace/trace.h"

#include <catch2/catch.hpp>

using namespace ksim;
using namespace ksim::trace;

TEST_CASE("entries keep their own changes and records", "[trace]") {
  // Goal: changes and records recorded after begin() belong to that entry only.
  Trace t;
  t.begin(TraceEntry{.time = SimTime::from_ms(1)});
  t.add_change({EntityRef{EntityKind::kNode, 0, 0}, Field::kPingsSent, 0, 1});
  t.add_record(RecordId{7});
  t.begin(TraceEntry{.time = SimTime::from_ms(2)});
  t.add_change({EntityRef{EntityKind::kNode, 1, 0}, Field::kPongsReceived, 4, 5});
  t.add_change({EntityRef{EntityKind::kNode, 1, 0}, Field::kPongsOnDisk, 9, 10});
  REQUIRE(t.size() == 2);
  CHECK(t.changes(Step{0}).size() == 1);
  CHECK(t.records(Step{0}).size() == 1);
  CHECK(t.records(Step{0})[0] == RecordId{7});
  CHECK(t.changes(Step{1}).size() == 2);
  CHECK(t.changes(Step{1})[1].to == 10);
  CHECK(t.records(Step{1}).empty());
}

TEST_CASE("truncating a trace forgets later entries with their changes", "[trace]") {
  // Goal: a fork at step s drops entries s.. and their changes and records, keeping earlier.
  Trace t;
  for (int i = 0; i < 5; ++i) {
    t.begin(TraceEntry{.time = SimTime::from_ms(i)});
    t.add_change({EntityRef{}, Field::kPingsSent, i, i + 1});
    t.add_record(RecordId{static_cast<uint64_t>(i)});
  }
  t.truncate(Step{2});
  CHECK(t.size() == 2);
  t.begin(TraceEntry{.time = SimTime::from_ms(9)});
  CHECK(t.changes(Step{2}).empty());
  CHECK(t.records(Step{2}).empty());
  CHECK(t.changes(Step{1})[0].to == 2);
}

TEST_CASE("a trace entry stays compact", "[trace][memory]") {
  // Goal: the per-step record stays small enough for 128 bytes of trace memory per step.
  CHECK(sizeof(TraceEntry) <= 64);
  CHECK(sizeof(StateChange) <= 32);
}
