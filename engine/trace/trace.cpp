#include "engine/trace/trace.h"

#include <algorithm>

#include "engine/sim/check.h"

namespace ksim::trace {

std::string_view event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::kDeliver:
      return "deliver";
    case EventKind::kDrop:
      return "drop";
    case EventKind::kTimer:
      return "timer";
    case EventKind::kAction:
      return "action";
  }
  return "?";
}

std::string_view observation_class_name(ObservationClass c) {
  switch (c) {
    case ObservationClass::kEngineInvariant:
      return "engine_invariant";
    case ObservationClass::kKafkaGuarantee:
      return "kafka_guarantee";
  }
  return "?";
}

std::span<const StateChange> Trace::changes(Step s) const {
  const TraceEntry& e = entry(s);
  return {changes_.data() + e.changes_begin, e.changes_count};
}

std::span<const RecordId> Trace::records(Step s) const {
  const TraceEntry& e = entry(s);
  return {records_.data() + e.records_begin, e.records_count};
}

Step Trace::begin(const TraceEntry& e) {
  TraceEntry& added = entries_.emplace_back(e);
  added.changes_begin = static_cast<uint32_t>(changes_.size());
  added.records_begin = static_cast<uint32_t>(records_.size());
  added.changes_count = 0;
  added.records_count = 0;
  return Step{static_cast<int64_t>(entries_.size() - 1)};
}

void Trace::add_change(const StateChange& c) {
  KSIM_ASSERT(!entries_.empty(), "a state change outside any step");
  KSIM_ASSERT(entries_.back().changes_count < UINT16_MAX, "too many changes in one step");
  changes_.push_back(c);
  ++entries_.back().changes_count;
}

void Trace::add_record(RecordId r) {
  KSIM_ASSERT(!entries_.empty(), "a record outside any step");
  KSIM_ASSERT(entries_.back().records_count < UINT16_MAX, "too many records in one step");
  records_.push_back(r);
  ++entries_.back().records_count;
}

void Trace::set_error(int16_t code) {
  KSIM_ASSERT(!entries_.empty(), "an error outside any step");
  entries_.back().error = code;
}

void Trace::observe(Observation o) {
  KSIM_ASSERT(o.step.value >= 0 && static_cast<size_t>(o.step.value) < entries_.size(),
              "an observation outside the recorded steps");
  KSIM_ASSERT(observations_.empty() || observations_.back().step <= o.step,
              "observations out of step order");
  observations_.push_back(std::move(o));
}

std::span<const Observation> Trace::observations(Step s) const {
  const auto first = std::lower_bound(observations_.begin(), observations_.end(), s,
                                      [](const Observation& o, Step x) { return o.step < x; });
  auto last = first;
  while (last != observations_.end() && last->step == s) ++last;
  return {observations_.data() + (first - observations_.begin()),
          static_cast<size_t>(last - first)};
}

void Trace::truncate(Step s) {
  while (!observations_.empty() && observations_.back().step >= s) observations_.pop_back();
  if (static_cast<size_t>(s.value) >= entries_.size()) return;
  const TraceEntry& first_gone = entries_[static_cast<size_t>(s.value)];
  changes_.resize(first_gone.changes_begin);
  records_.resize(first_gone.records_begin);
  entries_.resize(static_cast<size_t>(s.value));
}

size_t Trace::memory_bytes() const {
  return entries_.capacity() * sizeof(TraceEntry) + changes_.capacity() * sizeof(StateChange) +
         records_.capacity() * sizeof(RecordId);
}

}  // namespace ksim::trace
