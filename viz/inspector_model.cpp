#include "viz/inspector_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "engine/cluster/group_coordinator.h"
#include "engine/kafka/errors.h"
#include "engine/world/inspect.h"

namespace ksim::viz {
namespace {

std::string tp_text(const kafka::TopicPartition& tp) {
  return fmt::format("{}-{}", tp.topic, tp.partition);
}

std::string ids_text(const std::vector<int32_t>& ids) {
  return fmt::format("[{}]", fmt::join(ids, ", "));
}

std::string tps_text(const std::vector<kafka::TopicPartition>& tps) {
  std::vector<std::string> names;
  for (const auto& tp : tps) names.push_back(tp_text(tp));
  return names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "));
}

std::string ms_text(SimTime t) {
  return fmt::format("{:.3f} ms", static_cast<double>(t.us) / 1000.0);
}

// Appends fields under a path prefix and depth.
class Fields {
 public:
  explicit Fields(std::vector<InspectorField>& out) : out_(out) {}
  Fields(std::vector<InspectorField>& out, std::string prefix, int depth)
      : out_(out), prefix_(std::move(prefix)), depth_(depth) {}

  template <typename T>
  void add(const std::string& label, const T& value) {
    out_.push_back({prefix_ + label, label, fmt::format("{}", value), depth_});
  }
  // A heading row that groups the fields of `sub()` below it.
  Fields section(const std::string& label, const std::string& summary = "") {
    out_.push_back({prefix_ + label, label, summary, depth_});
    return Fields(out_, prefix_ + label + "/", depth_ + 1);
  }

 private:
  std::vector<InspectorField>& out_;
  std::string prefix_;
  int depth_ = 0;
};

const char* broker_state_name(cluster::BrokerState s) {
  switch (s) {
    case cluster::BrokerState::kStarting:
      return "starting (registering)";
    case cluster::BrokerState::kFenced:
      return "fenced (catching up metadata)";
    case cluster::BrokerState::kRunning:
      return "running (unfenced)";
    case cluster::BrokerState::kShuttingDown:
      return "shutting down (controlled)";
    case cluster::BrokerState::kStopped:
      return "stopped";
  }
  return "?";
}

void hosted_fields(Fields f, const cluster::Broker& b, const cluster::HostedPartition& h) {
  const bool leader = h.leader == b.broker_id;
  f.add("role", leader ? "leader" : "follower");
  f.add("leader", h.leader);
  f.add("leader_epoch", h.leader_epoch);
  f.add("partition_epoch", h.partition_epoch);
  f.add("replicas", ids_text(h.replicas));
  f.add("isr", ids_text(h.isr));
  if (h.pending_isr) f.add("pending_isr (AlterPartition sent)", ids_text(*h.pending_isr));
  if (const log::PartitionLog* log = b.disk.logs.find_log(h.tp)) {
    f.add("log_start_offset", log->log_start_offset());
    f.add("high_watermark", log->high_watermark());
    f.add("log_end_offset", log->log_end_offset());
  }
  if (leader) {
    for (const cluster::FollowerState& fs : h.followers) {
      f.add(fmt::format("follower {} log_end_offset", fs.broker_id), fs.log_end_offset);
    }
    f.add("delayed produces (acks=all waiting)", h.delayed_produces.size());
  }
}

void broker_fields(Fields f, const cluster::Broker& b, const trace::NameTable& names) {
  f.add("broker.id", b.broker_id);
  if (b.rack) f.add("broker.rack", *b.rack);
  f.add("state", broker_state_name(b.memory.state));
  f.add("broker_epoch", b.memory.broker_epoch);
  f.add("metadata offset (records applied)", b.memory.image.offset);
  if (!b.controllers.empty()) {
    f.add("active controller (as it believes)",
          names.node(b.controllers[b.memory.controller_index % b.controllers.size()]));
  }
  int leads = 0;
  for (const auto& [tp, h] : b.memory.partitions) leads += h.leader == b.broker_id ? 1 : 0;
  Fields parts =
      f.section("partitions", fmt::format("{} hosted, {} led", b.memory.partitions.size(), leads));
  for (const auto& [tp, h] : b.memory.partitions) {
    hosted_fields(parts.section(tp_text(tp)), b, h);
  }
  Fields groups =
      f.section("groups coordinated", fmt::format("{}", b.memory.coordinator.groups.size()));
  for (const auto& [id, g] : b.memory.coordinator.groups) {
    Fields gf = groups.section(id);
    gf.add("generation", g.generation);
    gf.add("members", g.members.size());
    gf.add("leader", g.leader_id.empty() ? "-" : g.leader_id);
  }
  f.add("logs on disk", b.disk.logs.logs().size());
}

void controller_fields(Fields f, const cluster::Controller& c) {
  static constexpr const char* kRoles[] = {"standby", "candidate", "active"};
  f.add("quorum role", kRoles[static_cast<int>(c.memory.role)]);
  f.add("quorum epoch", c.disk.quorum_epoch);
  f.add("metadata log end offset", c.disk.metadata_log.size());
  f.add("metadata high watermark (committed)", c.memory.high_watermark);
  Fields brokers =
      f.section("registered brokers", fmt::format("{}", c.memory.image.brokers.size()));
  for (const auto& [id, r] : c.memory.image.brokers) {
    brokers.add(fmt::format("broker {}", id),
                fmt::format("epoch {}{}{}", r.broker_epoch, r.fenced ? ", fenced" : ", unfenced",
                            r.in_controlled_shutdown ? ", in controlled shutdown" : ""));
  }
  f.add("topics", c.memory.image.topics.size());
}

void producer_fields(Fields f, const client::Producer& p) {
  f.add("acks", p.config.acks == -1 ? std::string("all") : fmt::format("{}", p.config.acks));
  f.add("enable.idempotence", p.config.enable_idempotence);
  f.add("linger.ms", p.config.linger_ms);
  if (p.memory.producer_id >= 0) {
    f.add("producer id", p.memory.producer_id);
    f.add("producer epoch", p.memory.producer_epoch);
  }
  size_t batches = 0;
  for (const auto& [tp, q] : p.memory.queues) batches += q.size();
  f.add("batches in the accumulator", batches);
  f.add("produce requests in flight", p.memory.in_flight.size());
  f.add("records sent", p.counts.sent);
  f.add("records acked", p.counts.acked);
  f.add("records failed", p.counts.failed);
  f.add("closing", p.memory.closing);
}

const char* member_state_name(client::MemberState s) {
  switch (s) {
    case client::MemberState::kUnjoined:
      return "unjoined";
    case client::MemberState::kJoining:
      return "joining (JoinGroup sent)";
    case client::MemberState::kSyncing:
      return "syncing (SyncGroup sent)";
    case client::MemberState::kStable:
      return "stable";
  }
  return "?";
}

void consumer_fields(Fields f, const client::Consumer& c) {
  f.add("group.id", c.config.group_id.empty() ? "(none: assign())" : c.config.group_id);
  if (!c.config.group_id.empty()) {
    f.add("member id", c.memory.member_id.empty() ? "-" : c.memory.member_id);
    f.add("generation", c.memory.generation);
    f.add("membership", member_state_name(c.memory.member_state));
    f.add("coordinator", c.memory.coordinator);
  }
  static constexpr const char* kApp[] = {"polling", "processing records", "failed (poll threw)",
                                         "closing", "closed"};
  f.add("application", kApp[static_cast<int>(c.memory.state)]);
  Fields parts = f.section("assigned partitions", fmt::format("{}", c.memory.assigned.size()));
  for (const auto& [tp, pos] : c.memory.assigned) {
    Fields pf = parts.section(tp_text(tp));
    pf.add("position", pos.position ? fmt::format("{}", *pos.position) : "-");
    pf.add("high watermark (last fetch)", pos.high_watermark);
    if (pos.position && pos.high_watermark >= 0) {
      pf.add("records-lag", pos.high_watermark - *pos.position);
    }
  }
  f.add("records consumed", c.consumed.size());
  f.add("poll() exceptions", c.errors.size());
  if (!c.memory.error.empty()) f.add("last exception", c.memory.error);
}

Inspection inspect_node(const world::World& w, const trace::NameTable& names, NodeId node) {
  Inspection out;
  if (node.value < 0 || static_cast<size_t>(node.value) >= w.nodes.size()) {
    out.absent = "no such node";
    return out;
  }
  const world::Node& n = w.nodes[static_cast<size_t>(node.value)];
  const runtime::NodeStatus& st = w.rt.status_of(node);
  out.title = n.name;
  Fields f(out.fields);
  f.add("up", st.up ? "yes" : (st.started ? "no (crashed or stopped)" : "not started"));
  f.add("incarnation", st.incarnation);
  int32_t cut = 0;
  for (int32_t other = 0; other < w.rt.network.node_count(); ++other) {
    if (other != node.value &&
        (w.rt.network.is_cut(node, NodeId{other}) || w.rt.network.is_cut(NodeId{other}, node))) {
      ++cut;
    }
  }
  f.add("links cut", cut);
  if (!st.up) {
    // A crashed node's memory is gone; its disk stays (what a restart recovers).
    if (const auto* b = std::get_if<cluster::Broker>(&n.logic)) {
      f.add("disk: logs", b->disk.logs.logs().size());
    }
    return out;
  }
  if (const auto* b = std::get_if<cluster::Broker>(&n.logic)) {
    out.title = fmt::format("{} (broker {})", n.name, b->broker_id);
    broker_fields(f, *b, names);
  } else if (const auto* c = std::get_if<cluster::Controller>(&n.logic)) {
    out.title = fmt::format("{} (KRaft controller)", n.name);
    controller_fields(f, *c);
  } else if (const auto* p = std::get_if<client::Producer>(&n.logic)) {
    out.title = fmt::format("{} (producer)", n.name);
    producer_fields(f, *p);
  } else if (const auto* c = std::get_if<client::Consumer>(&n.logic)) {
    out.title = fmt::format("{} (consumer)", n.name);
    consumer_fields(f, *c);
  }
  return out;
}

const cluster::Broker* broker_by_id(const world::World& w, int32_t id, bool* up) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    if (b != nullptr && b->broker_id == id) {
      *up = w.rt.status[i].up;
      return b;
    }
  }
  return nullptr;
}

Inspection inspect_replica(const world::World& w, const ReplicaSelection& r) {
  Inspection out;
  out.title = fmt::format("replica {} on broker {}", tp_text(r.tp), r.broker_id);
  bool up = false;
  const cluster::Broker* b = broker_by_id(w, r.broker_id, &up);
  const log::PartitionLog* log = b == nullptr ? nullptr : b->disk.logs.find_log(r.tp);
  if (log == nullptr) {
    out.absent = fmt::format("broker {} has no log of {}", r.broker_id, tp_text(r.tp));
    return out;
  }
  Fields f(out.fields);
  const cluster::HostedPartition* h = up ? world::hosted(*b, r.tp) : nullptr;
  if (h != nullptr) {
    hosted_fields(f, *b, *h);
  } else {
    f.add("role", up ? "not hosted in memory" : "broker down: its disk keeps the log");
    f.add("log_start_offset", log->log_start_offset());
    f.add("high_watermark (checkpointed)", log->high_watermark());
    f.add("log_end_offset", log->log_end_offset());
  }
  Fields segs = f.section("segments", fmt::format("{}", log->segment_count()));
  for (size_t i = 0; i < log->segment_count(); ++i) {
    const log::Segment& s = log->segment(i);
    segs.add(fmt::format("base {}", s.base_offset()),
             fmt::format("{} records, {} bytes", s.record_count(), s.size_bytes()));
  }
  if (const auto c = log->cleaner_checkpoint()) f.add("cleaner checkpoint (first dirty)", *c);
  Fields epochs = f.section("leader epoch cache",
                            fmt::format("{}", log->leader_epoch_cache().entries().size()));
  for (const log::EpochEntry& e : log->leader_epoch_cache().entries()) {
    epochs.add(fmt::format("epoch {}", e.epoch),
               fmt::format("starts at offset {}", e.start_offset));
  }
  return out;
}

Inspection inspect_record(const world::World& w, const RecordSelection& r) {
  Inspection out;
  out.title = fmt::format("record {} @ {} on broker {}", tp_text(r.tp), r.offset, r.broker_id);
  bool up = false;
  const cluster::Broker* b = broker_by_id(w, r.broker_id, &up);
  const log::PartitionLog* log = b == nullptr ? nullptr : b->disk.logs.find_log(r.tp);
  const kafka::Record* rec = log == nullptr ? nullptr : world::record_at(*log, r.offset);
  if (rec == nullptr) {
    out.absent = fmt::format(
        "broker {} holds no record at offset {} now (deleted, compacted away or truncated)",
        r.broker_id, r.offset);
    return out;
  }
  Fields f(out.fields);
  f.add("offset", r.offset);
  f.add("key", rec->key.value_or("null"));
  f.add("value", rec->value.value_or("null (a tombstone)"));
  f.add("timestamp (CreateTime)", rec->timestamp_ms);
  f.add("headers", rec->headers.size());
  f.add("record id (kafkasim)", rec->id.value);
  f.add("committed", r.offset < log->high_watermark() ? "yes (below the high watermark)"
                                                      : "no (at or above the high watermark)");
  // The batch: its leader epoch and producer.
  for (size_t s = 0; s < log->segment_count(); ++s) {
    const log::Segment& seg = log->segment(s);
    for (size_t i = 0; i < seg.batches().size(); ++i) {
      const kafka::RecordBatch& batch = *seg.batches()[i];
      if (r.offset < batch.base_offset || r.offset > batch.last_offset()) continue;
      Fields bf =
          f.section("batch", fmt::format("offsets {}..{}", batch.base_offset, batch.last_offset()));
      bf.add("partition_leader_epoch", batch.partition_leader_epoch);
      if (batch.producer.idempotent()) {
        bf.add("producer id", batch.producer.producer_id);
        bf.add("producer epoch", batch.producer.producer_epoch);
        bf.add("base sequence", batch.producer.base_sequence);
      }
    }
  }
  return out;
}

Inspection inspect_message(const world::World& w, const trace::NameTable& names,
                           const MessageSelection& m) {
  Inspection out;
  out.title = fmt::format("message #{}", m.seq);
  bool found = false;
  w.rt.queue.for_each_pending([&](SimTime at, uint64_t seq, const runtime::Event& ev) {
    if (seq != m.seq) return;
    const auto* d = std::get_if<runtime::Deliver>(&ev.body);
    if (d == nullptr) return;
    found = true;
    const proto::MessageKind kind = proto::kind_of(d->payload);
    out.title = fmt::format("{} from {} to {}", proto::message_kind_name(kind), names.node(d->from),
                            names.node(d->to));
    Fields f(out.fields);
    f.add("kind", proto::message_kind_name(kind));
    f.add("from", names.node(d->from));
    f.add("to", names.node(d->to));
    f.add("sent at", ms_text(d->sent_at));
    f.add("arrives at", ms_text(at));
    f.add("summary", proto::describe(kind, proto::summarize(d->payload)));
    std::vector<std::string> records;
    proto::for_each_record(d->payload,
                           [&](RecordId r) { records.push_back(fmt::format("{}", r.value)); });
    if (!records.empty()) f.add("record ids", fmt::format("{}", fmt::join(records, ", ")));
    f.add("fate", d->drop != DropReason::kNone
                      ? fmt::format("dies on arrival ({})", drop_reason_name(d->drop))
                      : (w.rt.status_of(d->to).up ? "delivered on arrival"
                                                  : "dies unless the receiver restarts first"));
  });
  if (!found) out.absent = "no longer in flight: it was delivered or dropped (see the trace)";
  return out;
}

Inspection inspect_member(const world::World& w, const trace::NameTable& names,
                          const MemberSelection& m) {
  Inspection out;
  out.title = fmt::format("member of group {}", m.group);
  const world::GroupAt at = world::find_group(w, m.group);
  const cluster::GroupMember* member = nullptr;
  if (at.group != nullptr) {
    for (const cluster::GroupMember& x : at.group->members) {
      if (x.member_id == m.member_id) member = &x;
    }
  }
  if (member == nullptr) {
    out.absent = fmt::format(
        "{} is not a member of {} now (it left, was removed, or the group's "
        "coordinator is down)",
        m.member_id, m.group);
    return out;
  }
  out.title = fmt::format("{} in group {}", names.node(member->node), m.group);
  Fields f(out.fields);
  f.add("member id", member->member_id);
  f.add("client id", member->client_id);
  f.add("group leader", member->member_id == at.group->leader_id ? "yes" : "no");
  f.add("session.timeout.ms", member->session_timeout_ms);
  f.add("rebalance timeout (max.poll.interval.ms)", member->rebalance_timeout_ms);
  f.add("session expires at", ms_text(member->session_deadline));
  f.add("waiting in JoinGroup", member->awaiting_join.has_value() ? "yes" : "no");
  f.add("waiting in SyncGroup", member->awaiting_sync.has_value() ? "yes" : "no");
  f.add("assignment", tps_text(member->assignment));
  f.add("group generation", at.group->generation);
  f.add("coordinator", fmt::format("broker {}", at.coordinator->broker_id));
  return out;
}

}  // namespace

Inspection inspect(const world::World& w, const trace::NameTable& names, const Selection& s) {
  return std::visit(
      [&](const auto& sel) -> Inspection {
        using S = std::decay_t<decltype(sel)>;
        if constexpr (std::is_same_v<S, std::monostate>) {
          return {"", "click a node, a replica, a record, a message or a member to inspect it", {}};
        } else if constexpr (std::is_same_v<S, NodeSelection>) {
          return inspect_node(w, names, sel.node);
        } else if constexpr (std::is_same_v<S, ReplicaSelection>) {
          return inspect_replica(w, sel);
        } else if constexpr (std::is_same_v<S, RecordSelection>) {
          return inspect_record(w, sel);
        } else if constexpr (std::is_same_v<S, MessageSelection>) {
          return inspect_message(w, names, sel);
        } else {
          return inspect_member(w, names, sel);
        }
      },
      s);
}

std::vector<std::string> changes_since(const Inspection& before, const Inspection& after) {
  std::map<std::string, const std::string*> old;
  for (const InspectorField& f : before.fields) old[f.path] = &f.value;
  std::vector<std::string> out;
  out.reserve(after.fields.size());
  for (const InspectorField& f : after.fields) {
    const auto it = old.find(f.path);
    if (it == old.end()) {
      out.push_back("new");
    } else {
      out.push_back(*it->second == f.value ? "" : *it->second);
    }
  }
  return out;
}

}  // namespace ksim::viz
