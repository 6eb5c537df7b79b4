#include "engine/cluster/metadata_image.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace ksim::cluster {

void MetadataImage::apply(const proto::MetadataRecord& record) {
  std::visit(
      [this](const auto& r) {
        using R = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<R, proto::BrokerRecord>) {
          brokers[r.broker_id] = r;
        } else if constexpr (std::is_same_v<R, proto::TopicRecord>) {
          TopicImage& t = topics[r.name];
          t.name = r.name;
          t.topic_id = r.topic_id;
          t.uuid = r.uuid;
          next_topic_id = std::max(next_topic_id, r.topic_id + 1);
          t.configs = r.configs;
        } else if constexpr (std::is_same_v<R, proto::PartitionRecord>) {
          TopicImage& t = topics[r.topic];
          t.name = r.topic;
          const auto index = static_cast<size_t>(r.partition);
          if (t.partitions.size() <= index) t.partitions.resize(index + 1);
          t.partitions[index] = r;
        } else if constexpr (std::is_same_v<R, proto::RemoveTopicRecord>) {
          topics.erase(r.name);
        } else {
          static_assert(std::is_same_v<R, proto::LeaderChangeRecord>, "every record is applied");
          // A control record: it changes no metadata, only marks the new epoch.
        }
      },
      record);
  ++offset;
}

const proto::BrokerRecord* MetadataImage::broker(int32_t id) const {
  const auto it = brokers.find(id);
  return it == brokers.end() ? nullptr : &it->second;
}

const TopicImage* MetadataImage::topic(const std::string& name) const {
  const auto it = topics.find(name);
  return it == topics.end() ? nullptr : &it->second;
}

const proto::PartitionRecord* MetadataImage::partition(const kafka::TopicPartition& tp) const {
  const TopicImage* t = topic(tp.topic);
  if (t == nullptr || tp.partition < 0 ||
      static_cast<size_t>(tp.partition) >= t->partitions.size()) {
    return nullptr;
  }
  return &t->partitions[static_cast<size_t>(tp.partition)];
}

bool MetadataImage::is_alive(int32_t broker_id) const {
  const proto::BrokerRecord* b = broker(broker_id);
  return b != nullptr && !b->fenced;
}

}  // namespace ksim::cluster
