// kafka-consumer-groups.sh --describe, as Kafka 3.9's ConsumerGroupCommand prints it: the
// offsets view (the default), --members [--verbose] and --state, with Kafka's column widths,
// row order, "-" for missing values and its messages for empty, rebalancing and unknown groups.
// Pure over a GroupView, so tests compare it with text written from Kafka's format.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/kafka/types.h"

namespace ksim::cli {

struct GroupMemberView {
  std::string consumer_id;
  std::string group_instance_id;  // "" for a dynamic member
  std::string host;               // as Java prints an InetAddress: "/<address>"
  std::string client_id;
  std::vector<kafka::TopicPartition> assignment;
};

// What the tool learns from DescribeGroups, OffsetFetch and ListOffsets(latest).
struct GroupView {
  std::string group;
  std::string state;  // Kafka's name: Stable, Empty, PreparingRebalance, ..., Dead
  std::string assignment_strategy;
  std::string coordinator;               // "host:port  (id)"
  std::vector<GroupMemberView> members;  // in the coordinator's order
  std::map<kafka::TopicPartition, int64_t> committed;
  std::map<kafka::TopicPartition, int64_t> log_end;  // ListOffsets(latest): the high watermark
};

// What the tool writes to each stream.
struct ToolOutput {
  std::string out;
  std::string err;
};

ToolOutput describe_group_offsets(const GroupView& g);
ToolOutput describe_group_members(const GroupView& g, bool verbose);
ToolOutput describe_group_state(const GroupView& g);

// The order in which the tool prints a group's partitions: Java HashMap iteration order of
// partitions inserted by number (collectConsumerAssignment, printOffsetsToReset).
std::vector<kafka::TopicPartition> tool_order(std::vector<kafka::TopicPartition> parts);

}  // namespace ksim::cli
