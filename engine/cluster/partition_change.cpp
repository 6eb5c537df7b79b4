#include "engine/cluster/partition_change.h"

#include <algorithm>

namespace ksim::cluster {
namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool can_lead(int32_t broker, const Liveness& live) {
  return live.alive(broker) && !live.shutting_down(broker);
}

}  // namespace

proto::PartitionRecord with_elected_leader(const proto::PartitionRecord& p, const Liveness& live,
                                           Election election) {
  proto::PartitionRecord next = p;
  if (p.leader >= 0 && contains(p.isr, p.leader) && can_lead(p.leader, live)) return next;
  next.leader = -1;
  for (int32_t r : p.replicas) {
    if (contains(p.isr, r) && can_lead(r, live)) {
      next.leader = r;
      break;
    }
  }
  if (next.leader < 0 && election == Election::kUnclean) {
    for (int32_t r : p.replicas) {
      if (can_lead(r, live)) {
        // An unclean leader starts a new history: the ISR is just itself.
        next.leader = r;
        next.isr = {r};
        break;
      }
    }
  }
  return bump_epochs(p, next);
}

proto::PartitionRecord without_broker(const proto::PartitionRecord& p, int32_t broker,
                                      const Liveness& live, Election election) {
  proto::PartitionRecord next = p;
  if (contains(p.isr, broker) && p.isr.size() > 1) {
    next.isr.erase(std::find(next.isr.begin(), next.isr.end(), broker));
  }
  if (next.leader == broker) next.leader = -1;
  if (next.leader < 0) {
    next = with_elected_leader(next, live, election);
  }
  return bump_epochs(p, next);
}

std::optional<proto::PartitionRecord> with_preferred_leader(const proto::PartitionRecord& p,
                                                            const Liveness& live) {
  if (p.replicas.empty()) return std::nullopt;
  const int32_t preferred = p.replicas.front();
  if (p.leader == preferred || !contains(p.isr, preferred) || !can_lead(preferred, live)) {
    return std::nullopt;
  }
  proto::PartitionRecord next = p;
  next.leader = preferred;
  return bump_epochs(p, next);
}

proto::PartitionRecord bump_epochs(const proto::PartitionRecord& before,
                                   proto::PartitionRecord after) {
  // Compare against the state before any bump: epochs already bumped by an inner step stay.
  if (after.leader == before.leader && after.isr == before.isr) return after;
  after.partition_epoch = before.partition_epoch + 1;
  after.leader_epoch =
      after.leader != before.leader ? before.leader_epoch + 1 : before.leader_epoch;
  return after;
}

}  // namespace ksim::cluster
