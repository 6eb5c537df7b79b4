// GeneralAssignmentBuilder: the sticky assignment when members subscribe to different topics.
// Keep every valid owned partition, hand each unassigned partition to the least loaded member
// that may take it, then move partitions from heavier to lighter eligible members until the
// assignment is balanced (no member could take a partition from one holding 2 or more extra),
// reverting the moves if they did not improve the balance score.
//
// Kafka 3.9 gives a partition back to its owner of an older generation without checking that
// this member still subscribes to the topic (the partition then sits with a non-subscriber,
// unless a later move takes it away) nor that it takes part in the balancing (then Kafka throws
// a NullPointerException). general_assign runs Kafka's algorithm as it is, and only when that
// ends in such a state runs it again skipping those moves (docs/assignors.md#differences).
#include <algorithm>
#include <optional>
#include <set>

#include "engine/client/partition_movements.h"
#include "engine/client/sticky_builders.h"
#include "engine/kafka/java_string.h"
#include "engine/sim/check.h"

namespace ksim::client::sticky {

namespace {

using kafka::TopicPartition;
using Assignment = std::map<std::string, std::vector<TopicPartition>>;

// sortedCurrentSubscriptions orders members by how many partitions they hold, then member id.
struct Load {
  size_t partitions = 0;
  std::string member;
};

struct LoadLess {
  bool operator()(const Load& a, const Load& b) const {
    if (a.partitions != b.partitions) return a.partitions < b.partitions;
    return kafka::java_string_compare(a.member, b.member) < 0;
  }
};

// ConsumerGenerationPair: who owned a partition in an older generation.
struct PreviousOwner {
  std::string member;
  int32_t generation = kDefaultGeneration;
};

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool contains(const std::vector<TopicPartition>& list, const TopicPartition& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void remove_one(std::vector<TopicPartition>& list, const TopicPartition& value) {
  const auto it = std::find(list.begin(), list.end(), value);
  if (it != list.end()) list.erase(it);
}

// getBalanceScore: the sum of |a - b| over all pairs of members; 0 is perfectly balanced.
int64_t balance_score(const Assignment& assignment) {
  int64_t score = 0;
  for (auto a = assignment.begin(); a != assignment.end(); ++a) {
    for (auto b = std::next(a); b != assignment.end(); ++b) {
      const auto x = static_cast<int64_t>(a->second.size());
      const auto y = static_cast<int64_t>(b->second.size());
      score += x > y ? x - y : y - x;
    }
  }
  return score;
}

class GeneralBuilder {
 public:
  // With check_previous_owner, a partition goes back to its previous owner only if that member
  // subscribes to its topic and takes part in the balancing; without, exactly as Kafka does.
  GeneralBuilder(const StickyInput& input, bool check_previous_owner)
      : input_(input), current_(input.owned), check_previous_owner_(check_previous_owner) {
    KSIM_ASSERT(!input.members.empty(), "the general sticky builder needs a member");
    for (const auto& [topic, count] : input.partitions_per_topic) {
      topic_consumers_[topic];
    }
    // Both lists follow the HashMap order of members and each member's subscription order.
    for (const Member& m : input.members) {
      auto& topics = consumer_topics_[m.id];
      for (const std::string& topic : m.topics) {
        if (!input.partitions_per_topic.contains(topic)) continue;
        topics.push_back(topic);
        topic_consumers_[topic].push_back(m.id);
      }
      current_[m.id];
    }
    for (const auto& [member, partitions] : current_) {
      for (const TopicPartition& tp : partitions) partition_consumer_[tp] = member;
    }
    // Topics with the fewest potential consumers first: they have the least choice.
    std::vector<std::string> topics;
    for (const auto& [topic, consumers] : topic_consumers_) topics.push_back(topic);
    std::stable_sort(topics.begin(), topics.end(), [&](const auto& a, const auto& b) {
      const size_t ca = topic_consumers_.at(a).size();
      const size_t cb = topic_consumers_.at(b).size();
      if (ca != cb) return ca < cb;
      return kafka::java_string_compare(a, b) < 0;
    });
    for (const std::string& topic : topics) {
      for (int32_t p = 0; p < input.partitions_per_topic.at(topic); ++p) {
        sorted_partitions_.push_back(TopicPartition{.topic = topic, .partition = p});
      }
    }
  }

  // The assignment, or nullopt where Kafka's own run throws.
  std::optional<Assignment> build() && {
    prepopulate_previous_owners();
    const std::set<TopicPartition> assigned = assign_owned_partitions();
    std::vector<TopicPartition> unassigned;
    for (const TopicPartition& tp : sorted_partitions_) {
      if (!assigned.contains(tp)) unassigned.push_back(tp);
    }
    for (const auto& [member, partitions] : current_) sorted_.insert(load_of(member));
    balance(unassigned);
    if (failed_) return std::nullopt;
    return std::move(current_);
  }

  // Whether every member holds partitions of its own topics only.
  static bool is_valid(const StickyInput& input, const Assignment& assignment) {
    std::map<std::string, const Member*> by_id;
    for (const Member& m : input.members) by_id[m.id] = &m;
    for (const auto& [member, partitions] : assignment) {
      const auto& topics = by_id.at(member)->topics;
      for (const TopicPartition& tp : partitions) {
        if (!contains(topics, tp.topic)) return false;
      }
    }
    return true;
  }

 private:
  Load load_of(const std::string& member) const {
    return Load{.partitions = current_.at(member).size(), .member = member};
  }

  // prepopulateCurrentAssignments: for each partition, the member of the highest generation
  // below the newest that claimed it (the first such member in HashMap order on a tie).
  // Members without a generation count as DEFAULT_GENERATION.
  void prepopulate_previous_owners() {
    for (const Member& m : input_.members) {
      if (m.generation >= input_.max_generation) continue;
      for (const TopicPartition& tp : m.claimed) {
        const auto it = previous_.find(tp);
        if (it == previous_.end() || m.generation > it->second.generation) {
          previous_[tp] = PreviousOwner{.member = m.id, .generation = m.generation};
        }
      }
    }
  }

  // assignOwnedPartitions: keeps each valid claim, dropping those on topics the member no longer
  // subscribes to (which means a revocation is needed).
  std::set<TopicPartition> assign_owned_partitions() {
    std::set<TopicPartition> assigned;
    for (auto& [member, partitions] : current_) {
      const auto& topics = consumer_topics_.at(member);
      std::erase_if(partitions, [&](const TopicPartition& tp) {
        if (contains(topics, tp.topic)) {
          assigned.insert(tp);
          return false;
        }
        // Kafka leaves the partition's currentPartitionConsumer entry in place; the partition
        // is unassigned, so handing it out below overwrites it.
        revocation_required_ = true;
        return true;
      });
    }
    return assigned;
  }

  int32_t max_assignment_size(const std::string& member) const {
    int32_t size = 0;
    for (const std::string& topic : consumer_topics_.at(member)) {
      size += input_.partitions_per_topic.at(topic);
    }
    return size;
  }

  bool can_topic_participate(const std::string& topic) const {
    return topic_consumers_.at(topic).size() >= 2;
  }

  bool can_consumer_participate(const std::string& member) const {
    const auto& partitions = current_.at(member);
    if (static_cast<int32_t>(partitions.size()) < max_assignment_size(member)) return true;
    return std::any_of(partitions.begin(), partitions.end(),
                       [&](const TopicPartition& tp) { return can_topic_participate(tp.topic); });
  }

  // Gives `partition` to `member`, keeping the load order consistent.
  void add_partition(const std::string& member, const TopicPartition& partition) {
    sorted_.erase(load_of(member));
    current_.at(member).push_back(partition);
    partition_consumer_[partition] = member;
    sorted_.insert(load_of(member));
  }

  // maybeAssign without racks: each partition to the least loaded member subscribed to it.
  void assign_unassigned(const std::vector<TopicPartition>& unassigned) {
    for (const TopicPartition& tp : unassigned) {
      if (topic_consumers_.at(tp.topic).empty()) continue;
      for (const Load& load : sorted_) {
        if (contains(consumer_topics_.at(load.member), tp.topic)) {
          const std::string member = load.member;  // add_partition invalidates `load`
          add_partition(member, tp);
          break;
        }
      }
    }
  }

  void balance(std::vector<TopicPartition>& unassigned) {
    const bool initializing = current_.at(std::prev(sorted_.end())->member).empty();
    assign_unassigned(unassigned);

    // Only partitions with a choice of member, and members with a choice of partition, can
    // take part in the reassignment.
    const auto fixed_partition = [&](const TopicPartition& tp) {
      return !can_topic_participate(tp.topic);
    };
    std::erase_if(sorted_partitions_, fixed_partition);
    std::erase_if(unassigned, fixed_partition);
    Assignment fixed_assignments;
    for (const auto& [member, topics] : consumer_topics_) {
      if (can_consumer_participate(member)) continue;
      sorted_.erase(load_of(member));
      fixed_assignments[member] = std::move(current_.at(member));
      current_.erase(member);
    }

    const Assignment pre_balance = current_;
    const std::map<TopicPartition, std::string> pre_balance_consumers = partition_consumer_;
    // Without subscription changes, first try to balance by moving only the new partitions.
    if (!revocation_required_) perform_reassignments(unassigned);
    if (failed_) return;
    const bool reassigned = perform_reassignments(sorted_partitions_);
    if (failed_) return;
    // Moves that did not improve the balance are not worth the lost stickiness.
    if (!initializing && reassigned && balance_score(current_) >= balance_score(pre_balance)) {
      current_ = pre_balance;
      partition_consumer_ = pre_balance_consumers;
    }
    for (auto& [member, partitions] : fixed_assignments) current_[member] = std::move(partitions);
  }

  // isBalanced: loads differ by at most one, or no member could take a partition of one of its
  // topics from a member holding at least two more partitions than it.
  bool is_balanced() const {
    KSIM_ASSERT(!sorted_.empty(), "a partition with a choice of member has such members");
    if (sorted_.begin()->partitions + 1 >= std::prev(sorted_.end())->partitions) return true;
    std::map<TopicPartition, std::string> owner;
    for (const auto& [member, partitions] : current_) {
      for (const TopicPartition& tp : partitions) owner[tp] = member;
    }
    for (const Load& load : sorted_) {
      const auto& mine = current_.at(load.member);
      const auto count = static_cast<int32_t>(mine.size());
      if (count == max_assignment_size(load.member)) continue;
      for (const std::string& topic : consumer_topics_.at(load.member)) {
        for (int32_t p = 0; p < input_.partitions_per_topic.at(topic); ++p) {
          const TopicPartition tp{.topic = topic, .partition = p};
          if (contains(mine, tp)) continue;
          const auto other = owner.find(tp);
          KSIM_ASSERT(other != owner.end(), "a partition of a shared topic has a movable owner");
          if (count + 1 < static_cast<int32_t>(current_.at(other->second).size())) return false;
        }
      }
    }
    return true;
  }

  // performReassignments: passes over `partitions` until a pass moves nothing, each pass
  // stopping as soon as the assignment is balanced.
  bool perform_reassignments(const std::vector<TopicPartition>& partitions) {
    bool performed = false;
    bool modified = true;
    while (modified) {
      modified = false;
      for (auto it = partitions.begin(); it != partitions.end() && !is_balanced(); ++it) {
        const TopicPartition& tp = *it;
        const std::string& consumer = partition_consumer_.at(tp);
        const size_t load = current_.at(consumer).size();
        // Back to an older-generation owner if that one is now much lighter.
        if (const auto prev = previous_.find(tp); prev != previous_.end()) {
          const std::string& previous_owner = prev->second.member;
          const auto candidate = current_.find(previous_owner);
          if (candidate == current_.end()) {
            // Kafka's currentAssignment.get(...).size() throws here.
            if (!check_previous_owner_) {
              failed_ = true;
              return performed;
            }
          } else if ((!check_previous_owner_ ||
                      contains(consumer_topics_.at(previous_owner), tp.topic)) &&
                     load > candidate->second.size() + 1) {
            reassign_partition(tp, previous_owner);
            performed = modified = true;
            continue;
          }
        }
        // Else to the least loaded eligible member, if some eligible member is much lighter.
        for (const std::string& other : topic_consumers_.at(tp.topic)) {
          if (load > current_.at(other).size() + 1) {
            reassign_partition(tp, least_loaded_for(tp.topic));
            performed = modified = true;
            break;
          }
        }
      }
    }
    return performed;
  }

  std::string least_loaded_for(const std::string& topic) const {
    for (const Load& load : sorted_) {
      if (contains(consumer_topics_.at(load.member), topic)) return load.member;
    }
    KSIM_ASSERT(false, "a reassigned partition has an eligible member");
    return {};
  }

  // reassignPartition + processPartitionMovement: moves the partition PartitionMovements picks.
  void reassign_partition(const TopicPartition& partition, const std::string& new_consumer) {
    const TopicPartition moved = movements_.actual_partition_to_move(
        partition, partition_consumer_.at(partition), new_consumer);
    const std::string old_consumer = partition_consumer_.at(moved);
    sorted_.erase(load_of(old_consumer));
    sorted_.erase(load_of(new_consumer));
    movements_.move_partition(moved, old_consumer, new_consumer);
    remove_one(current_.at(old_consumer), moved);
    current_.at(new_consumer).push_back(moved);
    partition_consumer_[moved] = new_consumer;
    sorted_.insert(load_of(new_consumer));
    sorted_.insert(load_of(old_consumer));
  }

  const StickyInput& input_;
  Assignment current_;                                               // currentAssignment
  std::map<std::string, std::vector<std::string>> topic_consumers_;  // topic2AllPotentialConsumers
  std::map<std::string, std::vector<std::string>> consumer_topics_;  // consumer2AllPotentialTopics
  std::map<TopicPartition, std::string> partition_consumer_;         // currentPartitionConsumer
  std::vector<TopicPartition> sorted_partitions_;                    // sortedAllPartitions
  std::set<Load, LoadLess> sorted_;                                  // sortedCurrentSubscriptions
  std::map<TopicPartition, PreviousOwner> previous_;                 // prevAssignment
  PartitionMovements movements_;
  bool revocation_required_ = false;
  const bool check_previous_owner_;
  bool failed_ = false;  // Kafka's run would have thrown
};

}  // namespace

GroupAssignment general_assign(const StickyInput& input) {
  std::optional<Assignment> kafka = GeneralBuilder(input, /*check_previous_owner=*/false).build();
  if (kafka && GeneralBuilder::is_valid(input, *kafka)) return std::move(*kafka);
  // Simplification: Kafka would return its invalid assignment, or throw; run again without the
  // moves to members outside the topic or the balancing (docs/assignors.md#differences).
  std::optional<Assignment> checked = GeneralBuilder(input, /*check_previous_owner=*/true).build();
  KSIM_ASSERT(checked.has_value(), "checked moves never reach a member outside the balancing");
  return std::move(*checked);
}

}  // namespace ksim::client::sticky
