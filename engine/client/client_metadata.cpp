#include "engine/client/client_metadata.h"

#include <algorithm>

namespace ksim::client {
namespace {

// Known brokers by id once any answer came, else the bootstrap list.
std::vector<NodeId> candidates(const ClientMetadata& m) {
  std::vector<NodeId> nodes;
  for (const auto& [id, b] : m.brokers) nodes.push_back(b.node);
  if (nodes.empty()) nodes = m.bootstrap;
  return nodes;
}

bool has_every_leader(const ClientMetadata& m) {
  for (const std::string& topic : m.wanted) {
    const auto t = m.topics.find(topic);
    if (t == m.topics.end() || t->second.error != kafka::ErrorCode::NONE ||
        t->second.partitions.empty()) {
      return false;
    }
    for (const PartitionLeader& p : t->second.partitions) {
      if (p.leader < 0) return false;
    }
  }
  return true;
}

}  // namespace

void maybe_request_metadata(ClientMetadata& m, int64_t max_age_ms, int64_t retry_backoff_ms,
                            int64_t request_timeout_ms, int64_t& next_correlation,
                            runtime::DeadlineTimer& deadlines, runtime::Context& ctx) {
  if (m.in_flight >= 0) return;
  const bool stale = m.ever_answered && ctx.now() - m.last_update >= SimTime::from_ms(max_age_ms);
  if (!m.need_update && !stale) return;
  const SimTime allowed = m.last_update + SimTime::from_ms(retry_backoff_ms);
  if (m.ever_answered && !stale && ctx.now() < allowed) {
    if (!m.backoff_wake || *m.backoff_wake <= ctx.now()) {
      m.backoff_wake = allowed;
      ctx.set_timer(allowed - ctx.now(), proto::TimerKind::kClientMetadataRetry);
    }
    return;
  }
  const std::vector<NodeId> nodes = candidates(m);
  if (nodes.empty()) return;
  const NodeId to = nodes[m.next_candidate % nodes.size()];
  m.in_flight = next_correlation++;
  // A producer allows auto-creation (allow.auto.create.topics is a consumer setting, true too).
  ctx.send(to, proto::MetadataRequest{
                   m.in_flight, std::vector<std::string>(m.wanted.begin(), m.wanted.end()), true});
  deadlines.add(m.in_flight, SimTime::from_ms(request_timeout_ms), ctx);
}

bool apply_metadata_response(ClientMetadata& m, const proto::MetadataResponse& resp,
                             runtime::Context& ctx) {
  if (resp.correlation_id != m.in_flight) return false;
  m.in_flight = -1;
  m.failed_attempts = 0;
  m.ever_answered = true;
  m.last_update = ctx.now();
  m.brokers.clear();
  for (const proto::MetadataBroker& b : resp.brokers) m.brokers[b.broker_id] = b;
  m.next_candidate = 0;
  for (const proto::MetadataTopic& t : resp.topics) {
    TopicLeaders leaders;
    leaders.error = t.error;
    for (const proto::MetadataPartition& p : t.partitions) {
      if (static_cast<size_t>(p.partition) >= leaders.partitions.size()) {
        leaders.partitions.resize(static_cast<size_t>(p.partition) + 1);
      }
      leaders.partitions[static_cast<size_t>(p.partition)] =
          PartitionLeader{p.leader, p.leader_epoch, p.replicas};
    }
    m.topics[t.name] = std::move(leaders);
  }
  m.need_update = !has_every_leader(m);
  return true;
}

bool metadata_request_failed(ClientMetadata& m, int64_t correlation, int64_t retry_backoff_ms,
                             runtime::Context& ctx) {
  if (correlation != m.in_flight) return false;
  m.in_flight = -1;
  m.need_update = true;
  ++m.next_candidate;
  ++m.failed_attempts;
  ctx.set_timer(SimTime::from_ms(retry_backoff_ms), proto::TimerKind::kClientMetadataRetry);
  return true;
}

std::optional<NodeId> node_of_broker(const ClientMetadata& m, int32_t broker_id) {
  const auto b = m.brokers.find(broker_id);
  if (b == m.brokers.end()) return std::nullopt;
  return b->second.node;
}

const PartitionLeader* partition_leader(const ClientMetadata& m, const kafka::TopicPartition& tp) {
  const auto t = m.topics.find(tp.topic);
  if (t == m.topics.end() || tp.partition < 0 ||
      static_cast<size_t>(tp.partition) >= t->second.partitions.size()) {
    return nullptr;
  }
  return &t->second.partitions[static_cast<size_t>(tp.partition)];
}

std::optional<NodeId> leader_node(const ClientMetadata& m, const kafka::TopicPartition& tp) {
  const PartitionLeader* p = partition_leader(m, tp);
  if (p == nullptr || p->leader < 0) return std::nullopt;
  return node_of_broker(m, p->leader);
}

std::optional<TopicMetadata> topic_metadata(const ClientMetadata& m, const std::string& topic) {
  const auto t = m.topics.find(topic);
  if (t == m.topics.end() || t->second.partitions.empty()) return std::nullopt;
  TopicMetadata out;
  out.partition_count = static_cast<int32_t>(t->second.partitions.size());
  for (size_t i = 0; i < t->second.partitions.size(); ++i) {
    if (t->second.partitions[i].leader >= 0) out.available.push_back(static_cast<int32_t>(i));
  }
  return out;
}

}  // namespace ksim::client
