// The KRaft quorum between controllers (KIP-595), reduced to what a learner sees: standbys
// fetch the metadata log from the active controller, a standby that hears nothing for
// controller.quorum.fetch.timeout.ms calls an election, and the winner announces its epoch.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/proto/action.h"
#include "engine/proto/client_api.h"
#include "engine/proto/kraft.h"
#include "engine/sim/ids.h"

namespace ksim::proto {

struct QuorumFetchRequest {
  int32_t epoch = 0;
  int64_t fetch_offset = 0;  // the standby's log end offset
  int32_t last_fetched_epoch = -1;
  friend bool operator==(const QuorumFetchRequest&, const QuorumFetchRequest&) = default;
};

struct QuorumFetchResponse {
  int32_t epoch = 0;
  NodeId leader;               // the active controller as the responder knows it
  bool is_leader = false;      // false: "not the leader, ask `leader`"
  MetadataRecords records;     // from the fetch offset on
  int64_t high_watermark = 0;  // committed: replicated on a majority
  std::optional<EpochEndOffset> diverging_epoch;
  friend bool operator==(const QuorumFetchResponse&, const QuorumFetchResponse&) = default;
};

struct VoteRequest {
  int32_t epoch = 0;
  int32_t last_epoch = -1;  // the candidate's log: last epoch and end offset
  int64_t log_end_offset = 0;
  friend bool operator==(const VoteRequest&, const VoteRequest&) = default;
};

struct VoteResponse {
  int32_t epoch = 0;
  bool granted = false;
  friend bool operator==(const VoteResponse&, const VoteResponse&) = default;
};

// An admin action that reached a controller which is not the active one is forwarded to the
// active controller (Kafka brokers forward admin requests the same way, KIP-590).
struct ForwardedAction {
  Action action;
  friend bool operator==(const ForwardedAction&, const ForwardedAction&) = default;
};

struct BeginQuorumEpoch {
  int32_t epoch = 0;
  friend bool operator==(const BeginQuorumEpoch&, const BeginQuorumEpoch&) = default;
};

}  // namespace ksim::proto
