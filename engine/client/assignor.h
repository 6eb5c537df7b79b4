// The consumer group assignors of the Java client (Kafka 3.9, classic group protocol), as pure
// functions: the group leader's ConsumerPartitionAssignor.assign, from every member's
// subscription and the partition counts in the leader's metadata to each member's partitions.
//   - range (RangeAssignor): per topic, contiguous ranges over the sorted subscribers;
//   - roundrobin (RoundRobinAssignor): all partitions dealt round the sorted members;
//   - sticky (StickyAssignor) and cooperative-sticky (CooperativeStickyAssignor): the balanced,
//     sticky algorithms of internals.AbstractStickyAssignor, the cooperative one holding back
//     every partition that changes owner until the follow-up rebalance.
// docs/assignors.md tells the story, with worked examples. Where a Kafka result depends on
// java.util.HashMap iteration order, that order is emulated (java_hash_map_order.h).
// Left out: the rack-aware variants of range and the sticky assignors (KIP-881), which need
// consumer and replica racks the simulator does not model, and the user data byte formats
// (owned partitions and generation are passed as values). Where kafkasim differs from Kafka 3.9
// on inputs Kafka would turn into an invalid assignment, docs/assignors.md#differences says so.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kafka/types.h"

namespace ksim::client {

enum class AssignorKind : uint8_t { kRange, kRoundRobin, kSticky, kCooperativeSticky };

// ConsumerPartitionAssignor.RebalanceProtocol: EAGER members revoke everything before they
// rejoin; COOPERATIVE members keep consuming what they will keep.
enum class RebalanceProtocol : uint8_t { kEager, kCooperative };

// AbstractStickyAssignor.DEFAULT_GENERATION: a member that has never been assigned anything.
inline constexpr int32_t kDefaultGeneration = -1;

// One member's ConsumerPartitionAssignor.Subscription, as the leader receives it in the
// JoinGroup response.
struct MemberSubscription {
  std::string member_id;
  std::optional<std::string> group_instance_id;  // static membership (KIP-345)
  std::vector<std::string> topics;               // subscribed topics
  // Sticky assignors only: the previous assignment (StickyAssignor's user data,
  // CooperativeStickyAssignor's ownedPartitions) and the generation it belongs to.
  std::vector<kafka::TopicPartition> owned_partitions;
  int32_t generation = kDefaultGeneration;
  friend bool operator==(const MemberSubscription&, const MemberSubscription&) = default;
};

// Member id -> assigned partitions, each list in the order Kafka's assignor returns it.
using GroupAssignment = std::map<std::string, std::vector<kafka::TopicPartition>>;

// The protocol name a member advertises in JoinGroup: "range", "roundrobin", "sticky",
// "cooperative-sticky".
std::string_view assignor_name(AssignorKind kind);

// A partition.assignment.strategy entry: the protocol name or the Java class name
// (org.apache.kafka.clients.consumer.RangeAssignor, ...). nullopt for anything else.
std::optional<AssignorKind> assignor_from_config(std::string_view value);

// ConsumerPartitionAssignor.supportedProtocols, highest: cooperative-sticky supports
// COOPERATIVE (and EAGER); the others EAGER only.
RebalanceProtocol rebalance_protocol(AssignorKind kind);

// AbstractPartitionAssignor.MemberInfo.compareTo, the order range and roundrobin deal in:
// static members first, by group.instance.id, then dynamic members by member id, both with
// Java's String.compareTo. Negative, zero or positive.
int compare_member_info(const MemberSubscription& a, const MemberSubscription& b);

// The leader's assignment. partitions_per_topic is the partition count of each topic in the
// leader's metadata; subscribed topics missing from it (or with no partitions) are skipped, as
// Kafka skips topics without metadata. Every member appears in the result, with an empty list
// if it gets nothing. members is the JoinGroup response's member list: its order is the
// insertion order of the HashMap that Kafka's tie-breaks depend on.
// Requires: member ids are unique.
GroupAssignment assign(AssignorKind kind,
                       const std::map<std::string, int32_t>& partitions_per_topic,
                       const std::vector<MemberSubscription>& members);

// What AbstractStickyAssignor computes: the target assignment, before the cooperative assignor
// holds anything back, and the partitions that change owner in it (partition -> new owner).
struct StickyAssignment {
  GroupAssignment assignment;
  std::map<kafka::TopicPartition, std::string> partitions_transferring_ownership;
  // Whether all members subscribed to the same topics, so that the constrained algorithm ran
  // (otherwise the general one did).
  bool all_subscriptions_equal = false;
};

// The sticky target. For the constrained algorithm partitions_transferring_ownership is the
// map Kafka's ConstrainedAssignmentBuilder records (partitions released by a member that keeps
// running, and partitions claimed by several members of one generation); for the general one it
// is what CooperativeStickyAssignor computes from scratch: the partitions that a member gains
// and a member claimed but loses.
StickyAssignment sticky_assign(const std::map<std::string, int32_t>& partitions_per_topic,
                               const std::vector<MemberSubscription>& members);

}  // namespace ksim::client
