// How a message in flight looks: its family (which decides its colour and its legend entry)
// and its short label. The trace's words (proto::describe) are too long for a marker on a wire,
// so the label keeps the message's name and the one number that tells it apart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/proto/payload.h"
#include "engine/world/world.h"
#include "viz/geometry.h"

namespace ksim::viz {

// Requests and their responses share a family. kControl is the controller's traffic:
// BrokerRegistration, BrokerHeartbeat, MetadataPush, AlterPartition, CreateTopics. kGroup is a
// consumer's traffic with its group coordinator: FindCoordinator, JoinGroup, SyncGroup,
// Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch.
enum class MessageFamily { kPing, kPong, kProduce, kFetch, kMetadata, kControl, kGroup, kCount };

MessageFamily family_of(proto::MessageKind kind);
Rgba family_color(MessageFamily f);
std::string_view family_name(MessageFamily f);  // the legend's words

// "Produce p=0 n=3", "ProduceResp p=0 @5", "ProduceResp p=0 NOT_ENOUGH_REPLICAS",
// "Fetch r=2", "FetchResp n=3", "Heartbeat b=1", "MetadataPush n=2", "Ping #3".
// An error code, when there is one, replaces the number: it is the news.
std::string short_label(proto::MessageKind kind, const proto::MessageSummary& s);

// The families the legend lists: those the world's kinds of node send (a toy node: Ping and
// Pong; a broker: Fetch and controller traffic; a client: Metadata, Produce, Fetch), plus any
// other family in `in_flight`. Steady from frame to frame, in MessageFamily order.
std::vector<MessageFamily> legend_families(const world::World& w,
                                           const std::vector<proto::MessageKind>& in_flight);

}  // namespace ksim::viz
