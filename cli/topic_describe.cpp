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
  std::vector<std::string> all;
  for (const auto& [name, t] : image.topics) all.push_back(name);
  return describe_topics(image, all, TopicReport{});
}

std::string describe_topics(const cluster::MetadataImage& image,
                            const std::vector<std::string>& topics, const TopicReport& report) {
  // TopicCommand.DescribeOptions: headers unless a partition report is asked for, partition
  // lines unless --topics-with-overrides.
  const bool any_partition_report =
      report.under_replicated || report.under_min_isr || report.at_min_isr || report.unavailable;
  const bool describe_configs = !any_partition_report;
  const bool describe_partitions = !report.with_overrides;
  std::string out;
  for (const std::string& name : topics) {
    const cluster::TopicImage* t = image.topic(name);
    if (t == nullptr || t->partitions.empty()) continue;
    const size_t rf = t->partitions.front().replicas.size();
    if (describe_configs && (!report.with_overrides || !t->configs.empty())) {
      out += fmt::format(
          "Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n", name,
          kafka::to_string(t->uuid), t->partitions.size(), rf, configs_of(*t));
    }
    if (!describe_partitions) continue;
    const auto min_isr_config = t->configs.find("min.insync.replicas");
    const int64_t min_isr = min_isr_config == t->configs.end() ? report.default_min_isr
                                                               : std::stoll(min_isr_config->second);
    for (const proto::PartitionRecord& p : t->partitions) {
      const bool has_leader = p.leader >= 0;
      const auto live = image.brokers.find(p.leader);
      const auto isr = static_cast<int64_t>(p.isr.size());
      const bool matches =
          (report.under_replicated && static_cast<int64_t>(p.replicas.size()) > isr) ||
          (report.unavailable &&
           (!has_leader || live == image.brokers.end() || live->second.fenced)) ||
          (report.under_min_isr && (!has_leader || isr < min_isr)) ||
          (report.at_min_isr && isr == min_isr);
      if (!describe_configs && !matches) continue;
      const std::string leader = has_leader ? std::to_string(p.leader) : "none";
      out += fmt::format(
          "\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\tElr: \tLastKnownElr: \n",
          name, p.partition, leader, ids(p.replicas), ids(p.isr));
    }
  }
  return out;
}

}  // namespace ksim::cli
