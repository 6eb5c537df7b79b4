#include "engine/client/assignor.h"

#include <algorithm>
#include <set>

#include "engine/client/java_hash_map_order.h"
#include "engine/kafka/java_string.h"
#include "engine/sim/check.h"

namespace ksim::client {

namespace {

using kafka::TopicPartition;

bool subscribes(const MemberSubscription& m, const std::string& topic) {
  return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
}

// The partition count Kafka would see: 0 unless the topic is in the metadata.
int32_t partition_count(const std::map<std::string, int32_t>& partitions_per_topic,
                        const std::string& topic) {
  const auto it = partitions_per_topic.find(topic);
  return it == partitions_per_topic.end() ? 0 : std::max(it->second, 0);
}

// The members in the iteration order of the HashMap<memberId, Subscription> that the leader
// builds from the JoinGroup response, whose member list gives the insertion order.
std::vector<const MemberSubscription*> members_in_hash_order(
    const std::vector<MemberSubscription>& members) {
  std::map<std::string, const MemberSubscription*> by_id;
  std::vector<std::string> ids;
  for (const MemberSubscription& m : members) {
    KSIM_ASSERT(by_id.emplace(m.member_id, &m).second, "member ids are unique in a group");
    ids.push_back(m.member_id);
  }
  std::vector<const MemberSubscription*> ordered;
  for (const std::string& id : java_hash_map_order(ids)) ordered.push_back(by_id.at(id));
  return ordered;
}

// The members sorted by MemberInfo.compareTo. Java's sort is stable and its input follows the
// HashMap order of member ids, which therefore breaks ties (two members with one
// group.instance.id, which a real coordinator never lets happen).
std::vector<const MemberSubscription*> sorted_members(
    const std::vector<MemberSubscription>& members) {
  std::vector<const MemberSubscription*> sorted = members_in_hash_order(members);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return compare_member_info(*a, *b) < 0; });
  return sorted;
}

// The order RangeAssignor visits topics in, which is the order of topics in each member's list:
// AbstractPartitionAssignor.assign collects the subscribed topics in a HashSet (members in
// HashMap order, each one's topics in its order), then puts those with partitions in a
// HashMap, and Range walks that map.
std::vector<std::string> range_topic_order(
    const std::map<std::string, int32_t>& partitions_per_topic,
    const std::vector<MemberSubscription>& members) {
  JavaHashOrder<std::string> subscribed;
  for (const MemberSubscription* m : members_in_hash_order(members)) {
    for (const std::string& topic : m->topics) {
      subscribed.insert(topic, kafka::java_string_hash_code(topic));
    }
  }
  std::vector<std::string> with_partitions;
  for (const std::string& topic : subscribed.iteration_order()) {
    if (partition_count(partitions_per_topic, topic) > 0) with_partitions.push_back(topic);
  }
  return java_hash_map_order(with_partitions);
}

GroupAssignment empty_assignment(const std::vector<MemberSubscription>& members) {
  GroupAssignment assignment;
  for (const MemberSubscription& m : members) assignment[m.member_id];
  return assignment;
}

// RangeAssignor: for each topic, its n partitions in contiguous ranges over its c subscribers in
// MemberInfo order, the first n % c of them taking one extra.
GroupAssignment range_assign(const std::map<std::string, int32_t>& partitions_per_topic,
                             const std::vector<MemberSubscription>& members) {
  GroupAssignment assignment = empty_assignment(members);
  const std::vector<const MemberSubscription*> sorted = sorted_members(members);
  for (const std::string& topic : range_topic_order(partitions_per_topic, members)) {
    std::vector<const MemberSubscription*> consumers;
    for (const MemberSubscription* m : sorted) {
      if (subscribes(*m, topic)) consumers.push_back(m);
    }
    const int32_t n = partitions_per_topic.at(topic);
    const auto c = static_cast<int32_t>(consumers.size());
    int32_t next = 0;
    for (int32_t i = 0; i < c; ++i) {
      const int32_t share = n / c + (i < n % c ? 1 : 0);
      auto& list = assignment[consumers[static_cast<size_t>(i)]->member_id];
      for (int32_t k = 0; k < share; ++k) list.push_back(TopicPartition{topic, next++});
    }
  }
  return assignment;
}

// RoundRobinAssignor: every partition, by topic name then number, to the next member in
// MemberInfo order (circularly) that subscribes to its topic.
GroupAssignment round_robin_assign(const std::map<std::string, int32_t>& partitions_per_topic,
                                   const std::vector<MemberSubscription>& members) {
  GroupAssignment assignment = empty_assignment(members);
  const std::vector<const MemberSubscription*> sorted = sorted_members(members);
  std::set<std::string, kafka::JavaStringLess> topics;
  for (const MemberSubscription& m : members) topics.insert(m.topics.begin(), m.topics.end());
  size_t next = 0;  // the CircularIterator's position
  for (const std::string& topic : topics) {
    for (int32_t p = 0; p < partition_count(partitions_per_topic, topic); ++p) {
      // Some member subscribes to the topic, so this loop ends within one turn.
      while (!subscribes(*sorted[next], topic)) next = (next + 1) % sorted.size();
      assignment[sorted[next]->member_id].push_back(TopicPartition{topic, p});
      next = (next + 1) % sorted.size();
    }
  }
  return assignment;
}

// CooperativeStickyAssignor.adjustAssignment: a partition changing owner is left out this round.
// Its previous owner sees it missing and revokes it, then rejoins; the follow-up rebalance finds
// it unowned and gives it to its new owner.
GroupAssignment cooperative_sticky_assign(
    const std::map<std::string, int32_t>& partitions_per_topic,
    const std::vector<MemberSubscription>& members) {
  StickyAssignment target = sticky_assign(partitions_per_topic, members);
  for (const auto& [tp, new_owner] : target.partitions_transferring_ownership) {
    auto& list = target.assignment.at(new_owner);
    const auto it = std::find(list.begin(), list.end(), tp);
    if (it != list.end()) list.erase(it);
  }
  return std::move(target.assignment);
}

}  // namespace

std::string_view assignor_name(AssignorKind kind) {
  switch (kind) {
    case AssignorKind::kRange:
      return "range";
    case AssignorKind::kRoundRobin:
      return "roundrobin";
    case AssignorKind::kSticky:
      return "sticky";
    case AssignorKind::kCooperativeSticky:
      return "cooperative-sticky";
  }
  KSIM_ASSERT(false, "an AssignorKind has a name");
  return {};
}

std::optional<AssignorKind> assignor_from_config(std::string_view value) {
  struct Entry {
    std::string_view class_name;
    AssignorKind kind;
  };
  static constexpr Entry kEntries[] = {
      {"org.apache.kafka.clients.consumer.RangeAssignor", AssignorKind::kRange},
      {"org.apache.kafka.clients.consumer.RoundRobinAssignor", AssignorKind::kRoundRobin},
      {"org.apache.kafka.clients.consumer.StickyAssignor", AssignorKind::kSticky},
      {"org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
       AssignorKind::kCooperativeSticky},
  };
  for (const Entry& e : kEntries) {
    if (value == e.class_name || value == assignor_name(e.kind)) return e.kind;
  }
  return std::nullopt;
}

RebalanceProtocol rebalance_protocol(AssignorKind kind) {
  switch (kind) {
    case AssignorKind::kRange:
    case AssignorKind::kRoundRobin:
    case AssignorKind::kSticky:
      return RebalanceProtocol::kEager;
    case AssignorKind::kCooperativeSticky:
      return RebalanceProtocol::kCooperative;
  }
  KSIM_ASSERT(false, "an AssignorKind has a protocol");
  return RebalanceProtocol::kEager;
}

int compare_member_info(const MemberSubscription& a, const MemberSubscription& b) {
  if (a.group_instance_id && b.group_instance_id) {
    return kafka::java_string_compare(*a.group_instance_id, *b.group_instance_id);
  }
  if (a.group_instance_id) return -1;
  if (b.group_instance_id) return 1;
  return kafka::java_string_compare(a.member_id, b.member_id);
}

GroupAssignment assign(AssignorKind kind,
                       const std::map<std::string, int32_t>& partitions_per_topic,
                       const std::vector<MemberSubscription>& members) {
  if (members.empty()) return {};
  switch (kind) {
    case AssignorKind::kRange:
      return range_assign(partitions_per_topic, members);
    case AssignorKind::kRoundRobin:
      return round_robin_assign(partitions_per_topic, members);
    case AssignorKind::kSticky:
      return sticky_assign(partitions_per_topic, members).assignment;
    case AssignorKind::kCooperativeSticky:
      return cooperative_sticky_assign(partitions_per_topic, members);
  }
  KSIM_ASSERT(false, "an AssignorKind has an algorithm");
  return {};
}

}  // namespace ksim::client
