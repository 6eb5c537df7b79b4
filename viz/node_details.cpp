#include "viz/node_details.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "viz/text_util.h"

namespace ksim::viz {
namespace {

// Long topic names would widen every block of the cluster; the partition number is what
// tells partitions apart, so the topic is cut, never the number.
constexpr size_t kMaxTopicChars = 12;

std::string short_tp(const kafka::TopicPartition& tp) {
  if (tp.topic.size() <= kMaxTopicChars) return concat({tp.topic, "-", num(tp.partition)});
  return concat(
      {std::string_view(tp.topic).substr(0, kMaxTopicChars - 1), "~-", num(tp.partition)});
}

}  // namespace

NodeKind node_kind(const world::NodeLogic& logic) {
  if (std::holds_alternative<cluster::Broker>(logic)) return NodeKind::kBroker;
  if (std::holds_alternative<cluster::Controller>(logic)) return NodeKind::kController;
  if (std::holds_alternative<cluster::ScriptedClient>(logic) ||
      std::holds_alternative<client::Producer>(logic) ||
      std::holds_alternative<client::Consumer>(logic)) {
    return NodeKind::kClient;
  }
  return NodeKind::kToy;
}

std::string broker_state_name(cluster::BrokerState s) {
  switch (s) {
    case cluster::BrokerState::kStarting:
      return "starting";
    case cluster::BrokerState::kFenced:
      return "fenced";
    case cluster::BrokerState::kRunning:
      return "running";
    case cluster::BrokerState::kShuttingDown:
      return "shutting down";
    case cluster::BrokerState::kStopped:
      return "stopped";
  }
  return "?";
}

std::string partition_line(const cluster::HostedPartition& p, const log::PartitionLog* log,
                           int32_t broker_id) {
  const std::string head =
      concat({short_tp(p.tp), p.leader == broker_id ? " L e" : " F e", num(p.leader_epoch)});
  const std::string isr = concat({" isr ", num(static_cast<int64_t>(p.isr.size()))});
  if (log == nullptr) return concat({head, " (no log)", isr});
  return concat(
      {head, " hw ", num(log->high_watermark()), " leo ", num(log->log_end_offset()), isr});
}

std::vector<std::string> toy_lines(const toy::ToyNode& t) {
  return {
      concat({"pings sent ", num(t.memory.pings_sent), ", pongs ", num(t.memory.pongs_received)}),
      concat({"disk: ", num(static_cast<int64_t>(t.disk.pong_records.size())), " pongs"})};
}

std::vector<std::string> broker_lines(const cluster::Broker& b, int max_partition_lines) {
  // Leaders first: they are where produce goes and what a crash moves.
  std::vector<const cluster::HostedPartition*> led;
  std::vector<const cluster::HostedPartition*> followed;
  std::vector<const cluster::HostedPartition*> internal;  // __consumer_offsets, listed last
  for (const auto& [tp, p] : b.memory.partitions) {
    if (tp.topic == cluster::kOffsetsTopic) {
      // Fifty partitions of it would hide the rest: only those holding records are listed.
      const log::PartitionLog* log = b.disk.logs.find_log(tp);
      if (log != nullptr && log->log_end_offset() > 0) internal.push_back(&p);
      continue;
    }
    (p.leader == b.broker_id ? led : followed).push_back(&p);
  }
  std::vector<std::string> lines;
  if (led.empty() && followed.empty() && internal.empty()) {
    lines.push_back("no partitions");
    const size_t on_disk = b.disk.logs.logs().size();
    if (on_disk > 0)
      lines.push_back(concat({"disk: ", num(static_cast<int64_t>(on_disk)), " logs"}));
    return lines;
  }
  lines.push_back(concat({"leads ", num(static_cast<int64_t>(led.size())), ", follows ",
                          num(static_cast<int64_t>(followed.size()))}));
  // The groups this broker coordinates: what a learner watches during a rebalance.
  for (const auto& [id, g] : b.memory.coordinator.groups) {
    lines.push_back(
        concat({"coordinator: ", id, " ", cluster::group_phase_name(g.phase), " gen ",
                num(g.generation), ", ", num(static_cast<int64_t>(g.members.size())), " members"}));
  }
  led.insert(led.end(), followed.begin(), followed.end());
  led.insert(led.end(), internal.begin(), internal.end());
  const size_t shown = std::min(led.size(), static_cast<size_t>(std::max(0, max_partition_lines)));
  for (size_t i = 0; i < shown; ++i) {
    lines.push_back(partition_line(*led[i], b.disk.logs.find_log(led[i]->tp), b.broker_id));
  }
  // With no partition lines at all, "leads, follows" already gives the count.
  if (shown > 0 && shown < led.size()) {
    lines.push_back(concat({"+", num(static_cast<int64_t>(led.size() - shown)), " more"}));
  }
  return lines;
}

std::vector<std::string> controller_lines(const cluster::Controller& c) {
  int64_t unfenced = 0;
  for (const auto& [id, record] : c.memory.image.brokers) {
    if (!record.fenced) ++unfenced;
  }
  const auto total = static_cast<int64_t>(c.memory.image.brokers.size());
  static constexpr const char* kRoles[] = {"standby controller", "candidate controller",
                                           "ACTIVE controller"};
  return {kRoles[static_cast<int>(c.memory.role)],
          concat({"metadata log ", num(static_cast<int64_t>(c.disk.metadata_log.size()))}),
          concat({"brokers unfenced ", num(unfenced), "/", num(total)}),
          concat({"topics ", num(static_cast<int64_t>(c.memory.image.topics.size()))})};
}

std::vector<std::string> client_lines(const cluster::ScriptedClient& c) {
  int64_t produced = 0;
  int64_t acked = 0;
  int64_t failed = 0;
  for (const cluster::ProduceOutcome& o : c.memory.produced) {
    const auto records = static_cast<int64_t>(o.records.size());
    produced += records;
    if (o.answered && o.error == kafka::ErrorCode::NONE) acked += records;
    if (o.answered && o.error != kafka::ErrorCode::NONE) failed += records;
  }
  return {
      concat({"produced ", num(produced), " (acked ", num(acked), ", failed ", num(failed), ")"}),
      concat({"consumed ", num(static_cast<int64_t>(c.memory.consumed.size()))})};
}

std::vector<std::string> producer_lines(const client::Producer& p) {
  const client::SendCounts n = client::count_outcomes(p);
  std::vector<std::string> lines = {
      n.failed > 0
          ? concat({"sent ", num(n.sent), " acked ", num(n.acked), " failed ", num(n.failed)})
          : concat({"sent ", num(n.sent), " acked ", num(n.acked)})};
  if (n.pending > 0) lines.push_back(concat({"pending ", num(n.pending)}));
  return lines;
}

std::vector<std::string> consumer_lines(const client::Consumer& c, int max_partition_lines) {
  std::vector<std::string> lines = {
      concat({"consumed ", num(static_cast<int64_t>(c.consumed.size()))})};
  if (!c.memory.error.empty()) {
    lines.push_back("stopped: poll() threw");
    return lines;
  }
  int shown = 0;
  for (const auto& [tp, state] : c.memory.assigned) {
    if (shown++ >= max_partition_lines) break;
    const std::optional<int64_t> lag = client::partition_lag(c, tp);
    lines.push_back(concat({short_tp(tp), " @", state.position ? num(*state.position) : "-",
                            " lag ", lag ? num(*lag) : "-"}));
  }
  return lines;
}

std::vector<std::string> detail_lines(const world::NodeLogic& logic, int max_partition_lines) {
  return std::visit(
      [&](const auto& node) -> std::vector<std::string> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, toy::ToyNode>) return toy_lines(node);
        if constexpr (std::is_same_v<T, cluster::Broker>) {
          return broker_lines(node, max_partition_lines);
        }
        if constexpr (std::is_same_v<T, cluster::Controller>) return controller_lines(node);
        if constexpr (std::is_same_v<T, cluster::ScriptedClient>) return client_lines(node);
        if constexpr (std::is_same_v<T, client::Producer>) return producer_lines(node);
        if constexpr (std::is_same_v<T, client::Consumer>) {
          return consumer_lines(node, max_partition_lines);
        }
      },
      logic);
}

}  // namespace ksim::viz
