// Topic creation, deletion and partition addition on the controller
// (ReplicationControlManager.createTopic / deleteTopic / createPartitions).
#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "engine/cluster/controller_ops.h"
#include "engine/cluster/replica_placer.h"
#include "engine/log/topic_config.h"
#include "engine/sim/check.h"

namespace ksim::cluster {
namespace {

// Kafka's Topic.validate: 1 to 249 characters from [a-zA-Z0-9._-], not "." or "..".
std::string invalid_topic_name_reason(const std::string& name) {
  if (name.empty()) return "Topic name is illegal, it can't be empty";
  if (name == "." || name == "..") return "Topic name cannot be \".\" or \"..\"";
  if (name.size() > 249) {
    return "Topic name is illegal, it can't be longer than 249 characters, topic name: " + name;
  }
  for (char ch : name) {
    const bool legal = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                       (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
    if (!legal) {
      return "Topic name \"" + name +
             "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' "
             "and '-'";
    }
  }
  return "";
}

std::vector<UsableBroker> usable_brokers(const Controller& c) {
  std::vector<UsableBroker> brokers;
  for (const auto& [id, b] : c.memory.image.brokers) {
    brokers.push_back(UsableBroker{id, b.rack, b.fenced});
  }
  return brokers;
}

// New partitions [first, first + assignment.size()): the ISR is the live replicas, the leader
// the first of them.
void commit_new_partitions(Controller& c, const std::string& topic, int32_t first,
                           const Assignment& assignment, runtime::Context& ctx) {
  for (size_t i = 0; i < assignment.size(); ++i) {
    proto::PartitionRecord p{.topic = topic,
                             .partition = first + static_cast<int32_t>(i),
                             .replicas = assignment[i],
                             .isr = {},
                             .leader = -1,
                             .leader_epoch = 0,
                             .partition_epoch = 0};
    for (int32_t r : p.replicas) {
      if (c.memory.image.is_alive(r)) p.isr.push_back(r);
    }
    if (!p.isr.empty()) p.leader = p.isr.front();
    commit(c, p, ctx);
  }
}

proto::CreateTopicsResponse failed(const proto::CreateTopicsRequest& req, proto::ErrorCode error,
                                   std::string message) {
  return proto::CreateTopicsResponse{req.correlation_id, req.name, error, std::move(message)};
}

}  // namespace

std::optional<proto::CreateTopicsResponse> refuse_create_topic(
    const Controller& c, const proto::CreateTopicsRequest& req) {
  if (const std::string why = invalid_topic_name_reason(req.name); !why.empty()) {
    return failed(req, proto::ErrorCode::INVALID_TOPIC_EXCEPTION, why);
  }
  if (c.memory.image.topic(req.name) != nullptr) {
    return failed(req, proto::ErrorCode::TOPIC_ALREADY_EXISTS,
                  "Topic '" + req.name + "' already exists.");
  }
  if (req.num_partitions <= 0) {
    return failed(req, proto::ErrorCode::INVALID_PARTITIONS,
                  "Number of partitions was set to an invalid non-positive value.");
  }
  if (req.replication_factor <= 0) {
    return failed(req, proto::ErrorCode::INVALID_REPLICATION_FACTOR,
                  "Replication factor must be larger than 0, or -1 to use the default value.");
  }
  const log::ConfigParseResult parsed = log::parse_topic_config(req.configs);
  if (!parsed.ok()) {
    return failed(req, proto::ErrorCode::INVALID_CONFIG, parsed.problems.front().message);
  }
  // Placement on a copy of the controller's randomness: asking must not change the answer.
  Prng random = c.placement_rng;
  const auto placed = place(PlacementSpec{0, req.num_partitions, req.replication_factor},
                            usable_brokers(c), random);
  if (const auto* error = std::get_if<PlacementError>(&placed)) {
    // ReplicationControlManager.createTopic's wording around the placer's.
    return failed(req, error->error,
                  fmt::format("Unable to replicate the partition {} time(s): {}",
                              req.replication_factor, error->message));
  }
  return std::nullopt;
}

proto::CreateTopicsResponse create_topic(Controller& c, const proto::CreateTopicsRequest& req,
                                         runtime::Context& ctx) {
  if (auto refused = refuse_create_topic(c, req)) return *std::move(refused);
  auto placed = place(PlacementSpec{0, req.num_partitions, req.replication_factor},
                      usable_brokers(c), c.placement_rng);
  KSIM_ASSERT(std::holds_alternative<Assignment>(placed), "refuse_create_topic checked placement");
  const int32_t topic_id = c.memory.image.next_topic_id;
  // Every voter derives the same id for the same topic number, whichever is active.
  Prng ids = Prng::stream(c.seed ^ static_cast<uint64_t>(topic_id), "topic-id");
  const kafka::Uuid uuid = kafka::random_uuid([&] { return ids.next_u64(); });
  commit(c, proto::TopicRecord{req.name, topic_id, uuid, req.configs}, ctx);
  ctx.name_topic(topic_id, req.name);
  commit_new_partitions(c, req.name, 0, std::get<Assignment>(placed), ctx);
  return proto::CreateTopicsResponse{req.correlation_id, req.name, proto::ErrorCode::NONE, ""};
}

void delete_topic(Controller& c, const std::string& name, runtime::Context& ctx) {
  if (c.memory.image.topic(name) == nullptr) return;
  commit(c, proto::RemoveTopicRecord{name}, ctx);
}

proto::ErrorCode alter_topic_config(Controller& c, const proto::AlterTopicConfig& alter,
                                    runtime::Context& ctx) {
  const TopicImage* t = c.memory.image.topic(alter.name);
  if (t == nullptr) return proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
  std::map<std::string, std::string> configs = t->configs;
  for (const auto& [k, v] : alter.set) configs[k] = v;
  for (const std::string& k : alter.remove) configs.erase(k);
  if (!log::parse_topic_config(configs).ok()) return proto::ErrorCode::INVALID_CONFIG;
  commit(c, proto::TopicRecord{t->name, t->topic_id, t->uuid, configs}, ctx);
  return proto::ErrorCode::NONE;
}

void add_partitions(Controller& c, const std::string& name, int32_t total, runtime::Context& ctx) {
  const TopicImage* t = c.memory.image.topic(name);
  if (t == nullptr || total <= static_cast<int32_t>(t->partitions.size())) return;
  const auto current = static_cast<int32_t>(t->partitions.size());
  const auto rf = static_cast<int16_t>(t->partitions.front().replicas.size());
  auto placed =
      place(PlacementSpec{current, total - current, rf}, usable_brokers(c), c.placement_rng);
  if (std::holds_alternative<PlacementError>(placed)) return;
  commit_new_partitions(c, name, current, std::get<Assignment>(placed), ctx);
}

}  // namespace ksim::cluster
