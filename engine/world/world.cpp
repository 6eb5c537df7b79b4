#include "engine/world/world.h"

#include <algorithm>
#include <type_traits>

#include "engine/runtime/context.h"
#include "engine/sim/check.h"

namespace ksim::world {
namespace {

using runtime::Context;

trace::EntityRef node_entity(NodeId n) { return {trace::EntityKind::kNode, n.value, 0}; }

Node& node_at(World& w, NodeId n) {
  KSIM_ASSERT(n.value >= 0 && static_cast<size_t>(n.value) < w.nodes.size(), "unknown node");
  return w.nodes[static_cast<size_t>(n.value)];
}

// Fills the trace entry of a delivered message; decides a drop for a receiver that is down.
void describe_delivery(const World& w, const runtime::Deliver& d, trace::TraceEntry& entry) {
  DropReason drop = d.drop;
  // Simplification: a crash closes the sender's connections, so what it had in flight dies
  // with it (docs/simplifications.md#network).
  if (drop == DropReason::kNone && w.rt.status_of(d.from).incarnation != d.sender_incarnation) {
    drop = DropReason::kSenderCrashed;
  }
  if (drop == DropReason::kNone && !w.rt.status_of(d.to).up) drop = DropReason::kReceiverDown;
  const proto::MessageSummary sum = proto::summarize(d.payload);
  entry.node = d.to;
  entry.from = d.from;
  entry.kind = drop == DropReason::kNone ? trace::EventKind::kDeliver : trace::EventKind::kDrop;
  entry.drop = drop;
  entry.what = static_cast<uint16_t>(proto::kind_of(d.payload));
  entry.a = sum.a;
  entry.b = sum.b;
  entry.error = static_cast<int16_t>(sum.error);
}

void describe_timer(const runtime::TimerFire& t, trace::TraceEntry& entry) {
  entry.node = t.node;
  entry.kind = trace::EventKind::kTimer;
  entry.what = static_cast<uint16_t>(t.kind);
  entry.a = t.arg;
}

// Tells `client` that its connection to the dead process `dead` closed, with the request that
// will get no answer: one link latency later, and not at all across a cut link (partitions are
// silent). Stamped with the dead node's current incarnation, so the notice itself survives.
void send_connection_closed(World& w, NodeId dead, NodeId client, uint16_t kind,
                            int64_t correlation_id, Step cause) {
  if (w.rt.network.is_cut(dead, client)) return;
  const proto::ConnectionClosed notice{kind, correlation_id};
  const SimTime at = w.rt.now + w.rt.network.link(dead, client).latency;
  w.rt.queue.push(at, runtime::Event{cause, runtime::Deliver{dead, client, w.rt.now,
                                                             w.rt.status_of(dead).incarnation,
                                                             DropReason::kNone, notice}});
}

// A request to a crashed process is refused at once: the sender gets a ConnectionClosed.
void notify_sender(World& w, const runtime::Deliver& d, Step cause) {
  const runtime::NodeStatus& sender = w.rt.status_of(d.from);
  if (!sender.up || sender.incarnation != d.sender_incarnation) return;
  if (std::holds_alternative<proto::ConnectionClosed>(d.payload)) return;
  send_connection_closed(w, d.to, d.from, static_cast<uint16_t>(proto::kind_of(d.payload)),
                         proto::correlation_of(d.payload), cause);
}

// Brings a node up (first start or restart) and lets its logic set its first timers.
void start_node(World& w, NodeId n, Context& ctx) {
  runtime::NodeStatus& st = w.rt.status_of(n);
  if (st.up) return;
  ctx.record(node_entity(n), trace::Field::kNodeUp, 0, 1);
  st.up = true;
  st.started = true;
  std::visit([&](auto& logic) { on_start(logic, ctx); }, node_at(w, n).logic);
}

// A dead broker's connections close: each client waiting on a request it held learns at once,
// as a real client's socket sees the peer reset.
void close_held_connections(World& w, NodeId n, const std::vector<cluster::HeldRequest>& held,
                            Step cause) {
  for (const cluster::HeldRequest& h : held) {
    if (!w.rt.status_of(h.client).up) continue;
    send_connection_closed(w, n, h.client, static_cast<uint16_t>(h.kind), h.correlation_id, cause);
  }
}

void crash_node(World& w, NodeId n, Context& ctx) {
  runtime::NodeStatus& st = w.rt.status_of(n);
  if (!st.up) return;
  ctx.record(node_entity(n), trace::Field::kNodeUp, 1, 0);
  ctx.record(node_entity(n), trace::Field::kIncarnation, st.incarnation, st.incarnation + 1);
  st.up = false;
  ++st.incarnation;
  std::vector<cluster::HeldRequest> held;
  if (const auto* broker = std::get_if<cluster::Broker>(&node_at(w, n).logic)) {
    held = cluster::held_requests(*broker);
  }
  std::visit([&](auto& logic) { on_crash(logic); }, node_at(w, n).logic);
  close_held_connections(w, n, held, ctx.step());
}

void describe_action(const proto::Action& action, trace::TraceEntry& entry) {
  entry.node = proto::action_target(action);
  entry.kind = trace::EventKind::kAction;
  entry.what = static_cast<uint16_t>(proto::kind_of(action));
  if (const auto* note = std::get_if<proto::Note>(&action)) {
    entry.a = note->index;
    entry.b = note->pause ? 1 : 0;
  }
  if (const auto* expect = std::get_if<proto::Expect>(&action)) entry.a = expect->index;
}

void run_action(World& w, const proto::Action& action, Context& ctx) {
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, proto::StartNode> ||
                      std::is_same_v<A, proto::RestartNode>) {
          start_node(w, a.node, ctx);
        } else if constexpr (std::is_same_v<A, proto::CrashNode>) {
          crash_node(w, a.node, ctx);
        } else if constexpr (std::is_same_v<A, proto::PartitionNetwork>) {
          w.rt.network.partition(a.side_a, a.side_b, a.one_way);
        } else if constexpr (std::is_same_v<A, proto::HealNetwork>) {
          w.rt.network.heal_all();
        } else if constexpr (std::is_same_v<A, proto::SetLink>) {
          w.rt.network.set_link(a.from, a.to, a.config);
        } else if constexpr (std::is_same_v<A, proto::Note> || std::is_same_v<A, proto::Expect>) {
          // Narration and assertions change nothing; the trace entry is the point.
        } else {
          // A node-targeted action: the node's own logic carries it out, if it runs.
          const NodeId target = proto::action_target(action);
          if (!w.rt.status_of(target).up) return;
          std::visit([&](auto& logic) { on_action(logic, action, ctx); }, node_at(w, target).logic);
        }
      },
      action);
}

// A timer set by an incarnation that has since crashed died with the node's memory.
bool is_stale_timer(const World& w, const runtime::Event& ev) {
  const auto* t = std::get_if<runtime::TimerFire>(&ev.body);
  if (t == nullptr) return false;
  const runtime::NodeStatus& st = w.rt.status_of(t->node);
  return !st.up || st.incarnation != t->incarnation;
}

// What the trace says of the event, before its handler runs.
trace::TraceEntry describe(const World& w, const runtime::Event& ev) {
  trace::TraceEntry entry;
  entry.time = w.rt.now;
  entry.cause = ev.cause;
  std::visit(
      [&](const auto& body) {
        using B = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<B, runtime::Deliver>) {
          describe_delivery(w, body, entry);
        } else if constexpr (std::is_same_v<B, runtime::TimerFire>) {
          describe_timer(body, entry);
        } else {
          describe_action(body, entry);
        }
      },
      ev.body);
  return entry;
}

// Runs the event's handler: the receiver's, the timer owner's, or the action's.
void execute(World& w, const runtime::Event& ev, const trace::TraceEntry& entry, Context& ctx) {
  std::visit(
      [&](const auto& body) {
        using B = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<B, runtime::Deliver>) {
          if (entry.drop != DropReason::kNone) return;
          std::visit([&](auto& logic) { on_message(logic, body.from, body.payload, ctx); },
                     node_at(w, body.to).logic);
        } else if constexpr (std::is_same_v<B, runtime::TimerFire>) {
          std::visit([&](auto& logic) { on_timer(logic, body.kind, body.arg, ctx); },
                     node_at(w, body.node).logic);
        } else {
          run_action(w, body, ctx);
        }
      },
      ev.body);
}

}  // namespace

NodeId World::add_node(std::string name, NodeLogic logic) {
  const NodeId id{static_cast<int32_t>(nodes.size())};
  nodes.push_back(Node{std::move(name), std::move(logic)});
  rt.status.push_back(runtime::NodeStatus{});
  rt.network.resize(static_cast<int32_t>(nodes.size()));
  return id;
}

void World::schedule(SimTime at, proto::Action action) { schedule(at, std::move(action), kNoStep); }

void World::schedule(SimTime at, proto::Action action, Step cause) {
  rt.queue.push(at, runtime::Event{cause, std::move(action)});
}

void World::anchor(int64_t after_step, proto::Action action) {
  KSIM_ASSERT(after_step >= steps_done, "an action anchored to a step already delivered");
  const auto later = std::upper_bound(
      anchored.begin() + static_cast<std::ptrdiff_t>(next_anchored), anchored.end(), after_step,
      [](int64_t s, const AnchoredAction& a) { return s < a.after_step; });
  anchored.insert(later, AnchoredAction{after_step, std::move(action)});
}

StepResult step(World& w, trace::Trace* trace, SimTime until) {
  for (;;) {
    if (w.rt.queue.empty()) return StepResult::kNoEvents;
    if (w.rt.queue.next_time() > until) return StepResult::kPastLimit;
    if (is_stale_timer(w, w.rt.queue.peek())) {
      w.rt.queue.pop();
      continue;
    }
    auto popped = w.rt.queue.pop();
    runtime::Event& ev = popped.body;
    // Invariant: simulated time never goes backward.
    KSIM_ASSERT(popped.time >= w.rt.now, "event queue went back in time");
    w.rt.now = popped.time;
    const Step step{w.steps_done++};
    const trace::TraceEntry entry = describe(w, ev);
    if (trace != nullptr) {
      trace->begin(entry);
      if (const auto* d = std::get_if<runtime::Deliver>(&ev.body)) {
        proto::for_each_record(d->payload, [&](RecordId r) { trace->add_record(r); });
      }
    }
    if (entry.drop == DropReason::kReceiverDown) {
      notify_sender(w, std::get<runtime::Deliver>(ev.body), step);
    }
    Context ctx(w.rt, trace, entry.node, step);
    execute(w, ev, entry, ctx);
    if (ctx.stop_requested()) crash_node(w, entry.node, ctx);
    while (w.next_anchored < w.anchored.size() &&
           w.anchored[w.next_anchored].after_step == step.value) {
      w.schedule(w.rt.now, w.anchored[w.next_anchored++].action, step);
    }
    return StepResult::kStepped;
  }
}

}  // namespace ksim::world
