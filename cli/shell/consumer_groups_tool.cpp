// kafka-consumer-groups, as Kafka 3.9's ConsumerGroupCommand checks its arguments and prints:
// --list (with --state), --describe (the offsets view, --members [--verbose], --state) and
// --reset-offsets, which runs through the bootstrap broker to the group's coordinator.
#include <fmt/format.h>

#include "cli/group_view.h"
#include "cli/reset_offsets_output.h"
#include "cli/shell/tool_args.h"
#include "cli/shell/tools.h"
#include "engine/world/inspect.h"

namespace ksim::cli::shell {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"bootstrap-server", true},
      {"group", true},
      {"topic", true},
      {"all-topics", false},
      {"list", false},
      {"describe", false},
      {"delete", false},
      {"delete-offsets", false},
      {"reset-offsets", false},
      {"offsets", false},
      {"members", false},
      {"verbose", false},
      {"state", false},
      {"to-offset", true},
      {"to-datetime", true},
      {"by-duration", true},
      {"to-earliest", false},
      {"to-latest", false},
      {"to-current", false},
      {"shift-by", true},
      {"from-file", true},
      {"dry-run", false},
      {"execute", false},
      {"export", false},
      {"all-groups", false},
      {"timeout", true},
      {"command-config", true},
      {"type", true},
      {"help", false},
      {"version", false},
  };
  return kSpecs;
}

void list_groups(const Session& s, const ToolArgs& a, std::ostream& out) {
  const std::vector<std::string> ids = group_ids(s.world());
  if (!a.has("state")) {
    for (const std::string& id : ids) out << id << "\n";
    return;
  }
  // --list --state: GROUP padded to the longest id (at least 15) plus 10, then STATE.
  size_t width = 15;
  for (const std::string& id : ids) width = std::max(width, id.size());
  width += 10;
  out << fmt::format("{:<{}} {:<20}\n", "GROUP", width, "STATE");
  for (const std::string& id : ids) {
    out << fmt::format("{:<{}} {:<20}\n", id, width, group_view(s.world(), id).state);
  }
}

void describe(const Session& s, const ToolArgs& a, std::ostream& out, std::ostream& err) {
  if (!a.has("group") && !a.has("all-groups")) {
    throw ToolError{"Option [describe] takes one of these options: [all-groups], [group]"};
  }
  if (static_cast<int>(a.has("members")) + static_cast<int>(a.has("offsets")) +
          static_cast<int>(a.has("state")) >
      1) {
    throw ToolError{
        "Option [describe] takes at most one of these options: [members], [offsets], [state]"};
  }
  const std::vector<std::string> ids =
      a.has("all-groups") ? group_ids(s.world()) : std::vector<std::string>{*a.value("group")};
  for (const std::string& id : ids) {
    const GroupView v = group_view(s.world(), id);
    const ToolOutput t = a.has("members") ? describe_group_members(v, a.has("verbose"))
                         : a.has("state") ? describe_group_state(v)
                                          : describe_group_offsets(v);
    out << t.out;
    err << t.err;
  }
}

// How many reset outcomes each node has reported (0 for nodes that are not brokers).
std::vector<size_t> reset_counts(const world::World& w) {
  std::vector<size_t> counts;
  for (const world::Node& node : w.nodes) {
    const auto* b = std::get_if<cluster::Broker>(&node.logic);
    counts.push_back(b == nullptr ? 0 : b->memory.coordinator.reset_outcomes.size());
  }
  return counts;
}

// The first outcome reported since `before` (the one this command caused), or null.
const cluster::ResetOffsetsOutcome* new_outcome(const world::World& w,
                                                const std::vector<size_t>& before) {
  for (size_t i = 0; i < w.nodes.size() && i < before.size(); ++i) {
    const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    if (b != nullptr && b->memory.coordinator.reset_outcomes.size() > before[i]) {
      return &b->memory.coordinator.reset_outcomes[before[i]];
    }
  }
  return nullptr;
}

// Every planned offset is the group's committed offset at a running coordinator.
bool committed(const world::World& w, const cluster::ResetOffsetsOutcome& o) {
  const GroupView v = group_view(w, o.group);
  for (const proto::OffsetCommitPartition& p : o.plan) {
    const auto it = v.committed.find(p.tp);
    if (it == v.committed.end() || it->second != p.committed_offset) return false;
  }
  return true;
}

void reset_offsets(Session& s, const ToolArgs& a, const std::string& broker,
                   const std::string& command, std::ostream& out, std::ostream& err) {
  if (!a.has("topic")) {
    if (a.has("all-topics"))
      throw ToolError{"kafkasim: --all-topics is not simulated; name a --topic"};
    throw ToolError{"One of the reset scopes should be defined: --all-topics, --topic."};
  }
  const std::string topic = *a.value("topic");
  if (topic.find(':') != std::string::npos) {
    throw ToolError{"kafkasim: --topic TOPIC:PARTITIONS is not simulated; name the whole topic"};
  }
  Json action{{"action", "reset_offsets"},
              {"broker", broker},
              {"group", *a.value("group")},
              {"topic", topic}};
  if (a.has("to-earliest")) {
    action["to"] = "earliest";
  } else if (a.has("to-latest")) {
    action["to"] = "latest";
  } else if (a.has("to-offset")) {
    action["to_offset"] = *integer_option(a, "to-offset");
  } else if (a.has("shift-by")) {
    action["shift_by"] = *integer_option(a, "shift-by");
  } else {
    refuse_unsimulated(a, {"to-datetime", "by-duration", "to-current", "from-file"});
    throw ToolError{
        "Option [reset-offsets] takes one of these options: [to-earliest], [to-latest], "
        "[to-offset], [shift-by], [to-current], [to-datetime], [by-duration], [from-file]"};
  }
  action["execute"] = a.has("execute");
  const std::vector<size_t> before = reset_counts(s.world());
  if (!s.fork(command, {action}, err)) return;
  // The tool prints once the coordinator has planned; with --execute, once it has committed.
  const bool execute = a.has("execute");
  s.advance_until(
      [&](const world::World& w) {
        const cluster::ResetOffsetsOutcome* o = new_outcome(w, before);
        return o != nullptr && (!execute || !o->error.empty() || committed(w, *o));
      },
      SimTime::from_s(30));
  const cluster::ResetOffsetsOutcome* outcome = new_outcome(s.world(), before);
  if (outcome == nullptr) {
    out << "\nError: Executing consumer group command failed due to "
           "org.apache.kafka.common.errors.TimeoutException: Call(callName=listOffsets) timed "
           "out\n";
    return;
  }
  const ToolOutput t = reset_offsets_output(*outcome);
  out << t.out;
  err << t.err;
}

}  // namespace

void kafka_consumer_groups(Session& s, const Words& args, const std::string& command,
                           std::ostream& out, std::ostream& err) {
  const auto parsed = parse_tool_args(args, specs());
  if (const auto* e = std::get_if<ArgsError>(&parsed)) {
    err << e->message << "\n";
    if (e->option == "zookeeper") err << kZookeeperHint << "\n";
    return;
  }
  const ToolArgs& a = std::get<ToolArgs>(parsed);
  try {
    if (a.has("help")) {
      throw ToolError{
          "This tool helps to list all consumer groups, describe a consumer group, "
          "delete consumer group info, or reset consumer group offsets. (kafkasim: "
          "type help for the options the shell accepts)"};
    }
    if (!a.has("bootstrap-server"))
      throw ToolError{"Missing required argument \"[bootstrap-server]\""};
    int actions = 0;
    for (const char* action : {"list", "describe", "delete", "reset-offsets", "delete-offsets"}) {
      actions += a.has(action) ? 1 : 0;
    }
    if (actions != 1) {
      throw ToolError{
          "Command must include exactly one action: --list, --describe, --delete, "
          "--reset-offsets, --delete-offsets"};
    }
    refuse_unsimulated(a, {"delete", "delete-offsets", "export", "command-config", "type"});
    if (a.has("reset-offsets")) {
      if (a.has("dry-run") && a.has("execute")) {
        throw ToolError{"Option [reset-offsets] only accepts one of [execute] and [dry-run]"};
      }
      if (!a.has("dry-run") && !a.has("execute")) err << kResetWithoutExecuteWarning << "\n";
      if (!a.has("group") && !a.has("all-groups")) {
        throw ToolError{"Option [reset-offsets] takes one of these options: [all-groups], [group]"};
      }
      if (!a.has("group"))
        throw ToolError{"kafkasim: --all-groups is not simulated with --reset-offsets"};
    }
    const std::optional<std::string> broker =
        reachable_bootstrap(s, *a.value("bootstrap-server"), err);
    if (!broker) {
      out << "\nError: Executing consumer group command failed due to "
             "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node "
             "assignment.\n";
      return;
    }
    if (a.has("list")) {
      list_groups(s, a, out);
    } else if (a.has("describe")) {
      describe(s, a, out, err);
    } else {
      reset_offsets(s, a, *broker, command, out, err);
    }
  } catch (const ToolError& r) {
    err << r.message << "\n";
  }
}

}  // namespace ksim::cli::shell
