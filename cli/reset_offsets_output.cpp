#include "cli/reset_offsets_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ksim::cli {

ToolOutput reset_offsets_output(const cluster::ResetOffsetsOutcome& outcome) {
  ToolOutput o;
  if (!outcome.error.empty()) {
    o.out = fmt::format("\nError: {}\n", outcome.error);  // printError writes to stdout
    // A refused group is still in the tool's result map, with nothing planned: the table's
    // header prints alone.
    if (!outcome.refused) return o;
  }
  std::map<kafka::TopicPartition, int64_t> offsets;
  std::vector<kafka::TopicPartition> parts;
  size_t topic_width = 15;
  for (const proto::OffsetCommitPartition& p : outcome.plan) {
    offsets[p.tp] = p.committed_offset;
    parts.push_back(p.tp);
    topic_width = std::max(topic_width, p.tp.topic.size());
  }
  const size_t group_width = std::max<size_t>(15, outcome.group.size());
  // Every line starts with its newline ("%n" leads the format); one more ends the output.
  const auto line = [&](const std::string& g, const std::string& t, const std::string& p,
                        const std::string& offset) {
    o.out += fmt::format("\n{:<{}} {:<{}} {:<10} {}", g, group_width, t, topic_width, p, offset);
  };
  line("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
  for (const kafka::TopicPartition& tp : tool_order(parts)) {
    line(outcome.group, tp.topic, std::to_string(tp.partition), std::to_string(offsets.at(tp)));
  }
  o.out += "\n";
  return o;
}

}  // namespace ksim::cli
