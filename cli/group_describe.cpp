#include "cli/group_describe.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/client/java_hash_map_order.h"

namespace ksim::cli {
namespace {

constexpr const char* kMissing = "-";  // MISSING_COLUMN_VALUE

// shouldPrintMemberState: the messages about the group's state, and whether rows follow.
bool should_print(const GroupView& g, size_t rows, ToolOutput& o) {
  if (g.state == "Dead") {
    o.out += fmt::format("\nError: Consumer group '{}' does not exist.\n", g.group);
  } else if (g.state == "Empty") {
    o.err += fmt::format("\nConsumer group '{}' has no active members.\n", g.group);
  } else if (g.state == "PreparingRebalance" || g.state == "CompletingRebalance") {
    o.err += fmt::format("\nWarning: Consumer group '{}' is rebalancing.\n", g.group);
  }
  return g.state != "Dead" && rows > 0;
}

struct OffsetRow {
  kafka::TopicPartition tp;
  std::string consumer_id = kMissing;
  std::string host = kMissing;
  std::string client_id = kMissing;
};

}  // namespace

// The partitions sorted by number, then put through a HashMap (getLogEndOffsets' and
// prepareOffsetsToReset's Collectors.toMap), whose iteration order the rows follow.
std::vector<kafka::TopicPartition> tool_order(std::vector<kafka::TopicPartition> parts) {
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.partition < b.partition; });
  client::JavaHashOrder<kafka::TopicPartition> map;
  for (const kafka::TopicPartition& tp : parts) {
    map.insert(tp, client::java_topic_partition_hash_code(tp));
  }
  return map.iteration_order();
}

ToolOutput describe_group_offsets(const GroupView& g) {
  std::vector<OffsetRow> rows;
  // Members with partitions, most partitions first (a stable sort); idle members have no rows.
  std::vector<const GroupMemberView*> members;
  for (const GroupMemberView& m : g.members) {
    if (!m.assignment.empty()) members.push_back(&m);
  }
  std::stable_sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
    return a->assignment.size() > b->assignment.size();
  });
  std::vector<kafka::TopicPartition> assigned;
  for (const GroupMemberView* m : members) {
    for (const kafka::TopicPartition& tp : tool_order(m->assignment)) {
      rows.push_back(OffsetRow{tp, m->consumer_id, m->host, m->client_id});
      assigned.push_back(tp);
    }
  }
  // Then the committed partitions no member owns.
  std::vector<kafka::TopicPartition> unowned;
  for (const auto& [tp, offset] : g.committed) {
    if (std::find(assigned.begin(), assigned.end(), tp) == assigned.end()) unowned.push_back(tp);
  }
  for (const kafka::TopicPartition& tp : tool_order(unowned)) rows.push_back(OffsetRow{tp});

  ToolOutput o;
  if (!should_print(g, rows.size(), o)) return o;
  size_t gw = 15, tw = 15, cw = 15, hw = 15;
  for (const OffsetRow& r : rows) {
    gw = std::max(gw, g.group.size());
    tw = std::max(tw, r.tp.topic.size());
    cw = std::max(cw, r.consumer_id.size());
    hw = std::max(hw, r.host.size());
  }
  auto line = [&](const std::string& group, const std::string& topic, const std::string& part,
                  const std::string& current, const std::string& end, const std::string& lag,
                  const std::string& consumer, const std::string& host, const std::string& client) {
    o.out += fmt::format("\n{:<{}} {:<{}} {:<10} {:<15} {:<15} {:<15} {:<{}} {:<{}} {}", group, gw,
                         topic, tw, part, current, end, lag, consumer, cw, host, hw, client);
  };
  line("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID",
       "HOST", "CLIENT-ID");
  for (const OffsetRow& r : rows) {
    const auto c = g.committed.find(r.tp);
    const auto e = g.log_end.find(r.tp);
    const std::string current = c == g.committed.end() ? kMissing : std::to_string(c->second);
    const std::string end = e == g.log_end.end() ? kMissing : std::to_string(e->second);
    const std::string lag = c == g.committed.end() || e == g.log_end.end()
                                ? std::string(kMissing)
                                : std::to_string(e->second - c->second);
    line(g.group, r.tp.topic, std::to_string(r.tp.partition), current, end, lag, r.consumer_id,
         r.host, r.client_id);
  }
  o.out += "\n";
  return o;
}

ToolOutput describe_group_members(const GroupView& g, bool verbose) {
  ToolOutput o;
  if (!should_print(g, g.members.size(), o)) return o;
  size_t gw = 15, cw = 15, iw = 17, hw = 15, clw = 15;
  bool with_instance = false;
  for (const GroupMemberView& m : g.members) {
    gw = std::max(gw, g.group.size());
    cw = std::max(cw, m.consumer_id.size());
    iw = std::max(iw, m.group_instance_id.size());
    hw = std::max(hw, m.host.size());
    clw = std::max(clw, m.client_id.size());
    with_instance = with_instance || !m.group_instance_id.empty();
  }
  auto row = [&](const std::string& group, const std::string& consumer, const std::string& instance,
                 const std::string& host, const std::string& client, const std::string& count) {
    std::string text = fmt::format("{:<{}} {:<{}} ", group, gw, consumer, cw);
    if (with_instance) text += fmt::format("{:<{}} ", instance, iw);
    text += fmt::format("{:<{}} {:<{}} {:<15} ", host, hw, client, clw, count);
    return text;
  };
  o.out += '\n';
  o.out += row("GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS");
  if (verbose) o.out += "ASSIGNMENT";
  o.out += "\n";
  for (const GroupMemberView& m : g.members) {
    o.out += row(g.group, m.consumer_id, m.group_instance_id, m.host, m.client_id,
                 std::to_string(m.assignment.size()));
    if (verbose) {
      // Kafka 3.9 prints each topic's partitions as "(0,1)" without the topic's name, the
      // numbers and the groups sorted as strings.
      std::map<std::string, std::vector<std::string>> by_topic;
      for (const kafka::TopicPartition& tp : m.assignment) {
        by_topic[tp.topic].push_back(std::to_string(tp.partition));
      }
      std::vector<std::string> groups;
      for (auto& [topic, parts] : by_topic) {
        std::sort(parts.begin(), parts.end());
        groups.push_back(fmt::format("({})", fmt::join(parts, ",")));
      }
      std::sort(groups.begin(), groups.end());
      o.out += groups.empty() ? std::string(kMissing) : fmt::format("{}", fmt::join(groups, ", "));
    }
    o.out += "\n";
  }
  return o;
}

ToolOutput describe_group_state(const GroupView& g) {
  ToolOutput o;
  if (!should_print(g, 1, o)) return o;
  const size_t cw = std::max<size_t>(25, g.coordinator.size());
  auto line = [&](const std::string& group, const std::string& coordinator,
                  const std::string& strategy, const std::string& state,
                  const std::string& members) {
    o.out += fmt::format("\n{:<{}} {:<25} {:<20} {:<15} {}", group, cw, coordinator, strategy,
                         state, members);
  };
  line("GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS");
  line(g.group, g.coordinator, g.assignment_strategy, g.state, std::to_string(g.members.size()));
  o.out += "\n";
  return o;
}

}  // namespace ksim::cli
