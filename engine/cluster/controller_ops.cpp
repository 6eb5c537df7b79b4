#include "engine/cluster/controller_ops.h"

#include <algorithm>

namespace ksim::cluster {
namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Commits `next` when it differs from `before`.
void commit_if_changed(Controller& c, const proto::PartitionRecord& before,
                       const proto::PartitionRecord& next, runtime::Context& ctx) {
  if (!(next == before)) commit(c, next, ctx);
}

// Every partition, in (topic, index) order: a copy, since commits change the image.
std::vector<proto::PartitionRecord> all_partitions(const Controller& c) {
  std::vector<proto::PartitionRecord> out;
  for (const auto& [name, topic] : c.memory.image.topics) {
    out.insert(out.end(), topic.partitions.begin(), topic.partitions.end());
  }
  return out;
}

void set_broker_flags(Controller& c, int32_t broker_id, bool fenced, bool shutting_down,
                      runtime::Context& ctx) {
  proto::BrokerRecord b = *c.memory.image.broker(broker_id);
  if (b.fenced == fenced && b.in_controlled_shutdown == shutting_down) return;
  b.fenced = fenced;
  b.in_controlled_shutdown = shutting_down;
  commit(c, b, ctx);
}

}  // namespace

Liveness liveness_of(const Controller& c) {
  const MetadataImage* image = &c.memory.image;
  return Liveness{
      [image](int32_t b) { return image->is_alive(b); },
      [image](int32_t b) {
        const proto::BrokerRecord* r = image->broker(b);
        return r != nullptr && r->in_controlled_shutdown;
      },
  };
}

Election election_for(const Controller& c, const std::string& topic) {
  bool unclean = c.config.unclean_leader_election_enable;
  if (const TopicImage* t = c.memory.image.topic(topic)) {
    const auto it = t->configs.find("unclean.leader.election.enable");
    if (it != t->configs.end()) unclean = it->second == "true";
  }
  return unclean ? Election::kUnclean : Election::kClean;
}

int32_t leaderships_of(const Controller& c, int32_t broker_id) {
  int32_t n = 0;
  for (const auto& [name, topic] : c.memory.image.topics) {
    for (const auto& p : topic.partitions) n += p.leader == broker_id ? 1 : 0;
  }
  return n;
}

void fence_broker(Controller& c, int32_t broker_id, runtime::Context& ctx) {
  set_broker_flags(c, broker_id, /*fenced=*/true, /*shutting_down=*/false, ctx);
  const Liveness live = liveness_of(c);
  for (const proto::PartitionRecord& p : all_partitions(c)) {
    if (p.leader != broker_id && !contains(p.isr, broker_id)) continue;
    commit_if_changed(c, p, without_broker(p, broker_id, live, election_for(c, p.topic)), ctx);
  }
}

void unfence_broker(Controller& c, int32_t broker_id, runtime::Context& ctx) {
  set_broker_flags(c, broker_id, /*fenced=*/false, /*shutting_down=*/false, ctx);
  const Liveness live = liveness_of(c);
  for (const proto::PartitionRecord& p : all_partitions(c)) {
    if (p.leader >= 0 || !contains(p.replicas, broker_id)) continue;
    commit_if_changed(c, p, with_elected_leader(p, live, election_for(c, p.topic)), ctx);
  }
}

void begin_controlled_shutdown(Controller& c, int32_t broker_id, runtime::Context& ctx) {
  const proto::BrokerRecord* b = c.memory.image.broker(broker_id);
  set_broker_flags(c, broker_id, b->fenced, /*shutting_down=*/true, ctx);
  const Liveness live = liveness_of(c);
  for (const proto::PartitionRecord& p : all_partitions(c)) {
    if (p.leader != broker_id && !contains(p.isr, broker_id)) continue;
    // Leadership moves to another ISR member. A partition whose only ISR member this is goes
    // offline (leader -1, the ISR kept) so the broker can stop, as in Kafka's
    // generateLeaderAndIsrUpdates: it leads again once it is back and unfenced.
    commit_if_changed(c, p, without_broker(p, broker_id, live, Election::kClean), ctx);
  }
}

proto::AlterPartitionResponse alter_partition(Controller& c,
                                              const proto::AlterPartitionRequest& req,
                                              runtime::Context& ctx) {
  proto::AlterPartitionResponse resp{.error = proto::ErrorCode::NONE, .tp = req.tp, .state = {}};
  const proto::BrokerRecord* b = c.memory.image.broker(req.broker_id);
  const proto::PartitionRecord* p = c.memory.image.partition(req.tp);
  // The checks and their order follow ReplicationControlManager.validateAlterPartitionData.
  if (b == nullptr || b->broker_epoch != req.broker_epoch) {
    resp.error = proto::ErrorCode::STALE_BROKER_EPOCH;
  } else if (p == nullptr) {
    resp.error = proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
  } else if (req.leader_epoch > p->leader_epoch || req.partition_epoch > p->partition_epoch) {
    resp.error = proto::ErrorCode::NOT_CONTROLLER;
  } else if (req.leader_epoch < p->leader_epoch) {
    resp.error = proto::ErrorCode::FENCED_LEADER_EPOCH;
  } else if (req.broker_id != p->leader) {
    resp.error = proto::ErrorCode::INVALID_REQUEST;
  } else if (req.partition_epoch < p->partition_epoch) {
    resp.error = proto::ErrorCode::INVALID_UPDATE_VERSION;
  } else if (!contains(req.new_isr, p->leader) ||
             std::any_of(req.new_isr.begin(), req.new_isr.end(),
                         [&](int32_t r) { return !contains(p->replicas, r); })) {
    resp.error = proto::ErrorCode::INVALID_REQUEST;
  } else if (std::any_of(req.new_isr.begin(), req.new_isr.end(), [&](int32_t r) {
               const Liveness live = liveness_of(c);
               return r != p->leader && (!live.alive(r) || live.shutting_down(r));
             })) {
    resp.error = proto::ErrorCode::INELIGIBLE_REPLICA;
  }
  if (resp.error != proto::ErrorCode::NONE) return resp;
  proto::PartitionRecord next = *p;
  next.isr = req.new_isr;
  next = bump_epochs(*p, next);
  commit_if_changed(c, *p, next, ctx);
  resp.state = next;
  return resp;
}

void elect_preferred_leaders(Controller& c, runtime::Context& ctx) {
  const Liveness live = liveness_of(c);
  for (const proto::PartitionRecord& p : all_partitions(c)) {
    if (auto next = with_preferred_leader(p, live)) commit(c, *next, ctx);
  }
}

void elect_offline_leaders(Controller& c, runtime::Context& ctx) {
  const Liveness live = liveness_of(c);
  for (const proto::PartitionRecord& p : all_partitions(c)) {
    if (p.leader >= 0) continue;
    commit_if_changed(c, p, with_elected_leader(p, live, election_for(c, p.topic)), ctx);
  }
}

}  // namespace ksim::cluster
