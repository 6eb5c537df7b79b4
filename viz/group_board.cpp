#include "viz/group_board.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli/group_view.h"
#include "engine/cluster/group_coordinator.h"
#include "engine/kafka/errors.h"
#include "engine/proto/payload.h"
#include "engine/world/inspect.h"
#include "viz/message_style.h"

namespace ksim::viz {
namespace {

constexpr size_t kShortId = 22;

// A member id short enough for the table and still telling the group's members apart. Kafka's
// ids are "<client.id>-<uuid>" and the members of a group usually share their client.id, so
// the uuid's head is what tells them apart: "...61bd3621", longer while two members share it.
std::string short_member_id(const cluster::GroupMember& m,
                            const std::vector<cluster::GroupMember>& members) {
  const auto uuid_of = [](const cluster::GroupMember& x) {
    const std::string prefix = x.client_id + "-";
    return x.member_id.starts_with(prefix) ? x.member_id.substr(prefix.size()) : x.member_id;
  };
  const std::string& id = m.member_id;
  if (id.size() <= kShortId) return id;
  if (m.client_id.empty() || !id.starts_with(m.client_id + "-")) {
    return fmt::format("{}...", id.substr(0, kShortId - 3));
  }
  const std::string uuid = uuid_of(m);
  for (size_t n = 8; n < uuid.size(); ++n) {
    const std::string head = uuid.substr(0, n);
    const bool unique = std::none_of(members.begin(), members.end(), [&](const auto& other) {
      return other.member_id != id && uuid_of(other).starts_with(head);
    });
    if (unique) return fmt::format("...{}", head);
  }
  return fmt::format("...{}", uuid);
}

std::string partitions_text(const std::vector<kafka::TopicPartition>& parts) {
  if (parts.empty()) return "(none)";
  std::string s;
  for (const kafka::TopicPartition& tp : parts) {
    if (!s.empty()) s += ", ";
    s += fmt::format("{}-{}", tp.topic, tp.partition);
  }
  return s;
}

Rgba state_color(const std::string& state) {
  if (state == "Stable") return {80, 200, 100, 255};
  if (state == "PreparingRebalance" || state == "CompletingRebalance") return {240, 170, 40, 255};
  if (state == "Dead") return {235, 80, 80, 255};
  return {160, 160, 160, 255};  // Empty
}

// The partitions a consumer reads right now: what it owns by its own view, which during a
// rebalance may differ from what the coordinator last gave it (an eager member revokes all of
// them before it rejoins; a cooperative one keeps them).
std::vector<kafka::TopicPartition> owned_by_client(const client::Consumer& c) {
  std::vector<kafka::TopicPartition> owned;
  for (const auto& [tp, position] : c.memory.assigned) owned.push_back(tp);
  return owned;
}

// What a consumer of the group is doing when it is not a member.
std::string outsider_reason(const world::World& w, NodeId node, const client::Consumer& c) {
  const runtime::NodeStatus& st = w.rt.status_of(node);
  if (!st.started) return "not started";
  if (!st.up) return "down (crashed)";
  if (c.memory.state == client::ConsumerAppState::kClosed) return "closed";
  switch (c.memory.member_state) {
    case client::MemberState::kJoining:
      return "joining (JoinGroup sent)";
    case client::MemberState::kSyncing:
      return "syncing (SyncGroup sent)";
    case client::MemberState::kStable:
      // It holds a generation no running coordinator knows: the coordinator is down or the
      // group is being loaded elsewhere. The consumer keeps reading what it owns meanwhile.
      return fmt::format("member at generation {} by its own view, reads {}; {}",
                         c.memory.generation, partitions_text(owned_by_client(c)),
                         c.memory.coordinator < 0
                             ? "looking for its coordinator"
                             : fmt::format("talks to broker-{}", c.memory.coordinator));
    case client::MemberState::kUnjoined:
      break;
  }
  return c.memory.coordinator < 0
             ? "finding its coordinator"
             : fmt::format("not a member yet (coordinator broker-{} found)", c.memory.coordinator);
}

// The client's own view of its membership, when it differs from the coordinator's: where it is
// in the protocol and, when that differs from its assignment, what it reads meanwhile.
std::string client_view(const client::Consumer& c, const cluster::GroupState& g,
                        const cluster::GroupMember& m) {
  if (c.memory.member_id != m.member_id) return "client no longer uses this member id";
  std::string view;
  if (c.memory.member_state == client::MemberState::kJoining) {
    view = "rejoining (JoinGroup sent)";
  } else if (c.memory.member_state == client::MemberState::kSyncing) {
    view = "syncing (SyncGroup sent)";
  } else if (c.memory.member_state == client::MemberState::kUnjoined || c.memory.rejoin_needed) {
    // A member rejoins only from inside poll(): a slow application holds the rebalance up.
    view = c.memory.state == client::ConsumerAppState::kProcessing
               ? "must rejoin, busy until its next poll()"
               : "must rejoin (at its next poll())";
  } else if (c.memory.generation != g.generation) {
    view = fmt::format("client still at generation {}", c.memory.generation);
  }
  std::vector<kafka::TopicPartition> owned = owned_by_client(c);
  std::vector<kafka::TopicPartition> given = m.assignment;
  std::sort(given.begin(), given.end());
  if (owned != given) {
    const std::string reads = owned.empty() && !given.empty()
                                  ? "revoked all, reads nothing"
                                  : fmt::format("reads {}", partitions_text(owned));
    view = view.empty() ? reads : fmt::format("{}, {}", view, reads);
  } else if (!view.empty() && !owned.empty()) {
    view = fmt::format("{}, still reads {}", view, partitions_text(owned));
  }
  return view;
}

// The consumer behind a member: the one that uses its member id, else the node that sent its
// JoinGroup. (A coordinator that loaded the group from __consumer_offsets after a failover does
// not know the member's node: the record keeps it only as the client host.)
NodeId member_node(const world::World& w, const std::string& group, const cluster::GroupMember& m) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* c = std::get_if<client::Consumer>(&w.nodes[i].logic);
    if (c != nullptr && c->config.group_id == group && c->memory.member_id == m.member_id) {
      return NodeId{static_cast<int32_t>(i)};
    }
  }
  return m.node;
}

// Where the group's coordinator is, or why there is none: the leader of the group's
// __consumer_offsets partition, as the cluster's metadata says.
std::string coordinator_text(const world::World& w, const std::string& group,
                             const world::GroupAt& at) {
  const cluster::Broker* any = world::first_running_broker(w);
  const cluster::TopicImage* offsets =
      any != nullptr ? any->memory.image.topic(cluster::kOffsetsTopic) : nullptr;
  if (offsets == nullptr || offsets->partitions.empty()) {
    return at.coordinator != nullptr ? fmt::format("broker-{}", at.coordinator->broker_id)
                                     : "unavailable (no running broker knows __consumer_offsets)";
  }
  const int32_t partition =
      cluster::offsets_partition_for(group, static_cast<int32_t>(offsets->partitions.size()));
  if (at.coordinator != nullptr) {
    return fmt::format("broker-{} ({}-{})", at.coordinator->broker_id, cluster::kOffsetsTopic,
                       partition);
  }
  const int32_t leader = offsets->partitions[static_cast<size_t>(partition)].leader;
  if (leader < 0) {
    return fmt::format("unavailable ({}-{} has no leader)", cluster::kOffsetsTopic, partition);
  }
  if (world::broker_with_id(w, leader) == nullptr) {
    return fmt::format("unavailable (broker-{}, leader of {}-{}, is down)", leader,
                       cluster::kOffsetsTopic, partition);
  }
  // The coordinator is up but has never heard of the group (no member has joined yet).
  return fmt::format("broker-{} ({}-{}), which does not know the group yet", leader,
                     cluster::kOffsetsTopic, partition);
}

// The group protocol's messages: those the cluster view colours as group coordinator traffic.
bool is_group_message(uint16_t what) {
  return family_of(static_cast<proto::MessageKind>(what)) == MessageFamily::kGroup;
}

// "JoinGroup" for a request, "JoinGroupResponse REBALANCE_IN_PROGRESS" for a failed answer.
std::string message_text(uint16_t what, int16_t error) {
  std::string name(proto::message_kind_name(static_cast<proto::MessageKind>(what)));
  if (name.ends_with("Request")) name.resize(name.size() - 7);
  if (error != 0) {
    name = fmt::format("{} {}", name, kafka::error_name(static_cast<kafka::ErrorCode>(error)));
  }
  return name;
}

}  // namespace

std::vector<GroupCard> group_cards(const world::World& w, const trace::NameTable& names,
                                   const Selection& selected) {
  std::set<std::string> ids;
  for (const std::string& g : cli::group_ids(w)) ids.insert(g);
  for (const world::Node& n : w.nodes) {
    if (const auto* c = std::get_if<client::Consumer>(&n.logic)) {
      if (!c->config.group_id.empty()) ids.insert(c->config.group_id);
    }
  }
  std::vector<GroupCard> cards;
  for (const std::string& id : ids) {
    const cli::GroupView view = cli::group_view(w, id);
    const world::GroupAt at = world::find_group(w, id);
    GroupCard card;
    card.group = id;
    card.state = view.state;
    card.state_color = state_color(view.state);
    card.protocol = view.assignment_strategy;
    card.coordinator = coordinator_text(w, id, at);
    std::set<int32_t> member_nodes;
    if (at.group != nullptr) {
      card.generation = at.group->generation;
      for (const cluster::GroupMember& m : at.group->members) {
        MemberRow row;
        row.member_id = m.member_id;
        row.short_id = short_member_id(m, at.group->members);
        const NodeId member = member_node(w, id, m);
        row.client = names.node(member);
        row.node = member;
        row.assignment = partitions_text(m.assignment);
        row.leader = m.member_id == at.group->leader_id;
        const auto* sel = std::get_if<MemberSelection>(&selected);
        const auto* node = std::get_if<NodeSelection>(&selected);
        row.selected = (sel != nullptr && sel->group == id && sel->member_id == m.member_id) ||
                       (node != nullptr && node->node == member);
        if (const auto* c =
                std::get_if<client::Consumer>(&w.nodes[static_cast<size_t>(member.value)].logic)) {
          if (w.rt.status_of(member).up) row.client_view = client_view(*c, *at.group, m);
        }
        member_nodes.insert(member.value);
        card.members.push_back(std::move(row));
      }
    }
    // Offsets: every partition with a committed offset or an owner.
    std::map<kafka::TopicPartition, std::string> owners;
    for (const MemberRow& m : card.members) {
      const cluster::GroupMember* gm = nullptr;
      for (const cluster::GroupMember& x : at.group->members) {
        if (x.member_id == m.member_id) gm = &x;
      }
      for (const kafka::TopicPartition& tp : gm->assignment) owners[tp] = m.client;
    }
    std::set<kafka::TopicPartition> parts;
    for (const auto& [tp, offset] : view.committed) parts.insert(tp);
    for (const auto& [tp, owner] : owners) parts.insert(tp);
    for (const kafka::TopicPartition& tp : parts) {
      OffsetRow row{.tp = tp};
      if (const auto c = view.committed.find(tp); c != view.committed.end())
        row.committed = c->second;
      if (const auto e = view.log_end.find(tp); e != view.log_end.end()) row.log_end = e->second;
      if (row.committed >= 0 && row.log_end >= 0) row.lag = row.log_end - row.committed;
      if (const auto o = owners.find(tp); o != owners.end()) row.owner = o->second;
      card.offsets.push_back(std::move(row));
    }
    for (size_t i = 0; i < w.nodes.size(); ++i) {
      const auto* c = std::get_if<client::Consumer>(&w.nodes[i].logic);
      if (c == nullptr || c->config.group_id != id) continue;
      const NodeId node{static_cast<int32_t>(i)};
      if (member_nodes.contains(node.value)) continue;
      const auto* sel = std::get_if<NodeSelection>(&selected);
      card.outsiders.push_back({.client = names.node(node),
                                .node = node,
                                .why = outsider_reason(w, node, *c),
                                .selected = sel != nullptr && sel->node == node});
    }
    cards.push_back(std::move(card));
  }
  return cards;
}

std::vector<ProtocolMessage> group_exchange(const trace::Trace& trace,
                                            const trace::NameTable& names, const world::World& w,
                                            int64_t position, int64_t window, size_t limit) {
  std::vector<ProtocolMessage> out;
  for (int64_t s = std::max<int64_t>(0, position - window); s < position; ++s) {
    const trace::TraceEntry& e = trace.entry(Step{s});
    if (e.kind != trace::EventKind::kDeliver && e.kind != trace::EventKind::kDrop) continue;
    if (!is_group_message(e.what)) continue;
    ProtocolMessage m;
    m.step = s;
    m.at_s = static_cast<double>(e.time.us) / 1e6;
    m.from = names.node(e.from);
    m.to = names.node(e.node);
    m.text = message_text(e.what, e.error);
    m.dropped = e.kind == trace::EventKind::kDrop;
    if (m.dropped) m.text += " (dropped)";
    out.push_back(std::move(m));
  }
  if (out.size() > limit) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
  w.rt.queue.for_each_pending([&](SimTime at, uint64_t /*seq*/, const runtime::Event& ev) {
    const auto* d = std::get_if<runtime::Deliver>(&ev.body);
    if (d == nullptr) return;
    const auto what = static_cast<uint16_t>(proto::kind_of(d->payload));
    if (!is_group_message(what)) return;
    const auto error = static_cast<int16_t>(proto::summarize(d->payload).error);
    out.push_back({.step = -1,
                   .at_s = static_cast<double>(at.us) / 1e6,
                   .from = names.node(d->from),
                   .to = names.node(d->to),
                   .text = message_text(what, error),
                   .in_flight = true,
                   .dropped = false});
  });
  return out;
}

}  // namespace ksim::viz
