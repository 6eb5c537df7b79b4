#include "engine/scenario/lesson_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "engine/world/inspect.h"

namespace ksim::scenario {
namespace {

using What = Expectation::What;

// A value the state holds, or why there is none (an offline partition, a missing offset).
struct Found {
  std::optional<int64_t> number;
  std::string text;  // the value as shown, or why it is unknown
};

Found number(int64_t n) { return Found{n, std::to_string(n)}; }
Found unknown(std::string why) { return Found{std::nullopt, std::move(why)}; }

std::string partition_name(const kafka::TopicPartition& tp) {
  return fmt::format("{}-{}", tp.topic, tp.partition);
}

std::string partition_list(const std::vector<kafka::TopicPartition>& tps) {
  std::vector<std::string> names;
  for (const auto& tp : tps) names.push_back(partition_name(tp));
  return fmt::format("[{}]", fmt::join(names, ", "));
}

bool topic_matches(const Expectation& e, const kafka::TopicPartition& tp) {
  return e.topic.empty() || tp.topic == e.topic;
}

// The consumers an expectation is about: one by name, or every member of the group's config.
std::vector<const client::Consumer*> consumers_of(const Expectation& e, const world::World& w) {
  std::vector<const client::Consumer*> out;
  for (const world::Node& n : w.nodes) {
    const auto* c = std::get_if<client::Consumer>(&n.logic);
    if (c == nullptr) continue;
    if (e.consumer.empty() ? c->config.group_id == e.group : c->name == e.consumer) {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<int64_t> high_watermark(const world::World& w, const kafka::TopicPartition& tp) {
  const log::PartitionLog* log = world::replica_log(w, tp);
  if (log == nullptr) return std::nullopt;
  return log->high_watermark();
}

Found group_lag(const Expectation& e, const world::World& w) {
  const world::GroupAt g = world::find_group(w, e.group);
  if (g.group == nullptr) return unknown("no coordinator holds the group");
  std::set<kafka::TopicPartition> partitions;
  if (e.partition) {
    partitions.insert(kafka::TopicPartition{e.topic, *e.partition});
  } else if (!e.topic.empty()) {
    const cluster::TopicImage* t = g.coordinator->memory.image.topic(e.topic);
    for (size_t p = 0; t != nullptr && p < t->partitions.size(); ++p) {
      partitions.insert(kafka::TopicPartition{e.topic, static_cast<int32_t>(p)});
    }
  } else {
    for (const auto& [tp, o] : g.group->offsets) partitions.insert(tp);
    for (const cluster::GroupMember& m : g.group->members) {
      partitions.insert(m.assignment.begin(), m.assignment.end());
    }
  }
  int64_t lag = 0;
  for (const kafka::TopicPartition& tp : partitions) {
    const auto committed = g.group->offsets.find(tp);
    if (committed == g.group->offsets.end()) {
      return unknown(fmt::format("no committed offset for {}", partition_name(tp)));
    }
    const auto hw = high_watermark(w, tp);
    if (!hw) return unknown(fmt::format("{} is offline", partition_name(tp)));
    lag += *hw - committed->second.offset;
  }
  return number(lag);
}

Found replica_value(const Expectation& e, const world::World& w) {
  const kafka::TopicPartition tp{e.topic, e.partition.value_or(0)};
  const log::PartitionLog* log = world::replica_log(w, tp, e.broker);
  if (log == nullptr) {
    return unknown(e.broker ? fmt::format("broker {} is down or has no replica", *e.broker)
                            : fmt::format("{} has no leader", partition_name(tp)));
  }
  switch (e.what) {
    case What::kHighWatermark:
      return number(log->high_watermark());
    case What::kLogEndOffset:
      return number(log->log_end_offset());
    case What::kLogStartOffset:
      return number(log->log_start_offset());
    case What::kSegmentCount:
      return number(static_cast<int64_t>(log->segment_count()));
    default: {
      int64_t records = 0;
      for (size_t i = 0; i < log->segment_count(); ++i) records += log->segment(i).record_count();
      return number(records);
    }
  }
}

std::vector<int32_t> isr_of(const world::World& w, const kafka::TopicPartition& tp) {
  if (const cluster::Broker* leader = world::partition_leader(w, tp)) {
    std::vector<int32_t> isr = world::hosted(*leader, tp)->isr;
    std::sort(isr.begin(), isr.end());
    return isr;
  }
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const cluster::Broker* b = world::running_broker(w, i);
    if (b == nullptr) continue;
    const proto::PartitionRecord* p = b->memory.image.partition(tp);
    if (p == nullptr) continue;
    std::vector<int32_t> isr = p->isr;
    std::sort(isr.begin(), isr.end());
    return isr;
  }
  return {};
}

int64_t leader_count(const world::World& w, int32_t broker_id) {
  const cluster::Broker* b = world::broker_with_id(w, broker_id);
  if (b == nullptr) return 0;
  int64_t count = 0;
  for (const auto& [tp, p] : b->memory.partitions) {
    if (tp.topic.rfind("__", 0) == 0) continue;  // internal topics are not the lesson's
    if (world::partition_leader(w, tp) == b) ++count;
  }
  return count;
}

Found consumed(const Expectation& e, const world::World& w, bool duplicates_only) {
  std::set<uint64_t> seen;
  int64_t count = 0;
  for (const client::Consumer* c : consumers_of(e, w)) {
    for (const client::ConsumedRecord& r : c->consumed) {
      if (!topic_matches(e, r.tp)) continue;
      const bool again = !seen.insert(r.id.value).second;
      if (!duplicates_only || again) ++count;
    }
  }
  return number(count);
}

Found acked_lost(const Expectation& e, const world::World& w) {
  int64_t lost = 0;
  for (const world::Node& n : w.nodes) {
    const auto* p = std::get_if<client::Producer>(&n.logic);
    if (p == nullptr) continue;
    for (const client::SendOutcome& o : p->outcomes) {
      if (o.status != client::SendOutcome::Status::kAcked || o.offset < 0) continue;
      if (topic_matches(e, o.tp) && check::record_lost(w, o.tp, o.offset, o.record.value)) ++lost;
    }
  }
  return number(lost);
}

Found committed_lost(const Expectation& e, const world::World& w, const CommittedLedger& ledger) {
  int64_t lost = 0;
  for (const auto& [tp, ids] : ledger.records()) {
    if (!topic_matches(e, tp)) continue;
    for (size_t offset = 0; offset < ids.size(); ++offset) {
      if (ids[offset] != 0 && check::record_lost(w, tp, static_cast<int64_t>(offset), ids[offset]))
        ++lost;
    }
  }
  return number(lost);
}

Found find(const Expectation& e, const world::World& w, const CommittedLedger& ledger) {
  const kafka::TopicPartition tp{e.topic, e.partition.value_or(0)};
  switch (e.what) {
    case What::kAssignment: {
      const client::Consumer* c = world::consumer_named(w, e.consumer);
      std::vector<kafka::TopicPartition> owned;
      for (const auto& [p, pos] : c->memory.assigned) owned.push_back(p);
      return Found{std::nullopt, partition_list(owned)};
    }
    case What::kGroupState: {
      const world::GroupAt g = world::find_group(w, e.group);
      return Found{std::nullopt, g.group == nullptr
                                     ? std::string("Dead")
                                     : std::string(cluster::group_phase_name(g.group->phase))};
    }
    case What::kGeneration:
    case What::kGroupCoordinator:
    case What::kMembers: {
      const world::GroupAt g = world::find_group(w, e.group);
      if (g.group == nullptr) return unknown("no coordinator holds the group");
      if (e.what == What::kGeneration) return number(g.group->generation);
      if (e.what == What::kMembers) return number(static_cast<int64_t>(g.group->members.size()));
      return number(g.coordinator->broker_id);
    }
    case What::kLag:
      return group_lag(e, w);
    case What::kCommittedOffset: {
      const world::GroupAt g = world::find_group(w, e.group);
      if (g.group == nullptr) return unknown("no coordinator holds the group");
      const auto it = g.group->offsets.find(tp);
      return it == g.group->offsets.end() ? number(-1) : number(it->second.offset);
    }
    case What::kLeader: {
      const cluster::Broker* b = world::partition_leader(w, tp);
      return number(b == nullptr ? -1 : b->broker_id);
    }
    case What::kIsr:
      return Found{std::nullopt, fmt::format("[{}]", fmt::join(isr_of(w, tp), ", "))};
    case What::kHighWatermark:
    case What::kLogEndOffset:
    case What::kLogStartOffset:
    case What::kSegmentCount:
    case What::kRecordCount:
      return replica_value(e, w);
    case What::kLeaderCount:
      return number(leader_count(w, *e.broker));
    case What::kRecordsConsumed:
      return consumed(e, w, false);
    case What::kDuplicates:
      return consumed(e, w, true);
    case What::kConsumerErrors:
      return number(static_cast<int64_t>(world::consumer_named(w, e.consumer)->errors.size()));
    case What::kRecordsAcked:
      return number(world::producer_named(w, e.producer)->counts.acked);
    case What::kRecordsFailed:
      return number(world::producer_named(w, e.producer)->counts.failed);
    case What::kAckedRecordsLost:
      return acked_lost(e, w);
    case What::kCommittedRecordsLost:
      return committed_lost(e, w, ledger);
  }
  return unknown("?");
}

std::string expected_text(const Expectation& e) {
  switch (e.what) {
    case What::kAssignment:
      return partition_list(e.partitions);
    case What::kGroupState:
      return e.name;
    case What::kIsr:
      return fmt::format("[{}]", fmt::join(e.brokers, ", "));
    default:
      return std::to_string(e.number);
  }
}

std::string compare_text(Expectation::Compare c) {
  switch (c) {
    case Expectation::Compare::kEquals:
      return "=";
    case Expectation::Compare::kAtLeast:
      return ">=";
    case Expectation::Compare::kAtMost:
      return "<=";
  }
  return "?";
}

std::string subject(const Expectation& e) {
  // The topic or partition it is about, and for a replica's values which replica.
  const std::string tp = e.partition ? partition_name({e.topic, *e.partition}) : e.topic;
  const std::string where = tp.empty() ? std::string() : fmt::format(" on {}", tp);
  const std::string replica = e.broker ? fmt::format("{} at broker {}", tp, *e.broker)
                                       : fmt::format("{} at the leader", tp);
  const std::string who = e.consumer.empty() ? fmt::format("group {}", e.group)
                                             : fmt::format("consumer {}", e.consumer);
  switch (e.what) {
    case What::kAssignment:
      return fmt::format("assignment of consumer {}", e.consumer);
    case What::kGroupState:
      return fmt::format("state of group {}", e.group);
    case What::kGeneration:
      return fmt::format("generation of group {}", e.group);
    case What::kGroupCoordinator:
      return fmt::format("coordinator of group {}", e.group);
    case What::kMembers:
      return fmt::format("members of group {}", e.group);
    case What::kLag:
      return fmt::format("lag of group {}{}", e.group, where);
    case What::kCommittedOffset:
      return fmt::format("committed offset of group {}{}", e.group, where);
    case What::kLeader:
      return fmt::format("leader of {}", tp);
    case What::kIsr:
      return fmt::format("ISR of {}", tp);
    case What::kHighWatermark:
      return fmt::format("high watermark of {}", replica);
    case What::kLogEndOffset:
      return fmt::format("log end offset of {}", replica);
    case What::kLogStartOffset:
      return fmt::format("log start offset of {}", replica);
    case What::kSegmentCount:
      return fmt::format("segments of {}", replica);
    case What::kRecordCount:
      return fmt::format("records in {}", replica);
    case What::kLeaderCount:
      return fmt::format("partitions led by broker {}", *e.broker);
    case What::kRecordsConsumed:
      return fmt::format("records consumed by {}{}", who, where);
    case What::kDuplicates:
      return fmt::format("duplicates seen by {}{}", who, where);
    case What::kConsumerErrors:
      return fmt::format("errors of consumer {}", e.consumer);
    case What::kRecordsAcked:
      return fmt::format("records acknowledged to producer {}", e.producer);
    case What::kRecordsFailed:
      return fmt::format("records failed at producer {}", e.producer);
    case What::kAckedRecordsLost:
      return fmt::format("acknowledged records lost{}", where);
    case What::kCommittedRecordsLost:
      return fmt::format("committed records lost{}", where);
  }
  return "?";
}

}  // namespace

void LessonCheck::observe(const world::World& w, trace::Trace& t, Step s) {
  invariants_.observe(w, t, s);
  const trace::TraceEntry& e = t.entry(s);
  if (e.kind != trace::EventKind::kAction ||
      e.what != static_cast<uint16_t>(proto::ActionKind::kExpect)) {
    return;
  }
  ExpectResult r = evaluate(s_.expects[static_cast<size_t>(e.a)], w, invariants_.ledger());
  r.index = static_cast<int32_t>(e.a);
  r.step = s.value;
  r.at = e.time;
  results_.push_back(std::move(r));
}

void LessonCheck::record(world::Timeline& t, world::RunLimits limits) {
  t.record(limits, observer());
  finish(t);
}

void LessonCheck::finish(world::Timeline& t) {
  t.conclude([this](const world::World& w, trace::Trace& tr) { invariants_.finish(w, tr); });
}

bool LessonCheck::all_passed() const {
  return pending().empty() && std::all_of(results_.begin(), results_.end(),
                                          [](const ExpectResult& r) { return r.passed; });
}

std::vector<int32_t> LessonCheck::pending() const {
  std::set<int32_t> done;
  for (const ExpectResult& r : results_) done.insert(r.index);
  std::vector<int32_t> out;
  for (size_t i = 0; i < s_.expects.size(); ++i) {
    if (done.count(static_cast<int32_t>(i)) == 0) out.push_back(static_cast<int32_t>(i));
  }
  return out;
}

std::string describe_expectation(const Expectation& e) {
  return fmt::format("{} {} {}", subject(e), compare_text(e.compare), expected_text(e));
}

ExpectResult evaluate(const Expectation& e, const world::World& w, const CommittedLedger& ledger) {
  const Found f = find(e, w, ledger);
  ExpectResult r;
  r.found = f.text;
  if (e.what == What::kAssignment || e.what == What::kGroupState || e.what == What::kIsr) {
    r.passed = f.text == expected_text(e);
    return r;
  }
  if (!f.number) return r;
  switch (e.compare) {
    case Expectation::Compare::kEquals:
      r.passed = *f.number == e.number;
      break;
    case Expectation::Compare::kAtLeast:
      r.passed = *f.number >= e.number;
      break;
    case Expectation::Compare::kAtMost:
      r.passed = *f.number <= e.number;
      break;
  }
  return r;
}

}  // namespace ksim::scenario
