// The group coordinator's offsets (Kafka's GroupCoordinator.handleCommitOffsets /
// handleFetchOffsets and GroupMetadataManager): FindCoordinator names the leader of the group's
// partition of
// __consumer_offsets, creating the topic on first use; OffsetCommit writes one record per
// partition there and answers once they are replicated; OffsetFetch reads the loaded cache. A
// broker that becomes leader of a partition loads its groups from the log before answering for
// them; offsets.retention.minutes deletes the offsets of groups without members.
#include <fmt/format.h>

#include <algorithm>

#include "engine/cluster/broker_internal.h"
#include "engine/cluster/offsets_records.h"
#include "engine/kafka/java_string.h"

namespace ksim::cluster {

int32_t offsets_partition_for(const std::string& group, int32_t partition_count) {
  return kafka::kafka_utils_abs(kafka::java_string_hash_code(group)) % partition_count;
}

}  // namespace ksim::cluster

namespace ksim::cluster::detail {
namespace {

const TopicImage* offsets_topic(const Broker& b) { return b.memory.image.topic(kOffsetsTopic); }

// GroupMetadataManager.partitionFor, over this broker's view of the topic.
int32_t partition_for(const Broker& b, const std::string& group) {
  const TopicImage* t = offsets_topic(b);
  const auto count = t != nullptr ? static_cast<int32_t>(t->partitions.size())
                                  : static_cast<int32_t>(b.config.offsets_topic_num_partitions);
  return offsets_partition_for(group, count);
}

// Kafka creates __consumer_offsets on the first FindCoordinator (AutoTopicCreationManager).
void ask_to_create_offsets_topic(Broker& b, runtime::Context& ctx) {
  std::optional<SimTime>& asked = b.memory.coordinator.offsets_topic_asked;
  if (asked && ctx.now() - *asked < SimTime::from_ms(1000)) return;
  asked = ctx.now();
  ctx.send(
      active_controller(b),
      proto::CreateTopicsRequest{static_cast<int64_t>(b.memory.next_id++),
                                 kOffsetsTopic,
                                 static_cast<int32_t>(b.config.offsets_topic_num_partitions),
                                 static_cast<int16_t>(b.config.offsets_topic_replication_factor),
                                 {{"cleanup.policy", "compact"}}});
}

// GroupMetadataManager.storeOffsets: how a failed write is reported to the committer.
proto::ErrorCode commit_error(proto::ErrorCode append_error) {
  switch (append_error) {
    case proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case proto::ErrorCode::NOT_ENOUGH_REPLICAS:
    case proto::ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case proto::ErrorCode::REQUEST_TIMED_OUT:
      return proto::ErrorCode::COORDINATOR_NOT_AVAILABLE;
    case proto::ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case proto::ErrorCode::KAFKA_STORAGE_ERROR:
      return proto::ErrorCode::NOT_COORDINATOR;
    default:
      return append_error;
  }
}

proto::OffsetCommitResponse commit_response(const proto::OffsetCommitRequest& req,
                                            proto::ErrorCode error) {
  proto::OffsetCommitResponse resp;
  resp.correlation_id = req.correlation_id;
  for (const proto::OffsetCommitPartition& p : req.partitions) {
    resp.partitions.push_back(proto::PartitionError{p.tp, error});
  }
  return resp;
}

// Appends coordinator records to the group's partition; the write completes (and the cache is
// updated) once the high watermark passes it, as Kafka's appendRecords with acks=-1.
void write_group_records(Broker& b, NodeId client, int64_t correlation, int32_t partition,
                         std::vector<kafka::Record> records, PendingCommit commit,
                         runtime::Context& ctx) {
  const kafka::TopicPartition tp{kOffsetsTopic, partition};
  HostedPartition* p = hosted(b, tp);
  DelayedProduce d{b.memory.next_id++, client, correlation, -1, 0, std::move(commit)};
  if (p == nullptr || !is_leader(b, *p)) {
    reply_delayed(b, tp, d, proto::ErrorCode::NOT_LEADER_OR_FOLLOWER, ctx);
    return;
  }
  if (static_cast<int32_t>(p->isr.size()) < effective_min_isr(b, *p)) {
    reply_delayed(b, tp, d, proto::ErrorCode::NOT_ENOUGH_REPLICAS, ctx);
    return;
  }
  log::PartitionLog& log = *log_of(b, tp);
  const int64_t leo_before = log.log_end_offset();
  const log::AppendResult appended =
      log.append_as_leader(std::move(records), p->leader_epoch, ctx.now().ms());
  if (appended.error != proto::ErrorCode::NONE) {
    reply_delayed(b, tp, d, appended.error, ctx);
    return;
  }
  record_leo(b, tp, leo_before, log.log_end_offset(), ctx);
  d.base_offset = appended.first_offset;
  d.required_offset = appended.last_offset + 1;
  const bool hw_moved = maybe_increment_hw(b, *p, ctx);
  wake_delayed_fetches(b, tp, ctx);
  if (hw_moved) complete_delayed_produces(b, *p, ctx);
  if (log.high_watermark() >= d.required_offset) {
    reply_delayed(b, tp, d, proto::ErrorCode::NONE, ctx);
    return;
  }
  const uint64_t id = d.id;
  p->delayed_produces.push_back(std::move(d));
  // offsets.commit.timeout.ms (5 s): then the committer hears COORDINATOR_NOT_AVAILABLE.
  b.memory.produce_deadlines.add(static_cast<int64_t>(id), SimTime::from_ms(5000), ctx);
}

// GroupMetadataManager.loadGroupsAndOffsets, one record at a time: the latest record of each
// key wins, a tombstone deletes.
void apply_record(Broker& b, const kafka::Record& r, runtime::Context& ctx) {
  if (!r.key) return;
  const std::optional<OffsetsTopicKey> key = decode_key(*r.key);
  if (!key) return;
  if (const auto* k = std::get_if<OffsetCommitKey>(&*key)) {
    if (!r.value) {
      auto g = b.memory.coordinator.groups.find(k->group);
      if (g != b.memory.coordinator.groups.end()) g->second.offsets.erase(k->tp);
      return;
    }
    const std::optional<OffsetCommitValue> v = decode_offset_value(*r.value);
    if (!v) return;
    group_named(b, k->group, ctx).offsets[k->tp] =
        CommittedOffset{v->offset, v->leader_epoch, v->metadata, v->commit_timestamp_ms};
    return;
  }
  const auto& k = std::get<GroupMetadataKey>(*key);
  GroupState& g = group_named(b, k.group, ctx);
  const std::optional<GroupState> loaded =
      r.value ? decode_group_value(k.group, *r.value) : std::nullopt;
  if (!loaded) return;
  g.protocol_type = loaded->protocol_type;
  g.generation = loaded->generation;
  g.protocol_name = loaded->protocol_name;
  g.leader_id = loaded->leader_id;
  g.members = loaded->members;
  g.phase = loaded->phase;
  g.empty_since = SimTime::from_ms(r.timestamp_ms);
  // Loaded members get a fresh session: they find the new coordinator and heartbeat on.
  for (GroupMember& m : g.members) {
    m.session_deadline = ctx.now() + SimTime::from_ms(m.session_timeout_ms);
  }
}

}  // namespace

void write_group_records_for(Broker& b, const std::string& group,
                             std::vector<kafka::Record> records, PendingCommit pending,
                             runtime::Context& ctx) {
  write_group_records(b, b.id, -1, partition_for(b, group), std::move(records), std::move(pending),
                      ctx);
}

bool coordinates(const Broker& b, const std::string& group) {
  return b.memory.coordinator.loaded.count(partition_for(b, group)) != 0;
}

GroupState& group_named(Broker& b, const std::string& id, runtime::Context& ctx) {
  GroupState& g = b.memory.coordinator.groups[id];
  if (g.key == 0) {
    g.group_id = id;
    g.key = b.memory.coordinator.next_key++;
    ctx.name_group(static_cast<int32_t>(g.key), id);
  }
  return g;
}

const proto::BrokerRecord* coordinator_of(const Broker& b, const std::string& group) {
  const TopicImage* topic = offsets_topic(b);
  if (topic == nullptr) return nullptr;
  const int32_t leader = topic->partitions[static_cast<size_t>(partition_for(b, group))].leader;
  const proto::BrokerRecord* r = b.memory.image.broker(leader);
  return leader >= 0 && r != nullptr && b.memory.image.is_alive(leader) ? r : nullptr;
}

void handle_find_coordinator(Broker& b, NodeId from, const proto::FindCoordinatorRequest& req,
                             runtime::Context& ctx) {
  proto::FindCoordinatorResponse resp;
  resp.correlation_id = req.correlation_id;
  resp.error = proto::ErrorCode::COORDINATOR_NOT_AVAILABLE;
  if (offsets_topic(b) == nullptr) {
    ask_to_create_offsets_topic(b, ctx);
  } else if (const proto::BrokerRecord* coordinator = coordinator_of(b, req.key)) {
    resp.error = proto::ErrorCode::NONE;
    resp.node_id = coordinator->broker_id;
    resp.node = coordinator->node;
  }
  ctx.send(from, resp);
}

void handle_offset_commit(Broker& b, NodeId from, const proto::OffsetCommitRequest& req,
                          runtime::Context& ctx) {
  if (!coordinates(b, req.group_id)) {
    ctx.send(from, commit_response(req, proto::ErrorCode::NOT_COORDINATOR));
    return;
  }
  if (const proto::ErrorCode invalid = validate_offset_commit(b, req);
      invalid != proto::ErrorCode::NONE) {
    ctx.send(from, commit_response(req, invalid));
    return;
  }
  std::vector<kafka::Record> records;
  for (const proto::OffsetCommitPartition& p : req.partitions) {
    kafka::Record r;
    r.id = ctx.new_record_id();
    r.key = encode_key(OffsetCommitKey{req.group_id, p.tp});
    r.value = encode_value(OffsetCommitValue{p.committed_offset, p.committed_leader_epoch,
                                             p.committed_metadata, ctx.now().ms()});
    r.timestamp_ms = ctx.now().ms();
    records.push_back(std::move(r));
  }
  if (records.empty()) {
    ctx.send(from, commit_response(req, proto::ErrorCode::NONE));
    return;
  }
  write_group_records(
      b, from, req.correlation_id, partition_for(b, req.group_id), std::move(records),
      PendingCommit{req.group_id, req.partitions, ctx.now().ms(), true, std::nullopt}, ctx);
}

void finish_group_write(Broker& b, const DelayedProduce& d, proto::ErrorCode error,
                        runtime::Context& ctx) {
  const PendingCommit& c = *d.commit;
  const proto::ErrorCode result = commit_error(error);
  if (c.sync_generation) {
    finish_sync(b, c.group_id, *c.sync_generation, result, ctx);
    return;
  }
  if (result == proto::ErrorCode::NONE && coordinates(b, c.group_id)) {
    GroupState& g = group_named(b, c.group_id, ctx);
    for (const proto::OffsetCommitPartition& p : c.partitions) {
      if (p.committed_offset < 0) {
        g.offsets.erase(p.tp);  // a tombstone written by expiry
      } else {
        g.offsets[p.tp] = CommittedOffset{p.committed_offset, p.committed_leader_epoch,
                                          p.committed_metadata, c.commit_timestamp_ms};
      }
    }
  }
  // GroupMetadataManager.cleanupGroupMetadata: an Empty group whose last offsets expired is Dead
  // and forgotten.
  const auto g = b.memory.coordinator.groups.find(c.group_id);
  if (g != b.memory.coordinator.groups.end() && g->second.phase == GroupPhase::kEmpty &&
      g->second.members.empty() && g->second.offsets.empty() && result == proto::ErrorCode::NONE) {
    ctx.record(trace::EntityRef{trace::EntityKind::kGroup, b.id.value,
                                static_cast<int32_t>(g->second.key)},
               trace::Field::kGroupState, static_cast<int64_t>(GroupPhase::kEmpty),
               static_cast<int64_t>(GroupPhase::kDead));
    b.memory.coordinator.groups.erase(g);
  }
  if (!c.reply) return;
  proto::OffsetCommitResponse resp;
  resp.correlation_id = d.correlation_id;
  for (const proto::OffsetCommitPartition& p : c.partitions) {
    resp.partitions.push_back(proto::PartitionError{p.tp, result});
  }
  ctx.send(d.client, std::move(resp));
}

void handle_offset_fetch(Broker& b, NodeId from, const proto::OffsetFetchRequest& req,
                         runtime::Context& ctx) {
  proto::OffsetFetchResponse resp;
  resp.correlation_id = req.correlation_id;
  if (!coordinates(b, req.group_id)) {
    resp.error = proto::ErrorCode::NOT_COORDINATOR;
    ctx.send(from, std::move(resp));
    return;
  }
  const auto g = b.memory.coordinator.groups.find(req.group_id);
  auto committed = [&](const kafka::TopicPartition& tp) -> const CommittedOffset* {
    if (g == b.memory.coordinator.groups.end()) return nullptr;
    const auto it = g->second.offsets.find(tp);
    return it == g->second.offsets.end() ? nullptr : &it->second;
  };
  std::vector<kafka::TopicPartition> wanted = req.partitions;
  if (wanted.empty() && g != b.memory.coordinator.groups.end()) {
    for (const auto& [tp, o] : g->second.offsets) wanted.push_back(tp);
  }
  for (const kafka::TopicPartition& tp : wanted) {
    proto::OffsetFetchPartition p;
    p.tp = tp;
    if (const CommittedOffset* o = committed(tp)) {
      p.committed_offset = o->offset;
      p.committed_leader_epoch = o->leader_epoch;
      p.metadata = o->metadata;
    }
    resp.partitions.push_back(std::move(p));
  }
  ctx.send(from, std::move(resp));
}

void load_group_partition(Broker& b, int32_t partition, runtime::Context& ctx) {
  unload_group_partition(b, partition);
  const log::PartitionLog* log = log_of(b, kafka::TopicPartition{kOffsetsTopic, partition});
  if (log == nullptr) return;
  // Simplification: loading is instant (docs/groups.md); Kafka answers
  // COORDINATOR_LOAD_IN_PROGRESS while it reads the partition.
  for (size_t i = 0; i < log->segment_count(); ++i) {
    for (const kafka::BatchPtr& batch : log->segment(i).batches()) {
      for (const kafka::BatchRecord& r : batch->records) apply_record(b, r.record, ctx);
    }
  }
  b.memory.coordinator.loaded.insert(partition);
}

void unload_group_partition(Broker& b, int32_t partition) {
  GroupCoordinator& gc = b.memory.coordinator;
  gc.loaded.erase(partition);
  for (auto it = gc.groups.begin(); it != gc.groups.end();) {
    it = partition_for(b, it->first) == partition ? gc.groups.erase(it) : std::next(it);
  }
}

void expire_group_offsets(Broker& b, runtime::Context& ctx) {
  const int64_t retention_ms = b.config.offsets_retention_minutes * 60 * 1000;
  struct Expiry {
    std::string group;
    std::vector<kafka::Record> tombstones;
    std::vector<proto::OffsetCommitPartition> expired;
  };
  // Planned first, written after: a write may complete at once and remove a Dead group.
  std::vector<Expiry> plans;
  for (const auto& [group, g] : b.memory.coordinator.groups) {
    if (!group_is_empty(b, group)) continue;
    Expiry plan{group, {}, {}};
    for (const auto& [tp, o] : g.offsets) {
      // KIP-211: a group that used membership loses its offsets a retention period after it
      // became Empty; a group of assign() consumers, each offset after its own commit.
      const int64_t since = g.protocol_type.empty() ? o.commit_timestamp_ms : g.empty_since.ms();
      if (since + retention_ms > ctx.now().ms()) continue;
      kafka::Record r;
      r.id = ctx.new_record_id();
      r.key = encode_key(OffsetCommitKey{group, tp});
      r.timestamp_ms = ctx.now().ms();
      plan.tombstones.push_back(std::move(r));
      plan.expired.push_back(proto::OffsetCommitPartition{tp, -1, -1, ""});
    }
    if (!plan.tombstones.empty()) plans.push_back(std::move(plan));
  }
  for (Expiry& plan : plans) {
    write_group_records(
        b, b.id, -1, partition_for(b, plan.group), std::move(plan.tombstones),
        PendingCommit{plan.group, std::move(plan.expired), ctx.now().ms(), false, std::nullopt},
        ctx);
  }
}

}  // namespace ksim::cluster::detail
