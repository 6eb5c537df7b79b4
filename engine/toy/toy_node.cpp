#include "engine/toy/toy_node.h"

#include <variant>

#include "engine/sim/check.h"

namespace ksim::toy {
namespace {

trace::EntityRef self_entity(const ToyNode& node) {
  return trace::EntityRef{trace::EntityKind::kNode, node.id.value, 0};
}

void send_ping(ToyNode& node, runtime::Context& ctx) {
  if (node.peers.empty()) return;
  Memory& m = node.memory;
  const NodeId peer = node.peers[m.next_peer % node.peers.size()];
  m.next_peer = (m.next_peer + 1) % node.peers.size();
  ctx.send(peer, proto::Ping{m.next_seq++, ctx.new_record_id()});
  ctx.record(self_entity(node), trace::Field::kPingsSent, m.pings_sent, m.pings_sent + 1);
  ++m.pings_sent;
}

}  // namespace

void on_start(ToyNode& node, runtime::Context& ctx) {
  ctx.set_timer(node.ping_interval, proto::TimerKind::kToyPingTick);
}

void on_message(ToyNode& node, NodeId from, const proto::Payload& payload, runtime::Context& ctx) {
  if (const auto* ping = std::get_if<proto::Ping>(&payload)) {
    ctx.send(from, proto::Pong{ping->seq, ping->record});
    return;
  }
  const auto* pong_ptr = std::get_if<proto::Pong>(&payload);
  if (pong_ptr == nullptr) return;  // a closed connection: the toy just pings again later
  const auto& pong = *pong_ptr;
  Memory& m = node.memory;
  ctx.record(self_entity(node), trace::Field::kPongsReceived, m.pongs_received,
             m.pongs_received + 1);
  ++m.pongs_received;
  const auto on_disk = static_cast<int64_t>(node.disk.pong_records.size());
  node.disk.pong_records.push_back(pong.record);
  ctx.record(self_entity(node), trace::Field::kPongsOnDisk, on_disk, on_disk + 1);
}

void on_timer(ToyNode& node, proto::TimerKind kind, int64_t /*arg*/, runtime::Context& ctx) {
  // The toy sets one kind of timer; the others belong to other node kinds.
  KSIM_ASSERT(kind == proto::TimerKind::kToyPingTick, "a toy node got another kind's timer");
  send_ping(node, ctx);
  ctx.set_timer(node.ping_interval, proto::TimerKind::kToyPingTick);
}

void on_crash(ToyNode& node) { node.memory = Memory{}; }

}  // namespace ksim::toy
