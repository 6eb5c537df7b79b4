// AbstractStickyAssignor.assignPartitions: read each member's previous ownership, resolve
// conflicting claims by generation, and pick the constrained builder (all members subscribe to
// the same topics) or the general one. Also the cooperative assignor's from-scratch list of
// partitions changing owner, which the general builder does not record.
#include <algorithm>
#include <set>

#include "engine/client/assignor.h"
#include "engine/client/java_hash_map_order.h"
#include "engine/client/sticky_builders.h"
#include "engine/kafka/java_string.h"
#include "engine/sim/check.h"

namespace ksim::client {

namespace {

using kafka::TopicPartition;

template <typename T>
std::vector<T> without_duplicates(const std::vector<T>& values) {
  std::vector<T> unique;
  std::set<T> seen;
  for (const T& v : values) {
    if (seen.insert(v).second) unique.push_back(v);
  }
  return unique;
}

// The members in the iteration order of the HashMap<memberId, Subscription> Kafka builds from
// the JoinGroup response, whose member list gives the insertion order.
std::vector<sticky::Member> members_in_hash_order(const std::vector<MemberSubscription>& members) {
  std::map<std::string, const MemberSubscription*> by_id;
  std::vector<std::string> ids;
  for (const MemberSubscription& m : members) {
    KSIM_ASSERT(by_id.emplace(m.member_id, &m).second, "member ids are unique in a group");
    ids.push_back(m.member_id);
  }
  std::vector<sticky::Member> ordered;
  for (const std::string& id : java_hash_map_order(ids)) {
    const MemberSubscription& m = *by_id.at(id);
    ordered.push_back(sticky::Member{.id = m.member_id,
                                     .topics = without_duplicates(m.topics),
                                     .claimed = without_duplicates(m.owned_partitions),
                                     .generation = m.generation});
  }
  return ordered;
}

// The topics some member subscribes to that exist with at least one partition: the
// partitionsPerTopic that AbstractPartitionAssignor.assign(Cluster, ...) hands the assignor.
std::map<std::string, int32_t> subscribed_partitions_per_topic(
    const std::map<std::string, int32_t>& partitions_per_topic,
    const std::vector<sticky::Member>& members) {
  std::map<std::string, int32_t> subscribed;
  for (const sticky::Member& m : members) {
    for (const std::string& topic : m.topics) {
      const auto it = partitions_per_topic.find(topic);
      if (it != partitions_per_topic.end() && it->second > 0) subscribed.insert(*it);
    }
  }
  return subscribed;
}

bool partition_exists(const std::map<std::string, int32_t>& partitions_per_topic,
                      const TopicPartition& tp) {
  const auto it = partitions_per_topic.find(tp.topic);
  return it != partitions_per_topic.end() && tp.partition >= 0 && tp.partition < it->second;
}

// allSubscriptionsEqual: fills input.owned and the disputed partitions, in HashMap order of
// members, and tells whether every member subscribes to the same topics.
bool resolve_claims(sticky::StickyInput& input) {
  std::map<TopicPartition, std::string> claimed_by;  // allPreviousPartitionsToOwner
  std::map<std::string, int32_t> generation_of;
  for (const sticky::Member& m : input.members) generation_of[m.id] = m.generation;

  for (const sticky::Member& m : input.members) {
    input.max_generation = std::max(input.max_generation, m.generation);
    auto& owned = input.owned[m.id];
    for (const TopicPartition& tp : m.claimed) {
      // Simplification: a claim on a partition number the topic does not have is ignored like
      // one on a topic without metadata (docs/assignors.md#differences).
      if (!partition_exists(input.partitions_per_topic, tp)) continue;
      const auto other = claimed_by.find(tp);
      if (other == claimed_by.end()) {
        owned.push_back(tp);
        claimed_by[tp] = m.id;
        continue;
      }
      const std::string other_member = other->second;
      const int32_t other_generation = generation_of.at(other_member);
      if (m.generation == other_generation) {
        // Two owners in one generation: neither claim can be trusted.
        input.partitions_with_multiple_previous_owners.insert(tp);
        std::erase(input.owned[other_member], tp);
        claimed_by[tp] = m.id;
      } else if (m.generation > other_generation) {
        owned.push_back(tp);
        std::erase(input.owned[other_member], tp);
        claimed_by[tp] = m.id;
      }  // else the other member's newer claim stands
    }
  }

  // Kafka compares each subscription with the first non-empty one, so members with no topics
  // that come first in HashMap order pass as equal (see sticky_assign).
  std::set<std::string> first;
  for (const sticky::Member& m : input.members) {
    const std::set<std::string> topics(m.topics.begin(), m.topics.end());
    if (first.empty()) {
      first = topics;
    } else if (topics != first) {
      return false;
    }
  }
  return true;
}

// Whether every member holds partitions of its own topics only.
bool only_subscribed(const std::vector<sticky::Member>& members,
                     const GroupAssignment& assignment) {
  return std::all_of(members.begin(), members.end(), [&](const sticky::Member& m) {
    const auto& partitions = assignment.at(m.id);
    return std::all_of(partitions.begin(), partitions.end(), [&](const TopicPartition& tp) {
      return std::find(m.topics.begin(), m.topics.end(), tp.topic) != m.topics.end();
    });
  });
}

// CooperativeStickyAssignor.computePartitionsTransferringOwnership: the partitions some member
// gains that some member reported owning and loses.
std::map<TopicPartition, std::string> gained_and_revoked(const std::vector<sticky::Member>& members,
                                                         const GroupAssignment& assignment) {
  std::map<TopicPartition, std::string> added;
  std::set<TopicPartition> revoked;
  for (const sticky::Member& m : members) {
    const auto& assigned = assignment.at(m.id);
    const std::set<TopicPartition> owned(m.claimed.begin(), m.claimed.end());
    const std::set<TopicPartition> now(assigned.begin(), assigned.end());
    for (const TopicPartition& tp : assigned) {
      if (!owned.contains(tp)) added[tp] = m.id;
    }
    for (const TopicPartition& tp : m.claimed) {
      if (!now.contains(tp)) revoked.insert(tp);
    }
  }
  std::erase_if(added, [&](const auto& entry) { return !revoked.contains(entry.first); });
  return added;
}

}  // namespace

namespace sticky {

std::vector<TopicPartition> all_partitions_by_topic_name(
    const std::map<std::string, int32_t>& partitions_per_topic) {
  std::vector<std::string> topics;
  for (const auto& [topic, count] : partitions_per_topic) topics.push_back(topic);
  std::sort(topics.begin(), topics.end(), kafka::JavaStringLess{});
  std::vector<TopicPartition> all;
  for (const std::string& topic : topics) {
    for (int32_t p = 0; p < partitions_per_topic.at(topic); ++p) {
      all.push_back(TopicPartition{.topic = topic, .partition = p});
    }
  }
  return all;
}

}  // namespace sticky

StickyAssignment sticky_assign(const std::map<std::string, int32_t>& partitions_per_topic,
                               const std::vector<MemberSubscription>& members) {
  StickyAssignment result;
  if (members.empty()) return result;
  sticky::StickyInput input;
  input.members = members_in_hash_order(members);
  input.partitions_per_topic = subscribed_partitions_per_topic(partitions_per_topic, input.members);
  result.all_subscriptions_equal = resolve_claims(input);
  if (result.all_subscriptions_equal) {
    sticky::ConstrainedResult constrained = sticky::constrained_assign(input);
    // Simplification: where Kafka wrongly counted a member with no topics as equal, its
    // constrained builder hands that member partitions; such a group takes the general
    // algorithm here (docs/assignors.md#differences).
    if (only_subscribed(input.members, constrained.assignment)) {
      result.assignment = std::move(constrained.assignment);
      result.partitions_transferring_ownership =
          std::move(constrained.partitions_transferring_ownership);
      return result;
    }
    result.all_subscriptions_equal = false;
  }
  result.assignment = sticky::general_assign(input);
  result.partitions_transferring_ownership = gained_and_revoked(input.members, result.assignment);
  return result;
}

}  // namespace ksim::client
