// The Metadata API on a broker (KafkaApis.handleTopicMetadataRequest over the broker's
// metadata image): any broker answers for the whole cluster, which is how a client bootstraps.
// An unknown topic is created when auto.create.topics.enable is set and the client allows it.
#include <algorithm>

#include "engine/cluster/broker_internal.h"

namespace ksim::cluster::detail {
namespace {

proto::MetadataTopic describe_topic(const Broker& b, const TopicImage& t) {
  proto::MetadataTopic out;
  out.name = t.name;
  for (const proto::PartitionRecord& p : t.partitions) {
    proto::MetadataPartition mp;
    mp.partition = p.partition;
    mp.leader = p.leader;
    mp.leader_epoch = p.leader_epoch;
    mp.replicas = p.replicas;
    mp.isr = p.isr;
    for (int32_t r : p.replicas) {
      if (!b.memory.image.is_alive(r)) mp.offline_replicas.push_back(r);
    }
    mp.error = p.leader < 0 ? proto::ErrorCode::LEADER_NOT_AVAILABLE : proto::ErrorCode::NONE;
    out.partitions.push_back(std::move(mp));
  }
  return out;
}

}  // namespace

void handle_metadata_request(Broker& b, NodeId from, const proto::MetadataRequest& req,
                             runtime::Context& ctx) {
  proto::MetadataResponse resp;
  resp.correlation_id = req.correlation_id;
  for (const auto& [id, r] : b.memory.image.brokers) {
    if (!r.fenced) resp.brokers.push_back(proto::MetadataBroker{id, r.node, r.rack});
  }
  // KRaft brokers report a live broker as the "controller" to clients; we report the lowest.
  if (!resp.brokers.empty()) resp.controller_id = resp.brokers.front().broker_id;
  std::vector<std::string> names = req.topics;
  if (names.empty()) {
    for (const auto& [name, t] : b.memory.image.topics) names.push_back(name);
  }
  for (const std::string& name : names) {
    if (const TopicImage* t = b.memory.image.topic(name)) {
      resp.topics.push_back(describe_topic(b, *t));
      continue;
    }
    proto::MetadataTopic missing{name, proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION, {}};
    if (req.allow_auto_topic_creation && b.config.auto_create_topics_enable) {
      ctx.send(active_controller(b),
               proto::CreateTopicsRequest{static_cast<int64_t>(b.memory.next_id++),
                                          name,
                                          static_cast<int32_t>(b.config.num_partitions),
                                          static_cast<int16_t>(b.config.default_replication_factor),
                                          {}});
      missing.error = proto::ErrorCode::LEADER_NOT_AVAILABLE;
    }
    resp.topics.push_back(std::move(missing));
  }
  ctx.send(from, std::move(resp));
}

}  // namespace ksim::cluster::detail
