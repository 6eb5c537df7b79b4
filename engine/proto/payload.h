// Every message that travels between nodes, as one std::variant of plain structs (events are
// data). MessageKind mirrors the variant's index so the trace stores a 16-bit kind instead of
// the message; a static_assert keeps the two in step.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "engine/proto/client_api.h"
#include "engine/proto/connection.h"
#include "engine/proto/group_api.h"
#include "engine/proto/kraft.h"
#include "engine/proto/quorum.h"
#include "engine/proto/toy.h"

namespace ksim::proto {

using Payload = std::variant<Ping, Pong,                                                    //
                             MetadataRequest, MetadataResponse,                             //
                             ProduceRequest, ProduceResponse,                               //
                             FetchRequest, FetchResponse,                                   //
                             BrokerRegistrationRequest, BrokerRegistrationResponse,         //
                             BrokerHeartbeatRequest, BrokerHeartbeatResponse,               //
                             MetadataPush,                                                  //
                             AlterPartitionRequest, AlterPartitionResponse,                 //
                             CreateTopicsRequest, CreateTopicsResponse,                     //
                             ConnectionClosed,                                              //
                             QuorumFetchRequest, QuorumFetchResponse,                       //
                             VoteRequest, VoteResponse, BeginQuorumEpoch, ForwardedAction,  //
                             InitProducerIdRequest, InitProducerIdResponse,                 //
                             ListOffsetsRequest, ListOffsetsResponse,                       //
                             FindCoordinatorRequest, FindCoordinatorResponse,               //
                             OffsetCommitRequest, OffsetCommitResponse,                     //
                             OffsetFetchRequest, OffsetFetchResponse,                       //
                             JoinGroupRequest, JoinGroupResponse,                           //
                             SyncGroupRequest, SyncGroupResponse,                           //
                             HeartbeatRequest, HeartbeatResponse,                           //
                             LeaveGroupRequest, LeaveGroupResponse>;

enum class MessageKind : uint16_t {
  kPing,
  kPong,
  kMetadataRequest,
  kMetadataResponse,
  kProduceRequest,
  kProduceResponse,
  kFetchRequest,
  kFetchResponse,
  kBrokerRegistrationRequest,
  kBrokerRegistrationResponse,
  kBrokerHeartbeatRequest,
  kBrokerHeartbeatResponse,
  kMetadataPush,
  kAlterPartitionRequest,
  kAlterPartitionResponse,
  kCreateTopicsRequest,
  kCreateTopicsResponse,
  kConnectionClosed,
  kQuorumFetchRequest,
  kQuorumFetchResponse,
  kVoteRequest,
  kVoteResponse,
  kBeginQuorumEpoch,
  kForwardedAction,
  kInitProducerIdRequest,
  kInitProducerIdResponse,
  kListOffsetsRequest,
  kListOffsetsResponse,
  kFindCoordinatorRequest,
  kFindCoordinatorResponse,
  kOffsetCommitRequest,
  kOffsetCommitResponse,
  kOffsetFetchRequest,
  kOffsetFetchResponse,
  kJoinGroupRequest,
  kJoinGroupResponse,
  kSyncGroupRequest,
  kSyncGroupResponse,
  kHeartbeatRequest,
  kHeartbeatResponse,
  kLeaveGroupRequest,
  kLeaveGroupResponse,
  kCount,
};
static_assert(static_cast<size_t>(MessageKind::kCount) == std::variant_size_v<Payload>,
              "MessageKind must list every Payload alternative, in order");

inline MessageKind kind_of(const Payload& p) { return static_cast<MessageKind>(p.index()); }

std::string_view message_kind_name(MessageKind k);

// The correlation id of a request, or -1 for messages that carry none.
int64_t correlation_of(const Payload& p);

// The correlation id any message carries (a response, a broken connection's notice), or -1.
int64_t correlation_of_answer(const Payload& p);

// What a trace line shows of a message: two integers and a Kafka error code.
struct MessageSummary {
  int64_t a = 0;
  int64_t b = 0;
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
};

MessageSummary summarize(const Payload& p);

// A trace line's words for a message: "Produce p=0 records=3",
// "ProduceResponse p=0 base_offset=5 NOT_ENOUGH_REPLICAS".
std::string describe(MessageKind kind, const MessageSummary& s);

// Calls visit(RecordId) for each record the message carries, in order.
template <typename Visit>
void for_each_record(const Payload& p, Visit&& visit) {
  if (const auto* ping = std::get_if<Ping>(&p)) {
    visit(ping->record);
  } else if (const auto* pong = std::get_if<Pong>(&p)) {
    visit(pong->record);
  } else if (const auto* produce = std::get_if<ProduceRequest>(&p)) {
    for (const kafka::Record& r : produce->records) visit(r.id);
  } else if (const auto* fetched = std::get_if<FetchResponse>(&p)) {
    for (const FetchPartitionData& part : fetched->partitions) {
      for (const kafka::BatchPtr& batch : part.batches) {
        for (const kafka::BatchRecord& r : batch->records) visit(r.record.id);
      }
    }
  }
}

}  // namespace ksim::proto
