// The KRaft quorum on a controller node (KafkaRaftClient, KIP-595), reduced to its teaching
// core: the active controller appends metadata records; standbys fetch them and their fetch
// offsets tell the active controller what a majority has, which is what is committed; a
// standby that hears nothing from the active controller for controller.quorum.fetch.timeout.ms
// (2000) becomes a candidate, and the candidate with an up-to-date log that wins a majority of
// votes becomes active in a new epoch. With a single voter the controller is simply active.
#pragma once

#include "engine/cluster/controller.h"

namespace ksim::cluster {

// On start: a single voter becomes active; otherwise the controller is a standby and waits
// for an active controller (or for its fetch timeout).
void start_quorum(Controller& c, runtime::Context& ctx);
// Recomputes the committed offset and sends the messages that were waiting for it.
void advance_high_watermark(Controller& c, runtime::Context& ctx);
// Answers parked quorum fetches after an append (their long poll ends).
void answer_parked_fetches(Controller& c, runtime::Context& ctx);

void handle_quorum_fetch(Controller& c, NodeId from, const proto::QuorumFetchRequest& req,
                         runtime::Context& ctx);
void handle_quorum_fetch_response(Controller& c, NodeId from,
                                  const proto::QuorumFetchResponse& resp, runtime::Context& ctx);
void handle_vote(Controller& c, NodeId from, const proto::VoteRequest& req, runtime::Context& ctx);
void handle_vote_response(Controller& c, NodeId from, const proto::VoteResponse& resp,
                          runtime::Context& ctx);
void handle_begin_epoch(Controller& c, NodeId from, const proto::BeginQuorumEpoch& begin,
                        runtime::Context& ctx);
// Quorum timers: a standby's fetch timeout and next fetch, a candidate's election timeout, the
// end of a parked fetch's long poll.
void on_quorum_timer(Controller& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);

}  // namespace ksim::cluster
