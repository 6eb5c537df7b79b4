#include "engine/cluster/controller_quorum.h"

#include <algorithm>

#include "engine/cluster/controller_ops.h"

namespace ksim::cluster {
namespace {

// KRaft's defaults (controller.quorum.fetch.timeout.ms, election timeout and backoff).
constexpr int64_t kFetchTimeoutMs = 2000;
constexpr int64_t kElectionTimeoutMs = 1000;
constexpr int64_t kElectionBackoffMaxMs = 1000;
constexpr int64_t kFetchMaxWaitMs = 500;

trace::EntityRef node_entity(const Controller& c) {
  return {trace::EntityKind::kNode, c.id.value, 0};
}

int64_t log_end(const Controller& c) { return static_cast<int64_t>(c.disk.metadata_log.size()); }

int32_t last_epoch(const Controller& c) {
  const auto e = c.disk.epochs.latest_epoch();
  return e ? *e : -1;
}

size_t majority(const Controller& c) { return c.voters.size() / 2 + 1; }

void set_role(Controller& c, QuorumRole role, runtime::Context& ctx) {
  ctx.record(node_entity(c), trace::Field::kQuorumRole, static_cast<int64_t>(c.memory.role),
             static_cast<int64_t>(role));
  c.memory.role = role;
}

void set_epoch(Controller& c, int32_t epoch, runtime::Context& ctx) {
  if (epoch == c.disk.quorum_epoch) return;
  ctx.record(node_entity(c), trace::Field::kQuorumEpoch, c.disk.quorum_epoch, epoch);
  c.disk.quorum_epoch = epoch;
  c.disk.voted_for = NodeId{-1};
}

// The image is the whole local log applied (rebuilt after a truncation).
void rebuild_image(Controller& c) {
  c.memory.image = MetadataImage{};
  for (size_t i = 0; i < c.disk.metadata_log.size(); ++i) {
    c.memory.image.apply(c.disk.metadata_log[i]);
  }
}

// One chain of fetch-timeout checks runs while the controller is not active.
void arm_fetch_timeout(Controller& c, runtime::Context& ctx) {
  if (c.memory.fetch_timer_armed) return;
  c.memory.fetch_timer_armed = true;
  ctx.set_timer(SimTime::from_ms(kFetchTimeoutMs), proto::TimerKind::kQuorumFetchTimeout);
}

void send_fetch(Controller& c, runtime::Context& ctx) {
  if (c.memory.role != QuorumRole::kStandby || c.memory.fetch_in_flight) return;
  if (c.memory.leader.value < 0) return;
  c.memory.fetch_in_flight = true;
  ctx.send(c.memory.leader,
           proto::QuorumFetchRequest{c.disk.quorum_epoch, log_end(c), last_epoch(c)});
}

void become_standby(Controller& c, NodeId leader, runtime::Context& ctx) {
  set_role(c, QuorumRole::kStandby, ctx);
  c.memory.leader = leader;
  c.memory.outbox.clear();
  c.memory.last_heard = ctx.now();
  c.memory.fetch_in_flight = false;
  c.memory.parked.clear();
  arm_fetch_timeout(c, ctx);
  send_fetch(c, ctx);
}

void become_active(Controller& c, runtime::Context& ctx) {
  set_role(c, QuorumRole::kActive, ctx);
  c.memory.leader = c.id;
  c.memory.match.clear();
  c.memory.votes.clear();
  // The new epoch starts with a LeaderChange record; committing it commits everything before.
  commit(c, proto::LeaderChangeRecord{c.disk.quorum_epoch, c.id}, ctx);
  for (NodeId v : c.voters) {
    if (v != c.id) ctx.send(v, proto::BeginQuorumEpoch{c.disk.quorum_epoch});
  }
  begin_active_duties(c, ctx);
}

void start_election(Controller& c, runtime::Context& ctx) {
  set_role(c, QuorumRole::kCandidate, ctx);
  set_epoch(c, c.disk.quorum_epoch + 1, ctx);
  c.disk.voted_for = c.id;
  c.memory.leader = NodeId{-1};
  c.memory.votes = {c.id.value};
  for (NodeId v : c.voters) {
    if (v != c.id) ctx.send(v, proto::VoteRequest{c.disk.quorum_epoch, last_epoch(c), log_end(c)});
  }
  const int64_t backoff = c.election_rng.between(0, kElectionBackoffMaxMs);
  ctx.set_timer(SimTime::from_ms(kElectionTimeoutMs + backoff),
                proto::TimerKind::kQuorumElectionTimeout, c.disk.quorum_epoch);
}

// Completes a fetch answer with the records from `fetch_offset` on and the committed offset.
void send_records(const Controller& c, NodeId to, int64_t fetch_offset,
                  proto::QuorumFetchResponse resp, runtime::Context& ctx) {
  resp.records.first_offset = fetch_offset;
  for (int64_t i = fetch_offset; i < log_end(c); ++i) {
    resp.records.records.push_back(c.disk.metadata_log[static_cast<size_t>(i)]);
  }
  resp.high_watermark = c.memory.high_watermark;
  ctx.send(to, std::move(resp));
}

// Any message from a higher epoch makes this controller a standby in that epoch.
void observe_epoch(Controller& c, int32_t epoch, NodeId leader, runtime::Context& ctx) {
  if (epoch <= c.disk.quorum_epoch) return;
  set_epoch(c, epoch, ctx);
  become_standby(c, leader, ctx);
}

}  // namespace

void start_quorum(Controller& c, runtime::Context& ctx) {
  if (c.voters.size() <= 1) {
    set_role(c, QuorumRole::kActive, ctx);
    c.memory.leader = c.id;
    c.memory.high_watermark = log_end(c);
    begin_active_duties(c, ctx);
    return;
  }
  c.memory.role = QuorumRole::kStandby;
  c.memory.last_heard = ctx.now();
  arm_fetch_timeout(c, ctx);
  // A restarted voter rejoins the epoch it knew and asks the voters who leads now.
  for (NodeId v : c.voters) {
    if (v != c.id)
      ctx.send(v, proto::QuorumFetchRequest{c.disk.quorum_epoch, log_end(c), last_epoch(c)});
  }
}

void advance_high_watermark(Controller& c, runtime::Context& ctx) {
  if (c.memory.role != QuorumRole::kActive) return;
  std::vector<int64_t> ends{log_end(c)};
  for (NodeId v : c.voters) {
    if (v == c.id) continue;
    const auto it = c.memory.match.find(v.value);
    ends.push_back(it == c.memory.match.end() ? 0 : it->second);
  }
  std::sort(ends.begin(), ends.end(), std::greater<>());
  int64_t hw = ends[majority(c) - 1];
  // Raft: only an entry of the current epoch commits by counting replicas.
  const log::EpochEndOffset start = c.disk.epochs.end_offset_for(c.disk.quorum_epoch - 1, hw);
  if (c.voters.size() > 1 && hw <= start.end_offset) return;
  if (hw <= c.memory.high_watermark) return;
  if (c.voters.size() > 1) {
    ctx.record(node_entity(c), trace::Field::kHighWatermark, c.memory.high_watermark, hw);
  }
  c.memory.high_watermark = hw;
  std::vector<Outgoing> waiting;
  waiting.swap(c.memory.outbox);
  for (Outgoing& o : waiting) {
    if (o.after_offset <= hw) {
      ctx.send(o.to, std::move(o.payload));
    } else {
      c.memory.outbox.push_back(std::move(o));
    }
  }
}

void handle_quorum_fetch(Controller& c, NodeId from, const proto::QuorumFetchRequest& req,
                         runtime::Context& ctx) {
  observe_epoch(c, req.epoch, NodeId{-1}, ctx);
  proto::QuorumFetchResponse resp;
  resp.epoch = c.disk.quorum_epoch;
  resp.leader = c.memory.leader;
  resp.is_leader = c.memory.role == QuorumRole::kActive && req.epoch == c.disk.quorum_epoch;
  if (!resp.is_leader) {
    ctx.send(from, std::move(resp));
    return;
  }
  if (req.last_fetched_epoch >= 0) {
    const log::EpochEndOffset end =
        c.disk.epochs.end_offset_for(req.last_fetched_epoch, log_end(c));
    if (end.epoch < req.last_fetched_epoch || end.end_offset < req.fetch_offset) {
      resp.diverging_epoch = proto::EpochEndOffset{end.epoch, end.end_offset};
      ctx.send(from, std::move(resp));
      return;
    }
  }
  c.memory.match[from.value] = req.fetch_offset;
  advance_high_watermark(c, ctx);
  if (req.fetch_offset >= log_end(c)) {
    // Long poll: answered when records arrive or after the max wait.
    c.memory.parked[from.value] = req;
    ctx.set_timer(SimTime::from_ms(kFetchMaxWaitMs), proto::TimerKind::kQuorumFetchPark,
                  from.value);
    return;
  }
  send_records(c, from, req.fetch_offset, std::move(resp), ctx);
}

void answer_parked_fetches(Controller& c, runtime::Context& ctx) {
  std::map<int32_t, proto::QuorumFetchRequest> parked;
  parked.swap(c.memory.parked);
  for (const auto& [node, req] : parked) handle_quorum_fetch(c, NodeId{node}, req, ctx);
}

void handle_quorum_fetch_response(Controller& c, NodeId from,
                                  const proto::QuorumFetchResponse& resp, runtime::Context& ctx) {
  observe_epoch(c, resp.epoch, resp.is_leader ? from : resp.leader, ctx);
  if (c.memory.role != QuorumRole::kStandby || resp.epoch != c.disk.quorum_epoch) return;
  c.memory.fetch_in_flight = false;
  if (!resp.is_leader) {
    c.memory.leader = resp.leader;
    ctx.set_timer(SimTime::from_ms(kFetchMaxWaitMs), proto::TimerKind::kQuorumFetchNext);
    return;
  }
  c.memory.leader = from;
  c.memory.last_heard = ctx.now();
  if (resp.diverging_epoch) {
    // Cut back to where this log's history of that epoch ends (as a broker follower does).
    const log::EpochEndOffset mine =
        c.disk.epochs.end_offset_for(resp.diverging_epoch->epoch, log_end(c));
    const int64_t keep = std::min(
        {resp.diverging_epoch->end_offset, mine.end_offset < 0 ? 0 : mine.end_offset, log_end(c)});
    ctx.record(node_entity(c), trace::Field::kTruncatedTo, log_end(c), keep);
    c.disk.metadata_log.truncate(static_cast<size_t>(keep));
    c.disk.epochs.truncate_from_end(keep);
    rebuild_image(c);
  }
  for (size_t i = 0; i < resp.records.records.size(); ++i) {
    const int64_t offset = resp.records.first_offset + static_cast<int64_t>(i);
    if (offset != log_end(c)) continue;
    const proto::MetadataRecord& r = resp.records.records[i];
    if (const auto* change = std::get_if<proto::LeaderChangeRecord>(&r)) {
      c.disk.epochs.assign(change->epoch, offset);
    }
    c.disk.metadata_log.push_back(r);
    c.memory.image.apply(r);
  }
  c.memory.high_watermark = std::min(resp.high_watermark, log_end(c));
  send_fetch(c, ctx);
}

void handle_vote(Controller& c, NodeId from, const proto::VoteRequest& req, runtime::Context& ctx) {
  observe_epoch(c, req.epoch, NodeId{-1}, ctx);
  const bool up_to_date = std::make_pair(req.last_epoch, req.log_end_offset) >=
                          std::make_pair(last_epoch(c), log_end(c));
  const bool free = c.disk.voted_for.value < 0 || c.disk.voted_for == from;
  const bool granted = req.epoch == c.disk.quorum_epoch && free && up_to_date &&
                       c.memory.role != QuorumRole::kActive;
  if (granted) {
    c.disk.voted_for = from;
    c.memory.last_heard = ctx.now();  // give the candidate time to win
  }
  ctx.send(from, proto::VoteResponse{c.disk.quorum_epoch, granted});
}

void handle_vote_response(Controller& c, NodeId from, const proto::VoteResponse& resp,
                          runtime::Context& ctx) {
  observe_epoch(c, resp.epoch, NodeId{-1}, ctx);
  if (c.memory.role != QuorumRole::kCandidate || resp.epoch != c.disk.quorum_epoch) return;
  if (!resp.granted) return;
  if (std::find(c.memory.votes.begin(), c.memory.votes.end(), from.value) == c.memory.votes.end()) {
    c.memory.votes.push_back(from.value);
  }
  if (c.memory.votes.size() >= majority(c)) become_active(c, ctx);
}

void handle_begin_epoch(Controller& c, NodeId from, const proto::BeginQuorumEpoch& begin,
                        runtime::Context& ctx) {
  if (begin.epoch < c.disk.quorum_epoch) return;
  set_epoch(c, begin.epoch, ctx);
  become_standby(c, from, ctx);
}

void on_quorum_timer(Controller& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx) {
  switch (kind) {
    case proto::TimerKind::kQuorumFetchTimeout:
      c.memory.fetch_timer_armed = false;
      if (c.memory.role == QuorumRole::kStandby &&
          ctx.now() - c.memory.last_heard >= SimTime::from_ms(kFetchTimeoutMs)) {
        start_election(c, ctx);
      }
      if (c.memory.role != QuorumRole::kActive) arm_fetch_timeout(c, ctx);
      return;
    case proto::TimerKind::kQuorumElectionTimeout:
      if (c.memory.role == QuorumRole::kCandidate && arg == c.disk.quorum_epoch) {
        start_election(c, ctx);
      }
      return;
    case proto::TimerKind::kQuorumFetchNext:
      send_fetch(c, ctx);
      return;
    case proto::TimerKind::kQuorumFetchPark: {
      const auto it = c.memory.parked.find(static_cast<int32_t>(arg));
      if (it == c.memory.parked.end()) return;
      // The long poll ends with whatever there is (nothing new, or it would have been sent).
      const int64_t fetch_offset = it->second.fetch_offset;
      c.memory.parked.erase(it);
      proto::QuorumFetchResponse resp;
      resp.epoch = c.disk.quorum_epoch;
      resp.leader = c.id;
      resp.is_leader = c.memory.role == QuorumRole::kActive;
      send_records(c, NodeId{static_cast<int32_t>(arg)}, fetch_offset, std::move(resp), ctx);
      return;
    }
    default:
      return;
  }
}

}  // namespace ksim::cluster
