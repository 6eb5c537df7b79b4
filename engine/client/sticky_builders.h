// The two assignment builders of internals.AbstractStickyAssignor, shared by the sticky and
// cooperative-sticky assignors (assignor.h is the public face; sticky_assignor.cpp prepares
// their input):
//   - constrained_assign: ConstrainedAssignmentBuilder, for groups whose members all subscribe
//     to the same topics: keep owned partitions up to the quotas, then deal the rest round-robin;
//   - general_assign: GeneralAssignmentBuilder, for anything else: keep every valid owned
//     partition, give each unassigned one to the least loaded eligible member, then move
//     partitions from heavier to lighter members until no move helps.
// Both follow Kafka 3.9 step by step, rack-aware steps left out, so that they give Kafka's
// exact lists; the comments explain the steps, docs/assignors.md the ideas.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/client/assignor.h"
#include "engine/kafka/types.h"

namespace ksim::client::sticky {

// One member as the builders see it: duplicates removed from its lists (a Java client sends
// sets), nothing else changed.
struct Member {
  std::string id;
  std::vector<std::string> topics;             // as subscribed, topics without metadata too
  std::vector<kafka::TopicPartition> claimed;  // owned_partitions as reported
  int32_t generation = kDefaultGeneration;
};

// The input of a builder, after AbstractStickyAssignor.allSubscriptionsEqual.
struct StickyInput {
  // Topics some member subscribes to that have metadata and at least one partition.
  std::map<std::string, int32_t> partitions_per_topic;
  // Every member, in the iteration order of Kafka's HashMap of subscriptions.
  std::vector<Member> members;
  // consumerToOwnedPartitions: each member's claims on existing partitions that survived
  // conflict resolution (a higher generation wins; equal generations both lose), in claim order.
  std::map<std::string, std::vector<kafka::TopicPartition>> owned;
  // partitionsWithMultiplePreviousOwners: claimed by two members of one generation.
  std::set<kafka::TopicPartition> partitions_with_multiple_previous_owners;
  // The highest generation any member reported.
  int32_t max_generation = kDefaultGeneration;
};

// The partitions of the topics in partitions_per_topic in Java's sorted order of topic names.
std::vector<kafka::TopicPartition> all_partitions_by_topic_name(
    const std::map<std::string, int32_t>& partitions_per_topic);

struct ConstrainedResult {
  GroupAssignment assignment;
  // partitionsTransferringOwnership: partition -> its new owner.
  std::map<kafka::TopicPartition, std::string> partitions_transferring_ownership;
};

// ConstrainedAssignmentBuilder.build. Requires: all members subscribe to the same topics, and
// there is at least one member.
ConstrainedResult constrained_assign(const StickyInput& input);

// GeneralAssignmentBuilder.build. Requires: at least one member.
GroupAssignment general_assign(const StickyInput& input);

}  // namespace ksim::client::sticky
