// ConstrainedAssignmentBuilder: the sticky assignment of a group whose members all subscribe to
// the same topics. Each member ends with minQuota or maxQuota partitions, exactly
// T % N of them with maxQuota.
#include <algorithm>
#include <list>

#include "engine/client/sticky_builders.h"
#include "engine/kafka/java_string.h"
#include "engine/sim/check.h"

namespace ksim::client::sticky {

namespace {

using kafka::TopicPartition;

// The order Kafka keeps owned partitions in: by partition number, then topic. A member that
// must give some up keeps the lowest partition numbers, spread over its topics.
bool partition_then_topic_less(const TopicPartition& a, const TopicPartition& b) {
  if (a.partition != b.partition) return a.partition < b.partition;
  return kafka::java_string_compare(a.topic, b.topic) < 0;
}

class ConstrainedBuilder {
 public:
  explicit ConstrainedBuilder(const StickyInput& input) : input_(input) {
    const auto members = static_cast<int32_t>(input.members.size());
    KSIM_ASSERT(members > 0, "the constrained sticky builder needs a member");
    int32_t total = 0;
    for (const auto& [topic, count] : input.partitions_per_topic) total += count;
    min_quota_ = total / members;
    max_quota_ = (total + members - 1) / members;
    expected_members_over_min_ = total % members;
    for (const Member& m : input.members) result_.assignment[m.id];
  }

  ConstrainedResult build() && {
    assign_owned_partitions();
    std::vector<TopicPartition> unassigned;
    for (TopicPartition& tp : all_partitions_by_topic_name(input_.partitions_per_topic)) {
      if (!assigned_.contains(tp)) unassigned.push_back(std::move(tp));
    }
    const kafka::JavaStringLess by_member_id;
    under_min_.sort(by_member_id);
    exactly_min_.sort(by_member_id);
    assign_round_robin(unassigned);
    return std::move(result_);
  }

 private:
  // Step 1: every member keeps what it owned, up to its quota. The first members (in HashMap
  // order) that own maxQuota or more keep maxQuota, until T % N members have it.
  void assign_owned_partitions() {
    for (const Member& m : input_.members) {
      std::vector<TopicPartition> owned;
      for (const TopicPartition& tp : input_.owned.at(m.id)) {
        // A partition claimed twice in one generation is nobody's: both claims are dropped.
        if (!input_.partitions_with_multiple_previous_owners.contains(tp)) owned.push_back(tp);
      }
      std::stable_sort(owned.begin(), owned.end(), partition_then_topic_less);
      const auto owned_count = static_cast<int32_t>(owned.size());

      if (owned_count < min_quota_) {
        keep(m.id, owned, owned_count);
        under_min_.push_back(m.id);
      } else if (owned_count >= max_quota_ && members_over_min_ < expected_members_over_min_) {
        ++members_over_min_;
        // Once enough members hold maxQuota, the others can only reach minQuota.
        if (members_over_min_ == expected_members_over_min_) exactly_min_.clear();
        keep(m.id, owned, max_quota_);
      } else {
        keep(m.id, owned, min_quota_);
        if (members_over_min_ < expected_members_over_min_) exactly_min_.push_back(m.id);
      }
    }
  }

  // Keeps the first `count` owned partitions; the rest may be revoked (if someone else gets
  // them, they are transferring ownership).
  void keep(const std::string& member, const std::vector<TopicPartition>& owned, int32_t count) {
    auto& list = result_.assignment[member];
    for (size_t i = 0; i < owned.size(); ++i) {
      if (static_cast<int32_t>(i) < count) {
        list.push_back(owned[i]);
        assigned_.insert(owned[i]);
      } else {
        maybe_revoked_[owned[i]] = member;
      }
    }
  }

  // Step 3 (step 2 is the rack-aware fill): deal the unassigned partitions, in topic-name
  // order, round the members under minQuota; once none is left, give one more each to the
  // members at exactly minQuota, in member id order, until T % N members have maxQuota.
  void assign_round_robin(const std::vector<TopicPartition>& unassigned) {
    // A Java iterator over the under-min list: `next_` is what next() returns, `last_` what it
    // returned last (what remove() removes).
    auto next = under_min_.begin();
    auto last = under_min_.end();
    for (const TopicPartition& tp : unassigned) {
      std::string member;
      if (next != under_min_.end()) {
        last = next++;
        member = *last;
      } else {
        KSIM_ASSERT(!under_min_.empty() || !exactly_min_.empty(),
                    "the quotas leave a member for every partition");
        if (under_min_.empty()) {
          member = exactly_min_.front();
          exactly_min_.pop_front();
        } else {
          next = under_min_.begin();
          last = next++;
          member = *last;
        }
      }
      const int32_t count = assign_new_partition(tp, member);
      if (count == min_quota_) {
        KSIM_ASSERT(last != under_min_.end() && *last == member,
                    "a member reaching minQuota came from the under-min list");
        under_min_.erase(last);
        last = under_min_.end();
        exactly_min_.push_back(member);
      } else if (count == max_quota_) {
        ++members_over_min_;
      }
    }
  }

  int32_t assign_new_partition(const TopicPartition& tp, const std::string& member) {
    auto& list = result_.assignment[member];
    list.push_back(tp);
    // Owned partitions were all kept above, so a partition given now is either new to the
    // member or was released by (or disputed between) others: then it changes owner.
    const auto released = maybe_revoked_.find(tp);
    if ((released != maybe_revoked_.end() && released->second != member) ||
        input_.partitions_with_multiple_previous_owners.contains(tp)) {
      result_.partitions_transferring_ownership[tp] = member;
    }
    return static_cast<int32_t>(list.size());
  }

  const StickyInput& input_;
  int32_t min_quota_ = 0;
  int32_t max_quota_ = 0;
  // How many members should, and so far do, hold maxQuota (0 when minQuota == maxQuota).
  int32_t expected_members_over_min_ = 0;
  int32_t members_over_min_ = 0;
  std::list<std::string> under_min_;    // unfilledMembersWithUnderMinQuotaPartitions
  std::list<std::string> exactly_min_;  // unfilledMembersWithExactlyMinQuotaPartitions
  std::set<TopicPartition> assigned_;
  std::map<TopicPartition, std::string> maybe_revoked_;  // partition -> the member releasing it
  ConstrainedResult result_;
};

}  // namespace

ConstrainedResult constrained_assign(const StickyInput& input) {
  return ConstrainedBuilder(input).build();
}

}  // namespace ksim::client::sticky
