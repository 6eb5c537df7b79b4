// A node's view of the cluster metadata: what it has applied of the KRaft metadata log. The
// controller keeps the authoritative image (and the log); each broker keeps the image it has
// caught up to, which can lag, and a lagging image is how a partitioned leader keeps
// believing it leads (MetadataImage in Kafka's metadata module).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/proto/metadata_records.h"

namespace ksim::cluster {

struct TopicImage {
  std::string name;
  int32_t topic_id = 0;
  kafka::Uuid uuid;
  std::map<std::string, std::string> configs;
  std::vector<proto::PartitionRecord> partitions;  // by partition index
  friend bool operator==(const TopicImage&, const TopicImage&) = default;
};

struct MetadataImage {
  int64_t offset = 0;  // records applied: the offset of the next record
  int32_t next_topic_id = 1;
  std::map<int32_t, proto::BrokerRecord> brokers;
  std::map<std::string, TopicImage> topics;

  // Applies one record and advances the offset.
  void apply(const proto::MetadataRecord& record);

  const proto::BrokerRecord* broker(int32_t id) const;
  const TopicImage* topic(const std::string& name) const;
  const proto::PartitionRecord* partition(const kafka::TopicPartition& tp) const;
  bool is_alive(int32_t broker_id) const;  // registered and not fenced

  friend bool operator==(const MetadataImage&, const MetadataImage&) = default;
};

}  // namespace ksim::cluster
