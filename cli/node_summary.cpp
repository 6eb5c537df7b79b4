#include "cli/node_summary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/reset_offsets_output.h"

namespace ksim::cli {
namespace {

constexpr const char* kBrokerStates[] = {"starting", "fenced", "running", "shutting_down",
                                         "stopped"};

std::string summarize(const toy::ToyNode& n) {
  return fmt::format("pings_sent={} pongs_received={} pongs_on_disk={}", n.memory.pings_sent,
                     n.memory.pongs_received, n.disk.pong_records.size());
}

std::string summarize(const cluster::Broker& b) {
  std::string text = kBrokerStates[static_cast<size_t>(b.memory.state)];
  for (const auto& [tp, log] : b.disk.logs.logs()) {
    // The 50 partitions of __consumer_offsets: only those that hold something.
    if (tp.topic == cluster::kOffsetsTopic && log.log_end_offset() == 0) continue;
    const auto it = b.memory.partitions.find(tp);
    const bool leading = it != b.memory.partitions.end() && it->second.leader == b.broker_id;
    text +=
        fmt::format("\n    {}-{} {} hw={} leo={}", tp.topic, tp.partition,
                    leading ? "leader  " : "follower", log.high_watermark(), log.log_end_offset());
    if (it != b.memory.partitions.end()) {
      text += fmt::format(" leader={} epoch={} isr={}", it->second.leader, it->second.leader_epoch,
                          it->second.isr);
    }
  }
  for (const auto& [id, g] : b.memory.coordinator.groups) {
    text += fmt::format("\n    group {} {} generation={} members={} offsets={}", id,
                        cluster::group_phase_name(g.phase), g.generation, g.members.size(),
                        g.offsets.size());
  }
  for (const cluster::ResetOffsetsOutcome& reset : b.memory.coordinator.reset_outcomes) {
    // The tool's output, one "|" line each (without its leading and trailing newline).
    std::string out = reset_offsets_output(reset).out;
    out = out.substr(1, out.size() - 2);
    for (size_t at = 0; at != std::string::npos;) {
      const size_t end = out.find('\n', at);
      text += "\n    | " + out.substr(at, end == std::string::npos ? end : end - at);
      at = end == std::string::npos ? end : end + 1;
    }
  }
  return text;
}

std::string summarize(const cluster::Controller& c) {
  int alive = 0;
  for (const auto& [id, b] : c.memory.image.brokers) alive += b.fenced ? 0 : 1;
  return fmt::format("metadata_log={} records, {} of {} brokers unfenced, {} topics",
                     c.disk.metadata_log.size(), alive, c.memory.image.brokers.size(),
                     c.memory.image.topics.size());
}

std::string summarize(const cluster::ScriptedClient& c) {
  int64_t acked = 0, failed = 0, records = 0;
  for (const auto& p : c.memory.produced) {
    records += static_cast<int64_t>(p.records.size());
    if (p.answered && p.error == kafka::ErrorCode::NONE) acked += 1;
    if (p.answered && p.error != kafka::ErrorCode::NONE) failed += 1;
  }
  return fmt::format("produce requests={} (records={}, acknowledged={}, failed={}) consumed={}",
                     c.memory.produced.size(), records, acked, failed, c.memory.consumed.size());
}

std::string summarize(const client::Producer& p) {
  const client::SendCounts n = client::count_outcomes(p);
  return fmt::format(
      "producer sent={} acked={} failed={} pending={}{}", n.sent, n.acked, n.failed, n.pending,
      p.memory.producer_id >= 0 ? fmt::format(" producer_id={}", p.memory.producer_id)
                                : std::string());
}

std::string summarize(const client::Consumer& c) {
  std::string text = fmt::format("consumer consumed={}", c.consumed.size());
  for (const auto& [tp, state] : c.memory.assigned) {
    const std::optional<int64_t> lag = client::partition_lag(c, tp);
    text += fmt::format("\n    {} position={} lag={}", kafka::to_string(tp),
                        state.position ? std::to_string(*state.position) : std::string("-"),
                        lag ? std::to_string(*lag) : std::string("-"));
  }
  if (!c.memory.error.empty()) text += "\n    stopped: " + c.memory.error;
  return text;
}

}  // namespace

std::string node_summary(const world::World& w, size_t i) {
  const std::string body =
      std::visit([](const auto& logic) { return summarize(logic); }, w.nodes[i].logic);
  return fmt::format("node {:<10} {:<5} {}", w.nodes[i].name, w.rt.status[i].up ? "up" : "down",
                     body);
}

}  // namespace ksim::cli
