#include "viz/group_board.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "cli/group_view.h"
#include "engine/kafka/errors.h"
#include "engine/world/inspect.h"
#include "viz/message_style.h"

namespace ksim::viz {
namespace {

constexpr size_t kShortId = 22;

std::string short_member_id(const std::string& id) {
  return id.size() <= kShortId ? id : id.substr(0, kShortId - 3) + "...";
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
    default:
      return c.memory.coordinator < 0 ? "finding its coordinator" : "not a member";
  }
}

// The client's own view of its membership, when it differs from the coordinator's.
std::string client_view(const client::Consumer& c, const cluster::GroupState& g,
                        const cluster::GroupMember& m) {
  if (c.memory.member_id != m.member_id) return "client no longer uses this member id";
  if (c.memory.member_state == client::MemberState::kJoining) return "rejoining (JoinGroup sent)";
  if (c.memory.member_state == client::MemberState::kSyncing) return "syncing (SyncGroup sent)";
  if (c.memory.generation != g.generation) {
    return fmt::format("client still at generation {}", c.memory.generation);
  }
  return "";
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
    card.coordinator = at.coordinator != nullptr
                           ? fmt::format("broker-{}", at.coordinator->broker_id)
                           : "none running";
    std::set<int32_t> member_nodes;
    if (at.group != nullptr) {
      card.generation = at.group->generation;
      for (const cluster::GroupMember& m : at.group->members) {
        MemberRow row;
        row.member_id = m.member_id;
        row.short_id = short_member_id(m.member_id);
        row.client = names.node(m.node);
        row.node = m.node;
        row.assignment = partitions_text(m.assignment);
        row.leader = m.member_id == at.group->leader_id;
        const auto* sel = std::get_if<MemberSelection>(&selected);
        const auto* node = std::get_if<NodeSelection>(&selected);
        row.selected = (sel != nullptr && sel->group == id && sel->member_id == m.member_id) ||
                       (node != nullptr && node->node == m.node);
        if (const auto* c =
                std::get_if<client::Consumer>(&w.nodes[static_cast<size_t>(m.node.value)].logic)) {
          if (w.rt.status_of(m.node).up) row.client_view = client_view(*c, *at.group, m);
        }
        member_nodes.insert(m.node.value);
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
      card.outsiders.push_back({names.node(node), node, outsider_reason(w, node, *c)});
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
    out.push_back({.step = -1,
                   .at_s = static_cast<double>(at.us) / 1e6,
                   .from = names.node(d->from),
                   .to = names.node(d->to),
                   .text = message_text(what, 0),
                   .in_flight = true,
                   .dropped = false});
  });
  return out;
}

}  // namespace ksim::viz
