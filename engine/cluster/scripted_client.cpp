#include "engine/cluster/scripted_client.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace ksim::cluster {
namespace {

const kafka::TopicPartition* partition_of(const proto::Action& a) {
  if (const auto* p = std::get_if<proto::ClientProduce>(&a)) return &p->tp;
  if (const auto* f = std::get_if<proto::ClientFetch>(&a)) return &f->tp;
  return nullptr;
}

// Asks a bootstrap broker about the topics waiting actions need (every topic when none wait).
// Like Kafka's producer, it allows the broker to create a missing topic.
void request_metadata(ScriptedClient& c, runtime::Context& ctx) {
  // Brokers learned from earlier answers first, then the bootstrap list; each retry after a
  // timeout asks the next one (Kafka's clients pick a "least loaded" known node).
  std::vector<NodeId> candidates;
  for (const auto& [id, node] : c.memory.brokers) candidates.push_back(node);
  candidates.insert(candidates.end(), c.bootstrap.begin(), c.bootstrap.end());
  if (candidates.empty()) return;
  const NodeId to = candidates[c.memory.bootstrap_index % candidates.size()];
  const int64_t corr = c.memory.next_correlation_id++;
  c.memory.metadata_correlation = corr;
  std::vector<std::string> topics;
  for (const proto::Action& a : c.memory.waiting) {
    const kafka::TopicPartition* tp = partition_of(a);
    if (tp != nullptr && std::find(topics.begin(), topics.end(), tp->topic) == topics.end()) {
      topics.push_back(tp->topic);
    }
  }
  ctx.send(to, proto::MetadataRequest{corr, topics, true});
  ctx.set_timer(SimTime::from_ms(c.request_timeout_ms), proto::TimerKind::kClientRequestTimeout,
                corr);
}

std::optional<NodeId> leader_node(const ScriptedClient& c, const kafka::TopicPartition& tp) {
  const auto l = c.memory.leaders.find(tp);
  if (l == c.memory.leaders.end() || l->second < 0) return std::nullopt;
  const auto n = c.memory.brokers.find(l->second);
  if (n == c.memory.brokers.end()) return std::nullopt;
  return n->second;
}

void send_produce(ScriptedClient& c, const proto::ClientProduce& a, NodeId leader,
                  runtime::Context& ctx) {
  ProduceOutcome out;
  out.correlation_id = c.memory.next_correlation_id++;
  out.tp = a.tp;
  out.acks = a.acks;
  proto::ProduceRequest req{out.correlation_id, a.acks, c.request_timeout_ms, a.tp, {}};
  for (int32_t i = 0; i < a.count; ++i) {
    kafka::Record r;
    r.id = ctx.new_record_id();
    r.key = a.key;
    r.value = c.name + "-" + std::to_string(c.memory.next_value++);
    r.timestamp_ms = ctx.now().ms();
    out.records.push_back(r.id);
    out.values.push_back(*r.value);
    req.records.push_back(std::move(r));
  }
  // acks=0: the client never hears back and counts the send as done.
  if (a.acks == 0) out.answered = true;
  c.memory.produced.push_back(std::move(out));
  ctx.send(leader, std::move(req));
  if (a.acks != 0) {
    ctx.set_timer(SimTime::from_ms(c.request_timeout_ms), proto::TimerKind::kClientRequestTimeout,
                  c.memory.produced.back().correlation_id);
  }
}

void send_fetch(ScriptedClient& c, const proto::ClientFetch& a, NodeId leader,
                runtime::Context& ctx) {
  proto::FetchRequest req;
  req.correlation_id = c.memory.next_correlation_id++;
  req.replica_id = -1;
  req.max_wait_ms = 0;
  req.partitions.push_back(proto::FetchPartition{a.tp, -1, a.offset, -1, 1048576});
  ctx.send(leader, std::move(req));
}

// Runs an action now if the partition's leader is known, else waits for metadata.
void run(ScriptedClient& c, const proto::Action& action, runtime::Context& ctx) {
  const kafka::TopicPartition* tp = partition_of(action);
  if (tp == nullptr) return;
  const std::optional<NodeId> leader = leader_node(c, *tp);
  if (!leader) {
    c.memory.waiting.push_back(action);
    request_metadata(c, ctx);
    return;
  }
  if (const auto* p = std::get_if<proto::ClientProduce>(&action)) send_produce(c, *p, *leader, ctx);
  if (const auto* f = std::get_if<proto::ClientFetch>(&action)) send_fetch(c, *f, *leader, ctx);
}

void handle_metadata(ScriptedClient& c, const proto::MetadataResponse& resp,
                     runtime::Context& ctx) {
  if (resp.correlation_id == c.memory.metadata_correlation) c.memory.metadata_correlation = -1;
  for (const proto::MetadataBroker& b : resp.brokers) c.memory.brokers[b.broker_id] = b.node;
  for (const proto::MetadataTopic& t : resp.topics) {
    for (const proto::MetadataPartition& p : t.partitions) {
      c.memory.leaders[kafka::TopicPartition{t.name, p.partition}] = p.leader;
    }
  }
  std::vector<proto::Action> waiting;
  waiting.swap(c.memory.waiting);
  for (const proto::Action& a : waiting) {
    const kafka::TopicPartition* tp = partition_of(a);
    // Still no leader: keep waiting for the next metadata answer.
    if (tp != nullptr && !leader_node(c, *tp)) {
      c.memory.waiting.push_back(a);
    } else {
      run(c, a, ctx);
    }
  }
  // Leaders still unknown (a topic being created, an election under way): ask again after
  // retry.backoff.ms (100 ms), as Kafka's clients do.
  if (!c.memory.waiting.empty()) {
    ctx.set_timer(SimTime::from_ms(100), proto::TimerKind::kClientMetadataRetry);
  }
}

void handle_produce_response(ScriptedClient& c, const proto::ProduceResponse& resp,
                             runtime::Context& ctx) {
  for (ProduceOutcome& out : c.memory.produced) {
    if (out.correlation_id != resp.correlation_id || out.answered) continue;
    out.answered = true;
    out.error = resp.error;
    out.base_offset = resp.base_offset;
  }
  // A stale leader: learn the new one (the test decides whether to produce again).
  if (resp.error == kafka::ErrorCode::NOT_LEADER_OR_FOLLOWER) {
    c.memory.leaders.erase(resp.tp);
    request_metadata(c, ctx);
  }
}

void handle_fetch_response(ScriptedClient& c, const proto::FetchResponse& resp) {
  for (const proto::FetchPartitionData& data : resp.partitions) {
    for (const kafka::BatchPtr& batch : data.batches) {
      for (const kafka::BatchRecord& r : batch->records) {
        c.memory.consumed.push_back(ConsumedRecord{data.tp, batch->base_offset + r.offset_delta,
                                                   r.record.id, r.record.value});
      }
    }
  }
}

// The broker a request went to had crashed: fail the request at once, as a disconnect does,
// and look for the current leader.
void handle_connection_closed(ScriptedClient& c, const proto::ConnectionClosed& closed,
                              runtime::Context& ctx) {
  const auto kind = static_cast<proto::MessageKind>(closed.dropped_kind);
  if (kind == proto::MessageKind::kMetadataRequest &&
      closed.correlation_id == c.memory.metadata_correlation) {
    ++c.memory.bootstrap_index;
    request_metadata(c, ctx);
    return;
  }
  if (kind != proto::MessageKind::kProduceRequest) return;
  for (ProduceOutcome& out : c.memory.produced) {
    if (out.correlation_id != closed.correlation_id || out.answered) continue;
    out.answered = true;
    out.error = kafka::ErrorCode::NETWORK_EXCEPTION;
    c.memory.leaders.erase(out.tp);
    request_metadata(c, ctx);
  }
}

}  // namespace

void on_start(ScriptedClient& c, runtime::Context& ctx) { request_metadata(c, ctx); }

void on_crash(ScriptedClient& c) { c.memory = ScriptedClientMemory{}; }

void on_message(ScriptedClient& c, NodeId /*from*/, const proto::Payload& payload,
                runtime::Context& ctx) {
  if (const auto* m = std::get_if<proto::MetadataResponse>(&payload)) {
    handle_metadata(c, *m, ctx);
  } else if (const auto* p = std::get_if<proto::ProduceResponse>(&payload)) {
    handle_produce_response(c, *p, ctx);
  } else if (const auto* f = std::get_if<proto::FetchResponse>(&payload)) {
    handle_fetch_response(c, *f);
  } else if (const auto* closed = std::get_if<proto::ConnectionClosed>(&payload)) {
    handle_connection_closed(c, *closed, ctx);
  }
}

void on_timer(ScriptedClient& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx) {
  if (kind == proto::TimerKind::kClientMetadataRetry) {
    if (!c.memory.waiting.empty()) request_metadata(c, ctx);
    return;
  }
  if (kind != proto::TimerKind::kClientRequestTimeout) return;
  for (ProduceOutcome& out : c.memory.produced) {
    if (out.correlation_id == arg && !out.answered) {
      out.answered = true;
      out.error = kafka::ErrorCode::REQUEST_TIMED_OUT;
      c.memory.leaders.erase(out.tp);
      request_metadata(c, ctx);
      return;
    }
  }
  // A metadata request that got no answer: ask the next bootstrap broker.
  if (arg == c.memory.metadata_correlation) {
    ++c.memory.bootstrap_index;
    request_metadata(c, ctx);
  }
}

void on_action(ScriptedClient& c, const proto::Action& action, runtime::Context& ctx) {
  run(c, action, ctx);
}

}  // namespace ksim::cluster
