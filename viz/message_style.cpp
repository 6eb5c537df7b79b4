#include "viz/message_style.h"

#include <array>

#include "engine/kafka/errors.h"
#include "viz/node_details.h"
#include "viz/text_util.h"

namespace ksim::viz {
namespace {

using proto::MessageKind;

// The label's name: responses say "Resp", the broker's requests to the controller drop the
// "Broker" every one of them carries.
std::string_view short_name(MessageKind k) {
  switch (k) {
    case MessageKind::kMetadataResponse:
      return "MetadataResp";
    case MessageKind::kProduceResponse:
      return "ProduceResp";
    case MessageKind::kFetchResponse:
      return "FetchResp";
    case MessageKind::kBrokerRegistrationRequest:
      return "Registration";
    case MessageKind::kBrokerRegistrationResponse:
      return "RegistrationResp";
    case MessageKind::kBrokerHeartbeatRequest:
      return "Heartbeat";
    case MessageKind::kBrokerHeartbeatResponse:
      return "HeartbeatResp";
    case MessageKind::kAlterPartitionResponse:
      return "AlterPartitionResp";
    case MessageKind::kCreateTopicsResponse:
      return "CreateTopicsResp";
    case MessageKind::kJoinGroupResponse:
      return "JoinGroupResp";
    case MessageKind::kSyncGroupResponse:
      return "SyncGroupResp";
    case MessageKind::kHeartbeatResponse:
      return "HeartbeatResp";
    case MessageKind::kOffsetCommitResponse:
      return "OffsetCommitResp";
    case MessageKind::kOffsetFetchResponse:
      return "OffsetFetchResp";
    case MessageKind::kFindCoordinatorResponse:
      return "FindCoordinatorResp";
    default:
      return proto::message_kind_name(k);
  }
}

// The one number worth reading on the wire (summarize's fields, as describe names them).
std::string key_number(MessageKind k, const proto::MessageSummary& s) {
  switch (k) {
    case MessageKind::kPing:
    case MessageKind::kPong:
      return concat({"#", num(s.a)});
    case MessageKind::kProduceRequest:
      return concat({"p=", num(s.a), " n=", num(s.b)});
    case MessageKind::kProduceResponse:
      return concat({"p=", num(s.a), " @", num(s.b)});
    case MessageKind::kFetchRequest:
      return s.a < 0 ? std::string("consumer") : concat({"r=", num(s.a)});
    case MessageKind::kFetchResponse:
    case MessageKind::kMetadataPush:
      return concat({"n=", num(s.b)});
    case MessageKind::kBrokerRegistrationRequest:
    case MessageKind::kBrokerHeartbeatRequest:
      return concat({"b=", num(s.a)});
    case MessageKind::kBrokerHeartbeatResponse:
      return s.a != 0 ? std::string("fenced") : std::string();
    case MessageKind::kAlterPartitionRequest:
      return concat({"p=", num(s.a), " isr=", num(s.b)});
    case MessageKind::kAlterPartitionResponse:
      return concat({"p=", num(s.a)});
    case MessageKind::kJoinGroupResponse:
    case MessageKind::kSyncGroupRequest:
    case MessageKind::kHeartbeatRequest:
      return concat({"gen ", num(s.a)});
    case MessageKind::kOffsetCommitRequest:
      return concat({"p=", num(s.a), " @", num(s.b)});
    default:
      return {};
  }
}

}  // namespace

MessageFamily family_of(MessageKind kind) {
  switch (kind) {
    case MessageKind::kPing:
      return MessageFamily::kPing;
    case MessageKind::kPong:
      return MessageFamily::kPong;
    case MessageKind::kProduceRequest:
    case MessageKind::kProduceResponse:
      return MessageFamily::kProduce;
    case MessageKind::kFetchRequest:
    case MessageKind::kFetchResponse:
      return MessageFamily::kFetch;
    case MessageKind::kMetadataRequest:
    case MessageKind::kMetadataResponse:
      return MessageFamily::kMetadata;
    case MessageKind::kFindCoordinatorRequest:
    case MessageKind::kFindCoordinatorResponse:
    case MessageKind::kJoinGroupRequest:
    case MessageKind::kJoinGroupResponse:
    case MessageKind::kSyncGroupRequest:
    case MessageKind::kSyncGroupResponse:
    case MessageKind::kHeartbeatRequest:
    case MessageKind::kHeartbeatResponse:
    case MessageKind::kLeaveGroupRequest:
    case MessageKind::kLeaveGroupResponse:
    case MessageKind::kOffsetCommitRequest:
    case MessageKind::kOffsetCommitResponse:
    case MessageKind::kOffsetFetchRequest:
    case MessageKind::kOffsetFetchResponse:
      return MessageFamily::kGroup;
    default:
      return MessageFamily::kControl;
  }
}

Rgba family_color(MessageFamily f) {
  switch (f) {
    case MessageFamily::kPing:
      return {80, 160, 255, 255};
    case MessageFamily::kPong:
      return {200, 120, 255, 255};
    case MessageFamily::kProduce:
      return {255, 205, 70, 255};
    case MessageFamily::kFetch:
      return {70, 210, 225, 255};
    case MessageFamily::kMetadata:
      return {240, 130, 200, 255};
    case MessageFamily::kControl:
      return {160, 160, 255, 255};
    case MessageFamily::kGroup:
      return {130, 220, 120, 255};
    case MessageFamily::kCount:
      break;
  }
  return {235, 235, 235, 255};
}

std::string_view family_name(MessageFamily f) {
  switch (f) {
    case MessageFamily::kPing:
      return "Ping";
    case MessageFamily::kPong:
      return "Pong";
    case MessageFamily::kProduce:
      return "Produce";
    case MessageFamily::kFetch:
      return "Fetch";
    case MessageFamily::kMetadata:
      return "Metadata";
    case MessageFamily::kControl:
      return "controller traffic";
    case MessageFamily::kGroup:
      return "group coordinator";
    case MessageFamily::kCount:
      break;
  }
  return "?";
}

std::string short_label(MessageKind kind, const proto::MessageSummary& s) {
  const std::string_view name = short_name(kind);
  const std::string detail =
      s.error != kafka::ErrorCode::NONE
          ? concat({kind == MessageKind::kProduceResponse ? concat({"p=", num(s.a), " "})
                                                          : std::string(),
                    kafka::error_name(s.error)})
          : key_number(kind, s);
  return detail.empty() ? std::string(name) : concat({name, " ", detail});
}

std::vector<MessageFamily> legend_families(const world::World& w,
                                           const std::vector<proto::MessageKind>& in_flight) {
  std::array<bool, static_cast<size_t>(MessageFamily::kCount)> present{};
  const auto add = [&](MessageFamily f) { present[static_cast<size_t>(f)] = true; };
  for (const world::Node& node : w.nodes) {
    switch (node_kind(node.logic)) {
      case NodeKind::kToy:
        add(MessageFamily::kPing);
        add(MessageFamily::kPong);
        break;
      case NodeKind::kBroker:
        add(MessageFamily::kFetch);  // followers replicate by fetching
        add(MessageFamily::kControl);
        break;
      case NodeKind::kController:
        add(MessageFamily::kControl);
        break;
      case NodeKind::kClient:
        add(MessageFamily::kMetadata);
        add(MessageFamily::kProduce);
        add(MessageFamily::kFetch);
        if (std::holds_alternative<client::Consumer>(node.logic) &&
            !std::get<client::Consumer>(node.logic).config.group_id.empty()) {
          add(MessageFamily::kGroup);
        }
        break;
    }
  }
  for (MessageKind k : in_flight) add(family_of(k));
  std::vector<MessageFamily> out;
  for (size_t i = 0; i < present.size(); ++i) {
    if (present[i]) out.push_back(static_cast<MessageFamily>(i));
  }
  return out;
}

}  // namespace ksim::viz
