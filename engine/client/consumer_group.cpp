// The consumer's side of the group coordinator (Kafka's ConsumerCoordinator, offsets part):
// FindCoordinator to any broker, OffsetFetch for the committed offsets a partition starts
// from (auto.offset.reset applies only when there is none), and OffsetCommit of the current
// positions: automatically every auto.commit.interval.ms from inside poll(), on close(), and
// when the application calls commitSync (retried until it succeeds) or commitAsync (not
// retried).
#include <fmt/format.h>

#include <algorithm>

#include "engine/client/consumer.h"

namespace ksim::client::detail {
namespace {

bool coordinator_error(kafka::ErrorCode e) {
  return e == kafka::ErrorCode::NOT_COORDINATOR ||
         e == kafka::ErrorCode::COORDINATOR_NOT_AVAILABLE ||
         e == kafka::ErrorCode::COORDINATOR_LOAD_IN_PROGRESS ||
         e == kafka::ErrorCode::REQUEST_TIMED_OUT || e == kafka::ErrorCode::NETWORK_EXCEPTION;
}

void coordinator_unknown(Consumer& c) { c.memory.coordinator = -1; }

void send_commit(Consumer& c, InFlightCommit commit, runtime::Context& ctx) {
  commit.correlation_id = c.memory.next_correlation++;
  proto::OffsetCommitRequest req;
  req.correlation_id = commit.correlation_id;
  req.group_id = c.config.group_id;
  if (uses_subscription(c)) {
    // A member commits as its generation; the coordinator refuses a stale one.
    req.generation_id = c.memory.generation;
    req.member_id = c.memory.member_id;
    req.group_instance_id = c.config.group_instance_id;
  }
  req.partitions = commit.offsets;
  ctx.send(c.memory.coordinator_node, std::move(req));
  c.memory.deadlines.add(commit.correlation_id, SimTime::from_ms(c.config.request_timeout_ms), ctx);
  c.memory.commits.push_back(std::move(commit));
}

void log_commit(Consumer& c, const InFlightCommit& commit, std::string error,
                runtime::Context& ctx) {
  CommitOutcome out;
  out.at = ctx.now();
  out.sync = commit.sync;
  out.automatic = commit.automatic;
  for (const proto::OffsetCommitPartition& p : commit.offsets) {
    out.offsets[p.tp] = p.committed_offset;
  }
  out.error = std::move(error);
  c.commit_log.push_back(std::move(out));
}

void commit_answered(Consumer& c, InFlightCommit commit, kafka::ErrorCode error,
                     runtime::Context& ctx) {
  if (error == kafka::ErrorCode::NONE) {
    log_commit(c, commit, "", ctx);
  } else {
    if (coordinator_error(error)) coordinator_unknown(c);
    // commitSync retries retriable errors until it succeeds; commitAsync reports and moves on.
    if (commit.sync && coordinator_error(error)) {
      c.memory.commit_waiting = std::move(commit);
      ensure_coordinator(c, ctx);
      return;
    }
    log_commit(c, commit, fmt::format("CommitFailedException: {}", kafka::error_name(error)), ctx);
  }
  finish_close_if_done(c, ctx);
}

}  // namespace

bool uses_group(const Consumer& c) { return !c.config.group_id.empty(); }

void finish_close_if_done(Consumer& c, runtime::Context& ctx) {
  if (c.memory.state != ConsumerAppState::kClosing) return;
  if (!c.memory.commits.empty() || c.memory.commit_waiting || c.memory.leave_in_flight >= 0) {
    return;
  }
  c.memory.state = ConsumerAppState::kClosed;
  ctx.stop_self();
}

void ensure_coordinator(Consumer& c, runtime::Context& ctx) {
  if (!uses_group(c) || c.memory.coordinator >= 0 || c.memory.find_coordinator_in_flight >= 0) {
    return;
  }
  std::vector<NodeId> nodes;
  for (const auto& [id, b] : c.memory.metadata.brokers) nodes.push_back(b.node);
  if (nodes.empty()) nodes = c.memory.metadata.bootstrap;
  if (nodes.empty()) return;
  const int64_t corr = c.memory.next_correlation++;
  c.memory.find_coordinator_in_flight = corr;
  ctx.send(nodes[c.memory.coordinator_candidate % nodes.size()],
           proto::FindCoordinatorRequest{corr, c.config.group_id});
  c.memory.deadlines.add(corr, SimTime::from_ms(c.config.request_timeout_ms), ctx);
}

void fetch_committed_offsets(Consumer& c, runtime::Context& ctx) {
  if (c.memory.offset_fetch_in_flight >= 0) return;
  proto::OffsetFetchRequest req;
  req.group_id = c.config.group_id;
  for (const auto& [tp, p] : c.memory.assigned) {
    if (!p.position && !p.reset_to && !p.committed_checked) req.partitions.push_back(tp);
  }
  if (req.partitions.empty()) return;
  if (c.memory.coordinator < 0) {
    ensure_coordinator(c, ctx);
    return;
  }
  req.correlation_id = c.memory.next_correlation++;
  c.memory.offset_fetch_in_flight = req.correlation_id;
  c.memory.deadlines.add(req.correlation_id, SimTime::from_ms(c.config.request_timeout_ms), ctx);
  ctx.send(c.memory.coordinator_node, std::move(req));
}

void commit(Consumer& c, bool sync, bool automatic, runtime::Context& ctx) {
  if (!uses_group(c)) {
    c.errors.push_back(
        fmt::format("{} ms: InvalidGroupIdException: To use the group management "
                    "or offset commit APIs, you must provide a valid group.id in "
                    "the consumer configuration.",
                    ctx.now().ms()));
    return;
  }
  InFlightCommit commit;
  commit.sync = sync;
  commit.automatic = automatic;
  for (const auto& [tp, p] : c.memory.assigned) {
    if (p.position) commit.offsets.push_back(proto::OffsetCommitPartition{tp, *p.position, -1, ""});
  }
  if (commit.offsets.empty()) return;
  if (c.memory.coordinator < 0) {
    // Kafka looks the coordinator up first; an async commit waits for it like a sync one.
    c.memory.commit_waiting = std::move(commit);
    ensure_coordinator(c, ctx);
    return;
  }
  send_commit(c, std::move(commit), ctx);
}

void maybe_auto_commit(Consumer& c, runtime::Context& ctx) {
  if (!uses_group(c) || !c.config.enable_auto_commit) return;
  if (ctx.now() < c.memory.next_auto_commit) return;
  // ConsumerCoordinator.poll returns before auto-committing while a rejoin is needed or a
  // join is under way (the eager protocol commits in onJoinPrepare instead).
  if (uses_subscription(c) &&
      (c.memory.rejoin_needed || c.memory.member_state != MemberState::kStable)) {
    return;
  }
  c.memory.next_auto_commit = ctx.now() + SimTime::from_ms(c.config.auto_commit_interval_ms);
  commit(c, false, true, ctx);
}

bool handle_group_response(Consumer& c, const proto::Payload& payload, runtime::Context& ctx) {
  if (const auto* m = std::get_if<proto::FindCoordinatorResponse>(&payload)) {
    if (m->correlation_id != c.memory.find_coordinator_in_flight) return true;
    c.memory.find_coordinator_in_flight = -1;
    if (m->error != kafka::ErrorCode::NONE) {
      // COORDINATOR_NOT_AVAILABLE: __consumer_offsets is being created, or has no leader.
      ++c.memory.coordinator_candidate;
      ctx.set_timer(SimTime::from_ms(c.config.retry_backoff_ms),
                    proto::TimerKind::kClientMetadataRetry);
      return true;
    }
    c.memory.coordinator = m->node_id;
    c.memory.coordinator_node = m->node;
    if (c.memory.commit_waiting) {
      InFlightCommit waiting = std::move(*c.memory.commit_waiting);
      c.memory.commit_waiting.reset();
      send_commit(c, std::move(waiting), ctx);
    }
    fetch_committed_offsets(c, ctx);
    return true;
  }
  if (const auto* m = std::get_if<proto::OffsetFetchResponse>(&payload)) {
    if (m->correlation_id != c.memory.offset_fetch_in_flight) return true;
    c.memory.offset_fetch_in_flight = -1;
    if (m->error != kafka::ErrorCode::NONE) {
      coordinator_unknown(c);
      ensure_coordinator(c, ctx);
      return true;
    }
    for (const proto::OffsetFetchPartition& p : m->partitions) {
      const auto it = c.memory.assigned.find(p.tp);
      if (it == c.memory.assigned.end() || it->second.position) continue;
      it->second.committed_checked = true;
      // A committed offset wins; auto.offset.reset is only for partitions without one.
      if (p.committed_offset >= 0) it->second.position = p.committed_offset;
    }
    if (c.memory.state == ConsumerAppState::kPolling) poll(c, ctx);
    return true;
  }
  if (const auto* m = std::get_if<proto::OffsetCommitResponse>(&payload)) {
    const auto it = std::find_if(
        c.memory.commits.begin(), c.memory.commits.end(),
        [&](const InFlightCommit& f) { return f.correlation_id == m->correlation_id; });
    if (it == c.memory.commits.end()) return true;
    InFlightCommit commit = std::move(*it);
    c.memory.commits.erase(it);
    kafka::ErrorCode error = kafka::ErrorCode::NONE;
    for (const proto::PartitionError& p : m->partitions) {
      if (p.error != kafka::ErrorCode::NONE) error = p.error;
    }
    commit_answered(c, std::move(commit), error, ctx);
    return true;
  }
  return false;
}

bool group_request_failed(Consumer& c, int64_t correlation, runtime::Context& ctx) {
  if (correlation == c.memory.find_coordinator_in_flight) {
    c.memory.find_coordinator_in_flight = -1;
    ++c.memory.coordinator_candidate;
    ctx.set_timer(SimTime::from_ms(c.config.retry_backoff_ms),
                  proto::TimerKind::kClientMetadataRetry);
    return true;
  }
  if (correlation == c.memory.offset_fetch_in_flight) {
    c.memory.offset_fetch_in_flight = -1;
    coordinator_unknown(c);
    return true;
  }
  const auto it =
      std::find_if(c.memory.commits.begin(), c.memory.commits.end(),
                   [&](const InFlightCommit& f) { return f.correlation_id == correlation; });
  if (it == c.memory.commits.end()) return false;
  InFlightCommit commit = std::move(*it);
  c.memory.commits.erase(it);
  commit_answered(c, std::move(commit), kafka::ErrorCode::NETWORK_EXCEPTION, ctx);
  return true;
}

}  // namespace ksim::client::detail
