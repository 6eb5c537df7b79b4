// What the group view draws, computed from the world and the trace (no ImGui): one card per
// consumer group as its coordinator holds it (state, generation, protocol, leader, members with
// their assignment, committed offsets and lag per partition, as kafka-consumer-groups
// --describe reports them), what each group consumer believes when it differs from the
// coordinator, and the group protocol's messages around the current step: the JoinGroup,
// SyncGroup and Heartbeat exchange of a rebalance as it happens.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/trace/render.h"
#include "engine/world/world.h"
#include "viz/geometry.h"
#include "viz/selection.h"

namespace ksim::viz {

struct MemberRow {
  std::string member_id;  // full
  std::string short_id;   // "consumer-demo.1-1-a3f9..." cut for the table
  std::string client;     // the node's name (the consumer application)
  NodeId node;
  std::string assignment;  // "demo_1-0, demo_1-1" or "(none)"
  bool leader = false;     // the group leader (runs the assignor)
  bool selected = false;   // the member, or its consumer's node, is selected
  // The consumer's own view when it differs from the coordinator's: "rejoining (JoinGroup
  // sent), still reads events-0", "rejoining (JoinGroup sent), revoked all, reads nothing",
  // "client still at generation 2"; "" when they agree.
  std::string client_view;
};

struct OffsetRow {
  kafka::TopicPartition tp;
  int64_t committed = -1;  // -1: none
  int64_t log_end = -1;    // the high watermark, -1 unknown (leader offline)
  int64_t lag = -1;        // -1 unknown
  std::string owner;       // the member's client, "" when unassigned
};

// A group consumer that is not a member right now.
struct Outsider {
  std::string client;
  NodeId node;
  // "not started", "down (crashed)", "joining (JoinGroup sent)", "closed", or, when no running
  // coordinator knows its group, "member at generation 1 by its own view, reads orders-0; ..."
  std::string why;
  bool selected = false;  // its node is selected
};

struct GroupCard {
  std::string group;
  std::string state;        // Kafka's names; "Dead" when no running coordinator holds it
  int32_t generation = -1;  // -1: no running coordinator holds the group
  std::string protocol;     // the assignor chosen, "" while none
  // "broker-1 (__consumer_offsets-12)", or why there is none: "unavailable (broker-2, leader
  // of __consumer_offsets-12, is down)"
  std::string coordinator;
  Rgba state_color;
  std::vector<MemberRow> members;
  std::vector<OffsetRow> offsets;
  std::vector<Outsider> outsiders;
};

// Every group a running coordinator holds or a consumer names, by group id.
std::vector<GroupCard> group_cards(const world::World& w, const trace::NameTable& names,
                                   const Selection& selected);

// A group protocol message: delivered (or dropped) at `step`, or still in flight.
struct ProtocolMessage {
  int64_t step = -1;  // -1: in flight now
  double at_s = 0;
  std::string from;
  std::string to;
  std::string text;  // "JoinGroup", "JoinGroupResponse REBALANCE_IN_PROGRESS", "(dropped)"
  bool in_flight = false;
  bool dropped = false;
};

// The group protocol's messages of the last `window` steps before `position` (oldest first,
// at most `limit` of them) and those in flight in `w` (the world at `position`). Bounded work:
// it never looks further back than `window` steps.
std::vector<ProtocolMessage> group_exchange(const trace::Trace& trace,
                                            const trace::NameTable& names, const world::World& w,
                                            int64_t position, int64_t window = 3000,
                                            size_t limit = 40);

}  // namespace ksim::viz
