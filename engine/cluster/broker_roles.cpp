// Applying metadata on a broker: each partition record that names this broker makes it the
// partition's leader or a follower (ReplicaManager.applyDelta -> makeLeader / makeFollower).
#include <algorithm>
#include <set>

#include "engine/cluster/broker_internal.h"
#include "engine/sim/check.h"

namespace ksim::cluster::detail {
namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The topic's log config: its overrides on top of the broker's defaults.
log::TopicConfig topic_config(const Broker& b, const kafka::TopicPartition& tp) {
  std::map<std::string, std::string> merged = {
      {"min.insync.replicas", std::to_string(b.config.min_insync_replicas)},
      {"unclean.leader.election.enable",
       b.config.unclean_leader_election_enable ? "true" : "false"},
  };
  if (const TopicImage* t = b.memory.image.topic(tp.topic)) {
    for (const auto& [k, v] : t->configs) merged[k] = v;
  }
  const log::ConfigParseResult parsed = log::parse_topic_config(merged);
  // Invariant: the controller validated the topic's configs before committing them.
  KSIM_ASSERT(parsed.ok(), "a committed topic config does not parse");
  return parsed.config;
}

void record_role(Broker& b, const HostedPartition& before, const HostedPartition& after,
                 runtime::Context& ctx) {
  const trace::EntityRef e = replica_entity(b, after.tp);
  ctx.record(e, trace::Field::kLeader, before.leader, after.leader);
  ctx.record(e, trace::Field::kLeaderEpoch, before.leader_epoch, after.leader_epoch);
  ctx.record(e, trace::Field::kIsrSize, static_cast<int64_t>(before.isr.size()),
             static_cast<int64_t>(after.isr.size()));
}

void become_leader(Broker& b, HostedPartition& p, const proto::PartitionRecord& r,
                   runtime::Context& ctx) {
  log::PartitionLog& log = *log_of(b, p.tp);
  p.leader = r.leader;
  p.leader_epoch = r.leader_epoch;
  p.partition_epoch = r.partition_epoch;
  p.replicas = r.replicas;
  p.isr = r.isr;
  p.pending_isr.reset();
  // Partition.makeLeader: the new epoch starts at the current LEO.
  p.leader_epoch_start_offset = log.log_end_offset();
  log.assign_leader_epoch(r.leader_epoch, log.log_end_offset());
  p.followers.clear();
  for (int32_t replica : r.replicas) {
    if (replica == b.broker_id) continue;
    FollowerState f;
    f.broker_id = replica;
    // Followers already in the ISR get a fresh lag allowance, as Kafka resets them.
    if (contains(r.isr, replica)) f.last_caught_up = ctx.now();
    p.followers.push_back(f);
  }
  maybe_increment_hw(b, p, ctx);
}

void become_follower(Broker& b, HostedPartition& p, const proto::PartitionRecord& r,
                     runtime::Context& ctx) {
  fail_delayed_produces(b, p, proto::ErrorCode::NOT_LEADER_OR_FOLLOWER, ctx);
  p.leader = r.leader;
  p.leader_epoch = r.leader_epoch;
  p.partition_epoch = r.partition_epoch;
  p.replicas = r.replicas;
  p.isr = r.isr;
  p.followers.clear();
  p.pending_isr.reset();
  // Fetching starts once the whole metadata batch is applied (apply_metadata). Truncation
  // waits for the first fetch: the leader answers with the diverging epoch.
}

void apply_partition(Broker& b, const proto::PartitionRecord& r, runtime::Context& ctx) {
  const kafka::TopicPartition tp{r.topic, r.partition};
  if (!contains(r.replicas, b.broker_id)) return;  // not hosted here
  if (log_of(b, tp) == nullptr) b.disk.logs.create_log(tp, topic_config(b, tp), ctx.now());
  auto [it, inserted] = b.memory.partitions.try_emplace(tp);
  HostedPartition& p = it->second;
  if (inserted) p.tp = tp;
  const HostedPartition before = p;
  const bool new_role = inserted || p.leader != r.leader || p.leader_epoch != r.leader_epoch;
  if (r.leader == b.broker_id && new_role) {
    become_leader(b, p, r, ctx);
  } else if (r.leader != b.broker_id && new_role) {
    become_follower(b, p, r, ctx);
  } else if (r.partition_epoch > p.partition_epoch) {
    // Same leader and epoch: an ISR change was committed.
    p.isr = r.isr;
    p.replicas = r.replicas;
    p.partition_epoch = r.partition_epoch;
    p.pending_isr.reset();
    if (is_leader(b, p) && maybe_increment_hw(b, p, ctx)) complete_delayed_produces(b, p, ctx);
  }
  record_role(b, before, p, ctx);
  // Parked fetches on this partition are answered now if it changed hands.
  if (new_role) wake_delayed_fetches(b, tp, ctx);
  // The group coordinator moves with the leadership of __consumer_offsets partitions.
  if (new_role && tp.topic == kOffsetsTopic) {
    if (is_leader(b, p)) {
      load_group_partition(b, tp.partition, ctx);
    } else {
      unload_group_partition(b, tp.partition);
    }
  }
}

void remove_topic(Broker& b, const std::string& name, runtime::Context& ctx) {
  std::vector<kafka::TopicPartition> gone;
  for (auto& [tp, p] : b.memory.partitions) {
    if (tp.topic == name) gone.push_back(tp);
  }
  for (const kafka::TopicPartition& tp : gone) {
    fail_delayed_produces(b, b.memory.partitions[tp], proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION,
                          ctx);
    b.memory.partitions.erase(tp);
    b.disk.logs.remove_log(tp);
    if (tp.topic == kOffsetsTopic) unload_group_partition(b, tp.partition);
    wake_delayed_fetches(b, tp, ctx);
  }
}

}  // namespace

trace::EntityRef replica_entity(const Broker& b, const kafka::TopicPartition& tp) {
  const TopicImage* t = b.memory.image.topic(tp.topic);
  const int32_t topic_id = t == nullptr ? 0 : t->topic_id;
  return {trace::EntityKind::kReplica, b.id.value, trace::partition_index(topic_id, tp.partition)};
}

log::PartitionLog* log_of(Broker& b, const kafka::TopicPartition& tp) {
  return b.disk.logs.find_log(tp);
}

HostedPartition* hosted(Broker& b, const kafka::TopicPartition& tp) {
  const auto it = b.memory.partitions.find(tp);
  return it == b.memory.partitions.end() ? nullptr : &it->second;
}

bool is_leader(const Broker& b, const HostedPartition& p) { return p.leader == b.broker_id; }

void set_high_watermark(Broker& b, log::PartitionLog& log, int64_t hw, runtime::Context& ctx) {
  const int64_t before = log.high_watermark();
  log.set_high_watermark(hw);
  ctx.record(replica_entity(b, log.topic_partition()), trace::Field::kHighWatermark, before, hw);
}

void record_leo(Broker& b, const kafka::TopicPartition& tp, int64_t from, int64_t to,
                runtime::Context& ctx) {
  ctx.record(replica_entity(b, tp), trace::Field::kLogEndOffset, from, to);
}

int32_t effective_min_isr(Broker& b, const HostedPartition& p) {
  const log::PartitionLog* log = log_of(b, p.tp);
  const int32_t configured = log == nullptr ? 1 : log->config().min_insync_replicas;
  return std::min(configured, static_cast<int32_t>(p.replicas.size()));
}

void apply_metadata(Broker& b, const proto::MetadataRecords& batch, runtime::Context& ctx) {
  // Records already applied are skipped; a gap (a lost push) waits for the heartbeat's catch-up.
  if (batch.first_offset > b.memory.image.offset) return;
  const int64_t before = b.memory.image.offset;
  // The partitions the batch changed, in the order it first names them. Their roles follow the
  // image once the whole batch is applied, as ReplicaManager.applyDelta does: a broker catching
  // up after a restart replays the log from its start, and acting on each old state on the way
  // (leading again at an old epoch, with an old ISR) would move its high watermark past what its
  // current ISR holds and rewrite its leader-epoch cache (docs/invariants.md#found).
  std::vector<kafka::TopicPartition> changed;
  std::set<kafka::TopicPartition> seen;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    if (batch.first_offset + static_cast<int64_t>(i) < b.memory.image.offset) continue;
    const proto::MetadataRecord& record = batch.records[i];
    b.memory.image.apply(record);
    if (const auto* p = std::get_if<proto::PartitionRecord>(&record)) {
      const kafka::TopicPartition tp{p->topic, p->partition};
      if (seen.insert(tp).second) changed.push_back(tp);
    } else if (const auto* removed = std::get_if<proto::RemoveTopicRecord>(&record)) {
      remove_topic(b, removed->name, ctx);
      std::erase_if(changed, [&](const kafka::TopicPartition& tp) {
        return tp.topic == removed->name && seen.erase(tp) > 0;
      });
    } else if (const auto* topic = std::get_if<proto::TopicRecord>(&record)) {
      // A config change (kafka-configs --alter) reaches the topic's logs here.
      const TopicImage* t = b.memory.image.topic(topic->name);
      for (size_t i = 0; t != nullptr && i < t->partitions.size(); ++i) {
        const kafka::TopicPartition tp{topic->name, static_cast<int32_t>(i)};
        if (log::PartitionLog* log = b.disk.logs.find_log(tp)) log->set_config(topic_config(b, tp));
      }
    }
  }
  for (const kafka::TopicPartition& tp : changed) {
    if (const proto::PartitionRecord* p = b.memory.image.partition(tp)) apply_partition(b, *p, ctx);
  }
  ctx.record({trace::EntityKind::kNode, b.id.value, 0}, trace::Field::kMetadataOffset, before,
             b.memory.image.offset);
  // One fetch per leader for all the partitions followed there, new ones included.
  std::vector<int32_t> leaders;
  for (const auto& [tp, p] : b.memory.partitions) {
    if (!is_leader(b, p) && p.leader >= 0) leaders.push_back(p.leader);
  }
  std::sort(leaders.begin(), leaders.end());
  leaders.erase(std::unique(leaders.begin(), leaders.end()), leaders.end());
  for (int32_t leader : leaders) maybe_send_fetch(b, leader, ctx);
}

}  // namespace ksim::cluster::detail
