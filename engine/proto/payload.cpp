#include "engine/proto/payload.h"

#include <fmt/format.h>

#include "engine/proto/action.h"
#include "engine/sim/overloaded.h"

namespace ksim::proto {
namespace {

int64_t count_records(const FetchResponse& r) {
  int64_t n = 0;
  for (const auto& part : r.partitions) {
    for (const auto& batch : part.batches) n += static_cast<int64_t>(batch->records.size());
  }
  return n;
}

}  // namespace

std::string_view message_kind_name(MessageKind k) {
  switch (k) {
    case MessageKind::kPing:
      return "Ping";
    case MessageKind::kPong:
      return "Pong";
    case MessageKind::kMetadataRequest:
      return "Metadata";
    case MessageKind::kMetadataResponse:
      return "MetadataResponse";
    case MessageKind::kProduceRequest:
      return "Produce";
    case MessageKind::kProduceResponse:
      return "ProduceResponse";
    case MessageKind::kFetchRequest:
      return "Fetch";
    case MessageKind::kFetchResponse:
      return "FetchResponse";
    case MessageKind::kBrokerRegistrationRequest:
      return "BrokerRegistration";
    case MessageKind::kBrokerRegistrationResponse:
      return "BrokerRegistrationResponse";
    case MessageKind::kBrokerHeartbeatRequest:
      return "BrokerHeartbeat";
    case MessageKind::kBrokerHeartbeatResponse:
      return "BrokerHeartbeatResponse";
    case MessageKind::kMetadataPush:
      return "MetadataPush";
    case MessageKind::kAlterPartitionRequest:
      return "AlterPartition";
    case MessageKind::kAlterPartitionResponse:
      return "AlterPartitionResponse";
    case MessageKind::kCreateTopicsRequest:
      return "CreateTopics";
    case MessageKind::kCreateTopicsResponse:
      return "CreateTopicsResponse";
    case MessageKind::kConnectionClosed:
      return "ConnectionClosed";
    case MessageKind::kQuorumFetchRequest:
      return "QuorumFetch";
    case MessageKind::kQuorumFetchResponse:
      return "QuorumFetchResponse";
    case MessageKind::kVoteRequest:
      return "Vote";
    case MessageKind::kVoteResponse:
      return "VoteResponse";
    case MessageKind::kBeginQuorumEpoch:
      return "BeginQuorumEpoch";
    case MessageKind::kForwardedAction:
      return "ForwardedAction";
    case MessageKind::kInitProducerIdRequest:
      return "InitProducerId";
    case MessageKind::kInitProducerIdResponse:
      return "InitProducerIdResponse";
    case MessageKind::kListOffsetsRequest:
      return "ListOffsets";
    case MessageKind::kListOffsetsResponse:
      return "ListOffsetsResponse";
    case MessageKind::kFindCoordinatorRequest:
      return "FindCoordinator";
    case MessageKind::kFindCoordinatorResponse:
      return "FindCoordinatorResponse";
    case MessageKind::kOffsetCommitRequest:
      return "OffsetCommit";
    case MessageKind::kOffsetCommitResponse:
      return "OffsetCommitResponse";
    case MessageKind::kOffsetFetchRequest:
      return "OffsetFetch";
    case MessageKind::kOffsetFetchResponse:
      return "OffsetFetchResponse";
    case MessageKind::kJoinGroupRequest:
      return "JoinGroup";
    case MessageKind::kJoinGroupResponse:
      return "JoinGroupResponse";
    case MessageKind::kSyncGroupRequest:
      return "SyncGroup";
    case MessageKind::kSyncGroupResponse:
      return "SyncGroupResponse";
    case MessageKind::kHeartbeatRequest:
      return "Heartbeat";
    case MessageKind::kHeartbeatResponse:
      return "HeartbeatResponse";
    case MessageKind::kLeaveGroupRequest:
      return "LeaveGroup";
    case MessageKind::kLeaveGroupResponse:
      return "LeaveGroupResponse";
    case MessageKind::kCount:
      break;
  }
  return "?";
}

MessageSummary summarize(const Payload& p) {
  return std::visit(
      Overloaded{
          [](const Ping& m) {
            return MessageSummary{m.seq, 0};
          },
          [](const Pong& m) {
            return MessageSummary{m.seq, 0};
          },
          [](const MetadataRequest& m) {
            return MessageSummary{m.correlation_id, 0};
          },
          [](const MetadataResponse& m) {
            return MessageSummary{m.correlation_id, static_cast<int64_t>(m.topics.size())};
          },
          [](const ProduceRequest& m) {
            return MessageSummary{m.tp.partition, static_cast<int64_t>(m.records.size())};
          },
          [](const ProduceResponse& m) {
            return MessageSummary{m.tp.partition, m.base_offset, m.error};
          },
          [](const FetchRequest& m) {
            return MessageSummary{m.replica_id, static_cast<int64_t>(m.partitions.size())};
          },
          [](const FetchResponse& m) {
            return MessageSummary{0, count_records(m), m.error};
          },
          [](const BrokerRegistrationRequest& m) {
            return MessageSummary{m.broker_id, 0};
          },
          [](const BrokerRegistrationResponse& m) {
            return MessageSummary{m.broker_epoch, 0, m.error};
          },
          [](const BrokerHeartbeatRequest& m) {
            return MessageSummary{m.broker_id, m.metadata_offset};
          },
          [](const BrokerHeartbeatResponse& m) {
            return MessageSummary{m.is_fenced ? 1 : 0,
                                  static_cast<int64_t>(m.catch_up.records.size()), m.error};
          },
          [](const MetadataPush& m) {
            return MessageSummary{m.records.first_offset,
                                  static_cast<int64_t>(m.records.records.size())};
          },
          [](const AlterPartitionRequest& m) {
            return MessageSummary{m.tp.partition, static_cast<int64_t>(m.new_isr.size())};
          },
          [](const AlterPartitionResponse& m) {
            return MessageSummary{m.tp.partition, m.state.partition_epoch, m.error};
          },
          [](const CreateTopicsRequest& m) {
            return MessageSummary{m.num_partitions, 0};
          },
          [](const CreateTopicsResponse& m) {
            return MessageSummary{0, 0, m.error};
          },
          [](const ConnectionClosed& m) {
            return MessageSummary{m.dropped_kind, m.correlation_id,
                                  kafka::ErrorCode::NETWORK_EXCEPTION};
          },
          [](const QuorumFetchRequest& m) {
            return MessageSummary{m.epoch, m.fetch_offset};
          },
          [](const QuorumFetchResponse& m) {
            return MessageSummary{
                m.epoch, static_cast<int64_t>(m.records.records.size()),
                m.is_leader ? kafka::ErrorCode::NONE : kafka::ErrorCode::NOT_LEADER_OR_FOLLOWER};
          },
          [](const VoteRequest& m) {
            return MessageSummary{m.epoch, m.log_end_offset};
          },
          [](const VoteResponse& m) {
            return MessageSummary{m.epoch, m.granted ? 1 : 0};
          },
          [](const BeginQuorumEpoch& m) {
            return MessageSummary{m.epoch, 0};
          },
          [](const ForwardedAction& m) {
            return MessageSummary{static_cast<int64_t>(kind_of(m.action)), 0};
          },
          [](const InitProducerIdRequest& m) {
            return MessageSummary{m.correlation_id, 0};
          },
          [](const InitProducerIdResponse& m) {
            return MessageSummary{m.producer_id, m.producer_epoch, m.error};
          },
          [](const ListOffsetsRequest& m) {
            return MessageSummary{m.partitions.empty() ? 0 : m.partitions.front().timestamp,
                                  static_cast<int64_t>(m.partitions.size())};
          },
          [](const ListOffsetsResponse& m) {
            return m.partitions.empty()
                       ? MessageSummary{}
                       : MessageSummary{m.partitions.front().tp.partition,
                                        m.partitions.front().offset, m.partitions.front().error};
          },
          [](const FindCoordinatorRequest& m) {
            return MessageSummary{m.correlation_id, 0};
          },
          [](const FindCoordinatorResponse& m) {
            return MessageSummary{m.node_id, 0, m.error};
          },
          [](const OffsetCommitRequest& m) {
            return m.partitions.empty() ? MessageSummary{}
                                        : MessageSummary{m.partitions.front().tp.partition,
                                                         m.partitions.front().committed_offset};
          },
          [](const OffsetCommitResponse& m) {
            MessageSummary s{static_cast<int64_t>(m.partitions.size()), 0};
            for (const PartitionError& p : m.partitions) {
              if (p.error != kafka::ErrorCode::NONE) s.error = p.error;
            }
            return s;
          },
          [](const OffsetFetchRequest& m) {
            return MessageSummary{static_cast<int64_t>(m.partitions.size()), 0};
          },
          [](const OffsetFetchResponse& m) {
            return MessageSummary{static_cast<int64_t>(m.partitions.size()), 0, m.error};
          },
          [](const JoinGroupRequest& m) {
            return MessageSummary{m.member_id.empty() ? 0 : 1,
                                  static_cast<int64_t>(m.protocols.size())};
          },
          [](const JoinGroupResponse& m) {
            return MessageSummary{m.generation_id, static_cast<int64_t>(m.members.size()), m.error};
          },
          [](const SyncGroupRequest& m) {
            return MessageSummary{m.generation_id, static_cast<int64_t>(m.assignments.size())};
          },
          [](const SyncGroupResponse& m) {
            return MessageSummary{static_cast<int64_t>(m.assignment.size()), 0, m.error};
          },
          [](const HeartbeatRequest& m) {
            return MessageSummary{m.generation_id, 0};
          },
          [](const HeartbeatResponse& m) {
            return MessageSummary{0, 0, m.error};
          },
          [](const LeaveGroupRequest&) { return MessageSummary{}; },
          [](const LeaveGroupResponse& m) {
            return MessageSummary{0, 0, m.error};
          },
      },
      p);
}

std::string describe(MessageKind kind, const MessageSummary& s) {
  const std::string_view name = message_kind_name(kind);
  std::string text("?");
  switch (kind) {
    case MessageKind::kPing:
    case MessageKind::kPong:
      text = fmt::format("{} #{}", name, s.a);
      break;
    case MessageKind::kMetadataRequest:
      text = fmt::format("{} corr={}", name, s.a);
      break;
    case MessageKind::kMetadataResponse:
      text = fmt::format("{} corr={} topics={}", name, s.a, s.b);
      break;
    case MessageKind::kProduceRequest:
      text = fmt::format("{} p={} records={}", name, s.a, s.b);
      break;
    case MessageKind::kProduceResponse:
      text = fmt::format("{} p={} base_offset={}", name, s.a, s.b);
      break;
    case MessageKind::kFetchRequest:
      text = fmt::format("{} replica={} partitions={}", name, s.a, s.b);
      break;
    case MessageKind::kFetchResponse:
      text = fmt::format("{} records={}", name, s.b);
      break;
    case MessageKind::kBrokerRegistrationRequest:
      text = fmt::format("{} broker={}", name, s.a);
      break;
    case MessageKind::kBrokerRegistrationResponse:
      text = fmt::format("{} broker_epoch={}", name, s.a);
      break;
    case MessageKind::kBrokerHeartbeatRequest:
      text = fmt::format("{} broker={} metadata_offset={}", name, s.a, s.b);
      break;
    case MessageKind::kBrokerHeartbeatResponse:
      text = fmt::format("{} fenced={} records={}", name, s.a, s.b);
      break;
    case MessageKind::kMetadataPush:
      text = fmt::format("{} from={} records={}", name, s.a, s.b);
      break;
    case MessageKind::kAlterPartitionRequest:
      text = fmt::format("{} p={} isr_size={}", name, s.a, s.b);
      break;
    case MessageKind::kAlterPartitionResponse:
      text = fmt::format("{} p={} partition_epoch={}", name, s.a, s.b);
      break;
    case MessageKind::kCreateTopicsRequest:
      text = fmt::format("{} partitions={}", name, s.a);
      break;
    case MessageKind::kCreateTopicsResponse:
      text = std::string(name);
      break;
    case MessageKind::kConnectionClosed:
      text = fmt::format("{} ({} corr={})", name, message_kind_name(static_cast<MessageKind>(s.a)),
                         s.b);
      break;
    case MessageKind::kQuorumFetchRequest:
      text = fmt::format("{} epoch={} offset={}", name, s.a, s.b);
      break;
    case MessageKind::kQuorumFetchResponse:
      text = fmt::format("{} epoch={} records={}", name, s.a, s.b);
      break;
    case MessageKind::kVoteRequest:
      text = fmt::format("{} epoch={} log_end={}", name, s.a, s.b);
      break;
    case MessageKind::kVoteResponse:
      text = fmt::format("{} epoch={} {}", name, s.a, s.b != 0 ? "granted" : "refused");
      break;
    case MessageKind::kBeginQuorumEpoch:
      text = fmt::format("{} epoch={}", name, s.a);
      break;
    case MessageKind::kForwardedAction:
      text = fmt::format("{} {}", name, action_kind_name(static_cast<ActionKind>(s.a)));
      break;
    case MessageKind::kInitProducerIdRequest:
    case MessageKind::kFindCoordinatorRequest:
      text = fmt::format("{} corr={}", name, s.a);
      break;
    case MessageKind::kInitProducerIdResponse:
      text = fmt::format("{} producer_id={} epoch={}", name, s.a, s.b);
      break;
    case MessageKind::kListOffsetsRequest:
      text = fmt::format("{} {} partitions={}", name,
                         s.a == kEarliestTimestamp ? "earliest"
                         : s.a == kLatestTimestamp ? "latest"
                                                   : fmt::format("timestamp={}", s.a),
                         s.b);
      break;
    case MessageKind::kListOffsetsResponse:
      text = fmt::format("{} p={} offset={}", name, s.a, s.b);
      break;
    case MessageKind::kFindCoordinatorResponse:
      text = fmt::format("{} coordinator={}", name, s.a);
      break;
    case MessageKind::kOffsetCommitRequest:
      text = fmt::format("{} p={} offset={}", name, s.a, s.b);
      break;
    case MessageKind::kOffsetCommitResponse:
    case MessageKind::kOffsetFetchRequest:
    case MessageKind::kOffsetFetchResponse:
      text = fmt::format("{} partitions={}", name, s.a);
      break;
    case MessageKind::kJoinGroupRequest:
      text = fmt::format("{} {}", name, s.a == 0 ? "new member" : "member");
      break;
    case MessageKind::kJoinGroupResponse:
      text = fmt::format("{} generation={} members={}", name, s.a, s.b);
      break;
    case MessageKind::kSyncGroupRequest:
      text = fmt::format("{} generation={} assignments={}", name, s.a, s.b);
      break;
    case MessageKind::kSyncGroupResponse:
      text = fmt::format("{} partitions={}", name, s.a);
      break;
    case MessageKind::kHeartbeatRequest:
      text = fmt::format("{} generation={}", name, s.a);
      break;
    case MessageKind::kHeartbeatResponse:
    case MessageKind::kLeaveGroupRequest:
    case MessageKind::kLeaveGroupResponse:
      text = std::string(name);
      break;
    case MessageKind::kCount:
      break;
  }
  if (s.error != kafka::ErrorCode::NONE) {
    text = fmt::format("{} {}", text, kafka::error_name(s.error));
  }
  return text;
}

int64_t correlation_of(const Payload& p) {
  if (const auto* m = std::get_if<MetadataRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<ProduceRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<FetchRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<CreateTopicsRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<InitProducerIdRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<ListOffsetsRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<FindCoordinatorRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<OffsetCommitRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<OffsetFetchRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<JoinGroupRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<SyncGroupRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<HeartbeatRequest>(&p)) return m->correlation_id;
  if (const auto* m = std::get_if<LeaveGroupRequest>(&p)) return m->correlation_id;
  return -1;
}

int64_t correlation_of_answer(const Payload& p) {
  return std::visit(
      [](const auto& m) -> int64_t {
        if constexpr (requires { m.correlation_id; }) {
          return m.correlation_id;
        } else {
          return -1;
        }
      },
      p);
}

NodeId action_target(const Action& a) {
  return std::visit(Overloaded{
                        [](const StartNode& x) { return x.node; },
                        [](const CrashNode& x) { return x.node; },
                        [](const RestartNode& x) { return x.node; },
                        [](const PartitionNetwork&) { return kScenarioNode; },
                        [](const HealNetwork&) { return kScenarioNode; },
                        [](const SetLink&) { return kScenarioNode; },
                        [](const Note&) { return kScenarioNode; },
                        [](const CreateTopic& x) { return x.controller; },
                        [](const DeleteTopic& x) { return x.controller; },
                        [](const AddPartitions& x) { return x.controller; },
                        [](const ElectPreferredLeaders& x) { return x.controller; },
                        [](const ControlledShutdown& x) { return x.node; },
                        [](const ClientProduce& x) { return x.client; },
                        [](const ClientFetch& x) { return x.client; },
                        [](const ProducerSend& x) { return x.producer; },
                        [](const ConsumerSeek& x) { return x.consumer; },
                        [](const ConsumerCommit& x) { return x.consumer; },
                        [](const CloseClient& x) { return x.client; },
                        [](const ResetOffsets& x) { return x.broker; },
                        [](const Expect&) { return kScenarioNode; },
                        [](const SetSerializer& x) { return x.producer; },
                        [](const AlterTopicConfig& x) { return x.controller; },
                    },
                    a);
}

}  // namespace ksim::proto
