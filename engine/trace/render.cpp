#include "engine/trace/render.h"

#include <fmt/format.h>

#include <sstream>

#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/proto/timer.h"

namespace ksim::trace {
namespace {

std::string topic_name(const Trace& trace, int32_t topic_id) {
  const auto it = trace.topic_names().find(topic_id);
  return it == trace.topic_names().end() ? fmt::format("topic{}", topic_id) : it->second;
}

// "b" for a node, "demo-0@broker-2" for a replica, "broker 2@controller" for a registration.
std::string entity_name(const Trace& trace, const EntityRef& e, const NameTable& names) {
  const std::string node = names.node(NodeId{e.node});
  switch (e.kind) {
    case EntityKind::kNode:
      return node;
    case EntityKind::kReplica:
      return fmt::format("{}-{}@{}", topic_name(trace, topic_id_of(e.index)), partition_of(e.index),
                         node);
    case EntityKind::kBroker:
      return fmt::format("broker {}@{}", e.index, node);
    case EntityKind::kGroup: {
      const auto it = trace.group_names().find({e.node, e.index});
      return fmt::format("group {}@{}",
                         it == trace.group_names().end() ? std::to_string(e.index) : it->second,
                         node);
    }
  }
  return node;
}

std::string seconds(SimTime t) { return fmt::format("{}.{:06}s", t.us / 1000000, t.us % 1000000); }

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

std::string NameTable::node(NodeId id) const {
  if (id == kScenarioNode) return "scenario";
  const auto i = static_cast<size_t>(id.value);
  return i < nodes.size() ? nodes[i] : fmt::format("node{}", id.value);
}

std::string describe_entry(const TraceEntry& e, const NameTable& names) {
  switch (e.kind) {
    case EventKind::kDeliver:
    case EventKind::kDrop: {
      const proto::MessageSummary s{e.a, e.b, static_cast<kafka::ErrorCode>(e.error)};
      return fmt::format("{} from {}", proto::describe(static_cast<proto::MessageKind>(e.what), s),
                         names.node(e.from));
    }
    case EventKind::kTimer:
      return what_name(e);
    case EventKind::kAction: {
      const auto k = static_cast<proto::ActionKind>(e.what);
      if (k == proto::ActionKind::kNote) {
        const auto i = static_cast<size_t>(e.a);
        return fmt::format("note: {}", i < names.notes.size() ? names.notes[i] : "?");
      }
      if (k == proto::ActionKind::kExpect) {
        const auto i = static_cast<size_t>(e.a);
        return fmt::format("expect: {}", i < names.expects.size() ? names.expects[i] : "?");
      }
      return what_name(e);
    }
  }
  return "?";
}

std::string describe_change(const Trace& trace, const StateChange& c, const NameTable& names) {
  return fmt::format("{} {} {}->{}", entity_name(trace, c.entity, names), field_name(c.field),
                     c.from, c.to);
}

std::string what_name(const TraceEntry& e) {
  switch (e.kind) {
    case EventKind::kDeliver:
    case EventKind::kDrop:
      return std::string(proto::message_kind_name(static_cast<proto::MessageKind>(e.what)));
    case EventKind::kTimer:
      return std::string(proto::timer_kind_name(static_cast<proto::TimerKind>(e.what)));
    case EventKind::kAction:
      return std::string(proto::action_kind_name(static_cast<proto::ActionKind>(e.what)));
  }
  return "?";
}

std::string render_line(const Trace& trace, Step step, const NameTable& names) {
  const TraceEntry& e = trace.entry(step);
  std::string line =
      fmt::format("{:>7}  {:>14}  {:<8} {:<8} {}", step.value, seconds(e.time), names.node(e.node),
                  event_kind_name(e.kind), describe_entry(e, names));
  if (e.kind == EventKind::kDrop) line += fmt::format(" ({})", drop_reason_name(e.drop));
  if (e.kind == EventKind::kAction && e.error != 0) {
    line += fmt::format(" -> {}", kafka::error_name(static_cast<kafka::ErrorCode>(e.error)));
  }
  for (const StateChange& c : trace.changes(step)) {
    line += fmt::format("  [{}]", describe_change(trace, c, names));
  }
  for (const Observation& o : trace.observations(step)) {
    line += fmt::format("  !! {}: {}", o.invariant, o.detail);
  }
  return line;
}

void write_jsonl(std::ostream& out, const Trace& trace, const NameTable& names, Step from,
                 Step to) {
  std::string line;
  line += "{\"format\":";
  append_json_string(line, trace.header().format);
  line += fmt::format(",\"version\":{},\"scenario\":", trace.header().version);
  append_json_string(line, trace.header().scenario);
  line += fmt::format(",\"seed\":{},\"nodes\":[", trace.header().seed);
  for (size_t i = 0; i < names.nodes.size(); ++i) {
    if (i) line.push_back(',');
    append_json_string(line, names.nodes[i]);
  }
  line += "],\"notes\":[";
  for (size_t i = 0; i < names.notes.size(); ++i) {
    if (i) line.push_back(',');
    append_json_string(line, names.notes[i]);
  }
  line += "],\"expects\":[";
  for (size_t i = 0; i < names.expects.size(); ++i) {
    if (i) line.push_back(',');
    append_json_string(line, names.expects[i]);
  }
  line += "],\"topics\":[";
  bool first_topic = true;
  for (const auto& [id, name] : trace.topic_names()) {
    if (!first_topic) line.push_back(',');
    first_topic = false;
    line += fmt::format("{{\"id\":{},\"name\":", id);
    append_json_string(line, name);
    line.push_back('}');
  }
  line += "]}\n";
  out << line;

  const int64_t end = std::min<int64_t>(to.value, static_cast<int64_t>(trace.size()));
  for (int64_t s = std::max<int64_t>(from.value, 0); s < end; ++s) {
    const Step step{s};
    const TraceEntry& e = trace.entry(step);
    line.clear();
    line += fmt::format("{{\"step\":{},\"time_us\":{},\"node\":", s, e.time.us);
    append_json_string(line, names.node(e.node));
    line += fmt::format(",\"kind\":\"{}\",\"what\":\"{}\",\"from\":", event_kind_name(e.kind),
                        what_name(e));
    if (e.kind == EventKind::kDeliver || e.kind == EventKind::kDrop) {
      append_json_string(line, names.node(e.from));
    } else {
      line += "null";
    }
    line += fmt::format(
        ",\"drop\":\"{}\",\"error\":\"{}\",\"cause\":{},\"a\":{},\"b\":{},\"records\":[",
        drop_reason_name(e.drop), kafka::error_name(static_cast<kafka::ErrorCode>(e.error)),
        e.cause.value, e.a, e.b);
    bool first = true;
    for (RecordId r : trace.records(step)) {
      if (!first) line.push_back(',');
      first = false;
      line += fmt::format("{}", r.value);
    }
    line += "],\"changes\":[";
    first = true;
    for (const StateChange& c : trace.changes(step)) {
      if (!first) line.push_back(',');
      first = false;
      line += fmt::format("{{\"entity\":\"{}\",\"node\":", entity_kind_name(c.entity.kind));
      append_json_string(line, names.node(NodeId{c.entity.node}));
      line += fmt::format(",\"index\":{},\"field\":\"{}\",\"from\":{},\"to\":{}}}", c.entity.index,
                          field_name(c.field), c.from, c.to);
    }
    line += "]";
    // Only on the steps that have some, so a run without violations keeps its bytes.
    const auto observations = trace.observations(step);
    if (!observations.empty()) {
      line += ",\"observations\":[";
      first = true;
      for (const Observation& o : observations) {
        if (!first) line.push_back(',');
        first = false;
        line += "{\"invariant\":";
        append_json_string(line, o.invariant);
        line += fmt::format(",\"class\":\"{}\",\"detail\":", observation_class_name(o.kind));
        append_json_string(line, o.detail);
        line.push_back('}');
      }
      line.push_back(']');
    }
    line += "}\n";
    out << line;
  }
}

uint64_t trace_digest(const Trace& trace, const NameTable& names) {
  std::ostringstream out;
  write_jsonl(out, trace, names, Step{0}, Step{static_cast<int64_t>(trace.size())});
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : out.str()) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace ksim::trace
