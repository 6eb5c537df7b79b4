// The trace: one entry per delivered event (a step), stored compactly as structs in flat
// arrays and rendered to text only on demand. Each entry names the step that caused it (the
// step whose handler sent the message or set the timer), the records it carries and the state
// changes it made, because "why did this change?" and the record journey are built on them.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/sim/ids.h"
#include "engine/sim/network.h"
#include "engine/sim/time.h"
#include "engine/trace/field.h"

namespace ksim::trace {

enum class EventKind : uint8_t {
  kDeliver = 0,  // a message reached its receiver, whose handler ran
  kDrop,         // a message died (cut link, loss, receiver down); `drop` says why
  kTimer,        // a timer fired
  kAction,       // a scenario action or injected fault
};

std::string_view event_kind_name(EventKind k);

struct StateChange {
  EntityRef entity;
  Field field = Field::kNodeUp;
  int64_t from = 0;
  int64_t to = 0;
};

struct TraceEntry {
  SimTime time;
  Step cause = kNoStep;
  NodeId node;  // where the event happened (kScenarioNode for actions)
  NodeId from;  // the sender, for messages
  EventKind kind = EventKind::kDeliver;
  DropReason drop = DropReason::kNone;
  uint16_t what = 0;  // MessageKind, TimerKind or ActionKind, by `kind`
  int16_t error = 0;  // the Kafka error code a response carries (0: NONE)
  int64_t a = 0;      // summary arguments (e.g. a ping's sequence number)
  int64_t b = 0;
  uint32_t changes_begin = 0;
  uint32_t records_begin = 0;
  uint16_t changes_count = 0;
  uint16_t records_count = 0;
};

// A violated invariant, found by the checks of engine/check after a step (docs/invariants.md).
// An engine invariant must never break (a kafkasim bug); a Kafka guarantee may be broken on
// purpose by a lesson's settings (acks=1, unclean elections, ...): then it is an observation.
enum class ObservationClass : uint8_t {
  kEngineInvariant,
  kKafkaGuarantee,
};

std::string_view observation_class_name(ObservationClass c);

struct Observation {
  Step step;              // the step at which it was first seen
  std::string invariant;  // its stable snake_case name
  ObservationClass kind = ObservationClass::kKafkaGuarantee;
  std::string detail;  // what broke, naming the topic-partition, offsets, broker, group
  friend bool operator==(const Observation&, const Observation&) = default;
};

struct TraceHeader {
  std::string format = "kafkasim-trace";
  int32_t version = 1;
  std::string scenario;
  uint64_t seed = 0;
};

class Trace {
 public:
  explicit Trace(TraceHeader header = {}) : header_(std::move(header)) {}

  const TraceHeader& header() const { return header_; }
  size_t size() const { return entries_.size(); }
  const TraceEntry& entry(Step s) const { return entries_[static_cast<size_t>(s.value)]; }
  std::span<const StateChange> changes(Step s) const;
  std::span<const RecordId> records(Step s) const;

  // Recording: begin an entry, then add its changes and records.
  Step begin(const TraceEntry& e);
  void add_change(const StateChange& c);
  void add_record(RecordId r);
  // Sets the error code of the entry being recorded.
  void set_error(int16_t code);

  // Records a violated invariant at step `o.step`. Requires: o.step is recorded and not before
  // the step of the last observation (observations stay in step order).
  void observe(Observation o);
  // Every observation, in step order.
  std::span<const Observation> observations() const { return observations_; }
  // The observations of step `s`.
  std::span<const Observation> observations(Step s) const;

  // Forgets every entry from `s` on (the timeline forks there), and their observations.
  void truncate(Step s);

  // Bytes held by the trace's arrays (for the memory-per-step figure).
  size_t memory_bytes() const;

  // Topic names by topic id, as the controller created them (for rendering replicas).
  void name_topic(int32_t topic_id, const std::string& name) { topic_names_[topic_id] = name; }
  const std::map<int32_t, std::string>& topic_names() const { return topic_names_; }
  // Group names by (coordinator node, the group's key there), for rendering group changes.
  void name_group(int32_t node, int32_t key, const std::string& name) {
    group_names_[{node, key}] = name;
  }
  const std::map<std::pair<int32_t, int32_t>, std::string>& group_names() const {
    return group_names_;
  }

 private:
  TraceHeader header_;
  std::vector<TraceEntry> entries_;
  std::vector<StateChange> changes_;
  std::vector<RecordId> records_;
  std::vector<Observation> observations_;
  std::map<int32_t, std::string> topic_names_;
  std::map<std::pair<int32_t, int32_t>, std::string> group_names_;
};

}  // namespace ksim::trace
