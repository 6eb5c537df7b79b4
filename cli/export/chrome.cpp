// The Chrome Trace Event Format (its "JSON Object Format"), for ui.perfetto.dev and
// chrome://tracing. Each node is a process (the scenario's cluster-wide actions one more); each
// step a 1 µs complete event ("X") on its node at its simulated time, with the step, its cause,
// error and state changes as args. A message is a flow arrow from the step that sent it to the
// step that received it (or saw it die), when both are in the window. Replicas' high watermark,
// log end offset and ISR size are counters on their broker; a crashed node's downtime, a network
// partition (until the heal) and a group's rebalance (PreparingRebalance until Stable, Empty or
// Dead, or its coordinator's crash) are async slices. What was open or counted before the window
// begins opens at its start; what is still open when it ends closes there.
// Not drawn: consumer lag (the trace records no committed offsets; `--format csv` has it).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cli/export/exporter.h"
#include "engine/kafka/errors.h"
#include "engine/proto/action.h"

namespace ksim::cli {
namespace {

using trace::EntityKind;
using trace::EventKind;
using trace::Field;
using trace::StateChange;
using trace::TraceEntry;

// Group states (trace/field.h): a rebalance runs from PreparingRebalance to one of these.
constexpr int64_t kGroupEmpty = 0;
constexpr int64_t kGroupPreparingRebalance = 1;
constexpr int64_t kGroupStable = 3;
constexpr int64_t kGroupDead = 4;

std::string quoted(std::string_view s) {
  std::string out;
  trace::append_json_string(out, s);
  return out;
}

bool is_counted(Field f) {
  return f == Field::kHighWatermark || f == Field::kLogEndOffset || f == Field::kIsrSize;
}

// Which async slice: a node's downtime, one partition action's cut, a group's rebalance.
enum class SliceKind : uint8_t { kCrash, kPartition, kRebalance };
struct SliceKey {
  SliceKind kind;
  int32_t node = 0;   // the crashed node, or the group's coordinator
  int64_t index = 0;  // the partition action's step, or the group's key on its coordinator
  friend auto operator<=>(const SliceKey&, const SliceKey&) = default;
};
struct OpenSlice {
  std::string name;
  int64_t id = 0;
  int32_t pid = 0;
};

struct CounterKey {
  int32_t node = 0;
  int32_t index = 0;  // the replica: trace::partition_index(topic id, partition)
  Field field = Field::kHighWatermark;
  friend auto operator<=>(const CounterKey&, const CounterKey&) = default;
};

class ChromeTrace {
 public:
  explicit ChromeTrace(const ExportInput& in) : in_(in), trace_(in.timeline.trace()) {}

  std::string write() {
    out_ = "{\"traceEvents\":[\n";
    metadata();
    for (int64_t s = 0; s < in_.from.value; ++s) track_state(Step{s}, /*emit=*/false);
    if (in_.from < in_.to) {
      open_at_window_start(trace_.entry(in_.from).time.us);
      collect_sends();
      for (int64_t s = in_.from.value; s < in_.to.value; ++s) {
        step_slice(Step{s});
        flows(Step{s});
        track_state(Step{s}, /*emit=*/true);
      }
      close_all(trace_.entry(Step{in_.to.value - 1}).time.us + 1);
    }
    out_ += fmt::format(
        "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{{\"generator\":\"kafkasim export --format "
        "chrome\",\"scenario\":{},\"seed\":{},\"from_step\":{},\"to_step\":{},\"time_unit\":"
        "\"simulated microseconds\"}}}}\n",
        quoted(in_.scenario.name), trace_.header().seed, in_.from.value, in_.to.value);
    return std::move(out_);
  }

 private:
  int32_t pid_of(NodeId n) const {
    return n == kScenarioNode ? static_cast<int32_t>(in_.names.nodes.size()) + 1 : n.value + 1;
  }

  void event(std::string_view json) {
    if (events_++ > 0) out_ += ",\n";
    out_ += json;
  }

  // Names the processes: the scenario first, then the nodes in their scenario order.
  void metadata() {
    const auto process = [&](NodeId n, int32_t sort_index) {
      const int32_t pid = pid_of(n);
      const std::string name = quoted(in_.names.node(n));
      event(fmt::format(
          R"({{"name":"process_name","ph":"M","pid":{},"tid":{},"ts":0,"args":{{"name":{}}}}})",
          pid, pid, name));
      event(fmt::format(
          R"({{"name":"process_sort_index","ph":"M","pid":{},"tid":{},"ts":0,"args":{{"sort_index":{}}}}})",
          pid, pid, sort_index));
      event(fmt::format(
          R"({{"name":"thread_name","ph":"M","pid":{},"tid":{},"ts":0,"args":{{"name":{}}}}})", pid,
          pid, name));
    };
    process(kScenarioNode, 0);
    for (size_t i = 0; i < in_.names.nodes.size(); ++i) {
      process(NodeId{static_cast<int32_t>(i)}, static_cast<int32_t>(i) + 1);
    }
  }

  // Every message received or dropped in the window whose sending step is in it too, ordered by
  // the sending step: the flow arrows.
  void collect_sends() {
    for (int64_t s = in_.from.value; s < in_.to.value; ++s) {
      const TraceEntry& e = trace_.entry(Step{s});
      if (e.kind != EventKind::kDeliver && e.kind != EventKind::kDrop) continue;
      if (e.cause >= in_.from) sends_.emplace_back(e.cause.value, s);
    }
    std::sort(sends_.begin(), sends_.end());
  }

  void step_slice(Step s) {
    const TraceEntry& e = trace_.entry(s);
    const int32_t pid = pid_of(e.node);
    std::string name = what_name(e);
    if (e.kind == EventKind::kDrop) name += " lost";
    std::string args =
        fmt::format("\"step\":{},\"cause\":{},\"description\":", s.value, e.cause.value);
    trace::append_json_string(args, trace::describe_entry(e, in_.names));
    if (e.kind == EventKind::kDeliver || e.kind == EventKind::kDrop) {
      args += ",\"from\":";
      trace::append_json_string(args, in_.names.node(e.from));
    }
    if (e.kind == EventKind::kDrop)
      args += fmt::format(",\"drop\":\"{}\"", drop_reason_name(e.drop));
    args +=
        fmt::format(",\"error\":\"{}\"", kafka::error_name(static_cast<kafka::ErrorCode>(e.error)));
    const auto changes = trace_.changes(s);
    if (!changes.empty()) {
      std::string text;
      for (const StateChange& c : changes) {
        if (!text.empty()) text += "; ";
        text += trace::describe_change(trace_, c, in_.names);
      }
      args += ",\"changes\":";
      trace::append_json_string(args, text);
    }
    event(fmt::format(
        R"({{"name":{},"cat":"{}","ph":"X","pid":{},"tid":{},"ts":{},"dur":1,"args":{{{}}}}})",
        quoted(name), trace::event_kind_name(e.kind), pid, pid, e.time.us, args));
  }

  // The arrow that ends at this step, then those that start at it. Each is bound to this step's
  // slice: a flow start to the slice enclosing it, a finish too (bp "e"). A flow is named by its
  // message kind and identified by the receiving step's number.
  void flows(Step s) {
    const TraceEntry& e = trace_.entry(s);
    const int32_t pid = pid_of(e.node);
    if ((e.kind == EventKind::kDeliver || e.kind == EventKind::kDrop) && e.cause >= in_.from) {
      event(fmt::format(
          R"({{"name":"{}","cat":"{}","ph":"f","bp":"e","id":{},"pid":{},"tid":{},"ts":{}}})",
          what_name(e), e.kind == EventKind::kDrop ? "lost" : "message", s.value, pid, pid,
          e.time.us));
    }
    for (; next_send_ < sends_.size() && sends_[next_send_].first == s.value; ++next_send_) {
      const TraceEntry& m = trace_.entry(Step{sends_[next_send_].second});
      event(fmt::format(R"({{"name":"{}","cat":"{}","ph":"s","id":{},"pid":{},"tid":{},"ts":{}}})",
                        what_name(m), m.kind == EventKind::kDrop ? "lost" : "message",
                        sends_[next_send_].second, pid, pid, e.time.us));
    }
  }

  // Counters and async slices: what the step's changes and actions begin, end or move.
  void track_state(Step s, bool emit) {
    const TraceEntry& e = trace_.entry(s);
    const int64_t ts = e.time.us;
    if (e.kind == EventKind::kAction) {
      const auto kind = static_cast<proto::ActionKind>(e.what);
      if (kind == proto::ActionKind::kPartitionNetwork) {
        begin({SliceKind::kPartition, 0, s.value}, "network partition", pid_of(kScenarioNode), ts,
              emit);
      } else if (kind == proto::ActionKind::kHealNetwork) {
        end_where([](const SliceKey& k) { return k.kind == SliceKind::kPartition; }, ts, emit);
      }
    }
    for (const StateChange& c : trace_.changes(s)) {
      const int32_t node = c.entity.node;
      if (c.entity.kind == EntityKind::kNode && c.field == Field::kNodeUp) {
        if (c.to == 0) {
          begin({SliceKind::kCrash, node, 0}, "crashed", pid_of(NodeId{node}), ts, emit);
          // The coordinator's groups die with its memory; their rebalance ends there.
          end_where(
              [&](const SliceKey& k) { return k.kind == SliceKind::kRebalance && k.node == node; },
              ts, emit);
        } else {
          end_where(
              [&](const SliceKey& k) {
                return k == SliceKey{SliceKind::kCrash, node, 0};
              },
              ts, emit);
        }
      } else if (c.entity.kind == EntityKind::kGroup && c.field == Field::kGroupState) {
        const SliceKey key{SliceKind::kRebalance, node, c.entity.index};
        if (c.to == kGroupPreparingRebalance) {
          begin(key, fmt::format("rebalance {}", group_name(node, c.entity.index)),
                pid_of(NodeId{node}), ts, emit);
        } else if (c.to == kGroupStable || c.to == kGroupEmpty || c.to == kGroupDead) {
          end_where([&](const SliceKey& k) { return k == key; }, ts, emit);
        }
      } else if (c.entity.kind == EntityKind::kReplica && is_counted(c.field) &&
                 !is_internal(c.entity.index)) {
        const CounterKey key{node, c.entity.index, c.field};
        counters_[key] = c.to;
        if (emit) counter(key, c.to, ts);
      }
    }
  }

  void counter(const CounterKey& key, int64_t value, int64_t ts) {
    const int32_t pid = pid_of(NodeId{key.node});
    const std::string name =
        fmt::format("{}-{} {}", topic_name(trace::topic_id_of(key.index)),
                    trace::partition_of(key.index), trace::field_name(key.field));
    event(fmt::format(
        R"({{"name":{},"cat":"replica","ph":"C","pid":{},"tid":{},"ts":{},"args":{{"value":{}}}}})",
        quoted(name), pid, pid, ts, value));
  }

  // What the steps before the window left open or counted begins at its first step.
  void open_at_window_start(int64_t ts) {
    for (const auto& [key, slice] : open_) async_event('b', slice, ts);
    for (const auto& [key, value] : counters_) counter(key, value, ts);
  }

  void begin(const SliceKey& key, std::string name, int32_t pid, int64_t ts, bool emit) {
    if (open_.contains(key)) return;  // a rebalance that restarts is still the same one
    const OpenSlice slice{std::move(name), next_async_id_++, pid};
    if (emit) async_event('b', slice, ts);
    open_.emplace(key, slice);
  }

  template <typename Pred>
  void end_where(Pred pred, int64_t ts, bool emit) {
    for (auto it = open_.begin(); it != open_.end();) {
      if (!pred(it->first)) {
        ++it;
        continue;
      }
      if (emit) async_event('e', it->second, ts);
      it = open_.erase(it);
    }
  }

  void close_all(int64_t ts) {
    end_where([](const SliceKey&) { return true; }, ts, /*emit=*/true);
  }

  void async_event(char phase, const OpenSlice& slice, int64_t ts) {
    event(fmt::format(R"({{"name":{},"cat":"fault","ph":"{}","id":{},"pid":{},"tid":{},"ts":{}}})",
                      quoted(slice.name), phase, slice.id, slice.pid, slice.pid, ts));
  }

  std::string topic_name(int32_t topic_id) const {
    const auto it = trace_.topic_names().find(topic_id);
    return it == trace_.topic_names().end() ? fmt::format("topic{}", topic_id) : it->second;
  }
  // Internal topics (__consumer_offsets) are left out, as in the csv export.
  bool is_internal(int32_t replica_index) const {
    return topic_name(trace::topic_id_of(replica_index)).starts_with("__");
  }
  std::string group_name(int32_t node, int32_t key) const {
    const auto it = trace_.group_names().find({node, key});
    return it == trace_.group_names().end() ? std::to_string(key) : it->second;
  }

  const ExportInput& in_;
  const trace::Trace& trace_;
  std::string out_;
  size_t events_ = 0;
  std::map<SliceKey, OpenSlice> open_;
  std::map<CounterKey, int64_t> counters_;          // the latest value of every counter
  std::vector<std::pair<int64_t, int64_t>> sends_;  // (sending step, receiving step)
  size_t next_send_ = 0;
  int64_t next_async_id_ = 1;
};

}  // namespace

std::string export_chrome(ExportInput& in) { return ChromeTrace(in).write(); }

}  // namespace ksim::cli
