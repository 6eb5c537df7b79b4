// What a lesson's expectations, the CLI and the viewer ask of a world at one moment: which
// broker leads a partition, a replica's log, a group as its coordinator holds it, a client by
// name. Read-only. A crashed node knows nothing: only running brokers answer.
#pragma once

#include <cstdint>
#include <string>

#include "engine/world/world.h"

namespace ksim::world {

// The broker on node `node`, if that node is a running broker.
const cluster::Broker* running_broker(const World& w, size_t node);
// The first running broker (lowest node, so lowest id): whom a tool with every broker in its
// bootstrap list would ask.
const cluster::Broker* first_running_broker(const World& w);
// The running broker with this id.
const cluster::Broker* broker_with_id(const World& w, int32_t broker_id);
// This broker's hosted partition `tp`, if it hosts it.
const cluster::HostedPartition* hosted(const cluster::Broker& b, const kafka::TopicPartition& tp);

// The running broker that leads `tp` at the highest leader epoch: an old leader cut off from the
// cluster still believes it leads, but at an older epoch. nullptr while the partition is offline.
const cluster::Broker* partition_leader(const World& w, const kafka::TopicPartition& tp);

// The log of `tp` on broker `broker_id` (running), or on the partition's leader when none given.
const log::PartitionLog* replica_log(const World& w, const kafka::TopicPartition& tp,
                                     std::optional<int32_t> broker_id = std::nullopt);

// The record at `offset` in `log`, or nullptr when no record has it (below the log start, at or
// above the log end, or removed by compaction).
const kafka::Record* record_at(const log::PartitionLog& log, int64_t offset);

// A group as its coordinator (the leader of its __consumer_offsets partition) holds it; both
// null when no running coordinator has it loaded (Kafka then reports the group Dead).
struct GroupAt {
  const cluster::Broker* coordinator = nullptr;
  const cluster::GroupState* group = nullptr;
};
GroupAt find_group(const World& w, const std::string& group);

const client::Consumer* consumer_named(const World& w, const std::string& name);
const client::Producer* producer_named(const World& w, const std::string& name);

}  // namespace ksim::world
