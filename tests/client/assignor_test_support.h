// Helpers for the assignor tests: short constructors in the words of Kafka's own tests (tp,
// topics, a member with its owned partitions and generation) and the validity and balance
// checks of AbstractStickyAssignorTest and CooperativeStickyAssignorTest.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/client/assignor.h"

namespace ksim::client::test {

using kafka::TopicPartition;
using Partitions = std::vector<TopicPartition>;
using Topics = std::map<std::string, int32_t>;

// prefix followed by n ("consumer" 3 -> "consumer3"). Built by appending: GCC 12 at -O3 warns
// falsely (-Wrestrict) on "literal" + std::to_string(n).
inline std::string numbered(std::string_view prefix, uint64_t n) {
  std::string name(prefix);
  name.append(std::to_string(n));
  return name;
}

inline TopicPartition tp(std::string topic, int32_t partition) {
  return TopicPartition{.topic = std::move(topic), .partition = partition};
}

// A dynamic member: its id, topics, and for the sticky assignors what it owned and when.
inline MemberSubscription member(std::string id, std::vector<std::string> topics,
                                 Partitions owned = {}, int32_t generation = kDefaultGeneration) {
  return MemberSubscription{.member_id = std::move(id),
                            .group_instance_id = std::nullopt,
                            .topics = std::move(topics),
                            .owned_partitions = std::move(owned),
                            .generation = generation};
}

// A static member (KIP-345): it also has a group.instance.id.
inline MemberSubscription static_member(std::string id, std::string instance,
                                        std::vector<std::string> topics) {
  MemberSubscription m = member(std::move(id), std::move(topics));
  m.group_instance_id = std::move(instance);
  return m;
}

inline std::set<TopicPartition> as_set(const Partitions& partitions) {
  return {partitions.begin(), partitions.end()};
}

// "t1-0, t1-3" as AbstractPartitionAssignorTest writes expected assignments.
inline Partitions parse_partitions(std::string_view text) {
  Partitions partitions;
  while (!text.empty()) {
    const size_t comma = text.find(", ");
    const std::string_view item = text.substr(0, comma);
    const size_t dash = item.rfind('-');
    partitions.push_back(tp(std::string(item.substr(0, dash)),
                            static_cast<int32_t>(std::stoi(std::string(item.substr(dash + 1))))));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 2);
  }
  return partitions;
}

// toSortedString: the partitions as "t1-0, t1-3", sorted as strings.
inline std::string sorted_string(const Partitions& partitions) {
  std::vector<std::string> names;
  for (const TopicPartition& p : partitions) names.push_back(kafka::to_string(p));
  std::sort(names.begin(), names.end());
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

inline bool subscribes(const MemberSubscription& m, const std::string& topic) {
  return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
}

// Every partition goes to one member at most, and only to a member subscribed to its topic.
inline void check_partition_owners_subscribed(const std::vector<MemberSubscription>& members,
                                              const GroupAssignment& assignment) {
  std::set<TopicPartition> seen;
  for (const MemberSubscription& m : members) {
    for (const TopicPartition& p : assignment.at(m.member_id)) {
      INFO(m.member_id << " got " << kafka::to_string(p));
      CHECK(subscribes(m, p.topic));
      CHECK(seen.insert(p).second);
    }
  }
}

inline bool is_fully_balanced(const GroupAssignment& assignment) {
  size_t min = SIZE_MAX;
  size_t max = 0;
  for (const auto& [id, partitions] : assignment) {
    min = std::min(min, partitions.size());
    max = std::max(max, partitions.size());
  }
  return assignment.empty() || max - min <= 1;
}

// AbstractStickyAssignorTest.verifyValidityAndBalance: every member has a list, only of topics
// it subscribes to; no partition goes twice; and two members whose loads differ by 2 or more
// share no topic (else a partition could have moved to the lighter one).
inline void check_valid_and_balanced(const std::vector<MemberSubscription>& members,
                                     const GroupAssignment& assignment) {
  REQUIRE(assignment.size() == members.size());
  std::map<TopicPartition, std::string> owner;
  for (const MemberSubscription& m : members) {
    REQUIRE(assignment.contains(m.member_id));
    for (const TopicPartition& p : assignment.at(m.member_id)) {
      INFO(m.member_id << " got " << kafka::to_string(p));
      CHECK(subscribes(m, p.topic));
      CHECK(owner.emplace(p, m.member_id).second);
    }
  }
  for (auto a = assignment.begin(); a != assignment.end(); ++a) {
    for (auto b = std::next(a); b != assignment.end(); ++b) {
      const size_t la = a->second.size();
      const size_t lb = b->second.size();
      if ((la > lb ? la - lb : lb - la) <= 1) continue;
      std::set<std::string> topics_a;
      for (const TopicPartition& p : a->second) topics_a.insert(p.topic);
      for (const TopicPartition& p : b->second) {
        INFO(a->first << " and " << b->first << " could balance " << p.topic);
        CHECK_FALSE(topics_a.contains(p.topic));
      }
    }
  }
}

// CooperativeStickyAssignorTest.verifyValidityAndBalance: no partition is both revoked and
// assigned in one round; while some member revokes something, the follow-up rebalance runs
// (every member now owning what it was given, in generation 1); the settled assignment must
// be valid and balanced. Returns it. For the eager assignors only the final check applies.
inline GroupAssignment settle(AssignorKind kind, const Topics& topics,
                              std::vector<MemberSubscription> members, GroupAssignment assignment) {
  if (kind == AssignorKind::kCooperativeSticky) {
    for (int rebalances = 0;; ++rebalances) {
      std::set<TopicPartition> added;
      std::set<TopicPartition> revoked;
      for (const MemberSubscription& m : members) {
        const auto owned = as_set(m.owned_partitions);
        const auto now = as_set(assignment.at(m.member_id));
        for (const TopicPartition& p : now) {
          if (!owned.contains(p)) added.insert(p);
        }
        for (const TopicPartition& p : owned) {
          if (!now.contains(p)) revoked.insert(p);
        }
      }
      for (const TopicPartition& p : added) {
        INFO(kafka::to_string(p) << " is assigned in the round it is revoked");
        CHECK_FALSE(revoked.contains(p));
      }
      if (revoked.empty()) break;
      REQUIRE(rebalances < 4);
      for (MemberSubscription& m : members) {
        m.owned_partitions = assignment.at(m.member_id);
        m.generation = 1;
      }
      assignment = assign(kind, topics, members);
    }
  }
  check_valid_and_balanced(members, assignment);
  return assignment;
}

}  // namespace ksim::client::test
