#include "cli/topic_describe.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ksim::cli {
namespace {

std::string ids(const std::vector<int32_t>& v) { return fmt::format("{}", fmt::join(v, ",")); }

std::string configs_of(const cluster::TopicImage& t) {
  std::vector<std::string> entries;
  for (const auto& [k, v] : t.configs) entries.push_back(fmt::format("{}={}", k, v));
  return fmt::format("{}", fmt::join(entries, ","));
}

}  // namespace

std::string describe_topics(const cluster::MetadataImage& image) {
  std::string out;
  for (const auto& [name, t] : image.topics) {
    const size_t rf = t.partitions.empty() ? 0 : t.partitions.front().replicas.size();
    out += fmt::format(
        "Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n", name,
        kafka::to_string(t.uuid), t.partitions.size(), rf, configs_of(t));
    for (const proto::PartitionRecord& p : t.partitions) {
      const std::string leader = p.leader < 0 ? "none" : std::to_string(p.leader);
      out += fmt::format(
          "\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\tElr: \tLastKnownElr: \n",
          name, p.partition, leader, ids(p.replicas), ids(p.isr));
    }
  }
  return out;
}

}  // namespace ksim::cli
