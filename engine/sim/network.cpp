#include "engine/sim/network.h"

#include <algorithm>

#include "engine/sim/check.h"

namespace ksim {

const char* drop_reason_name(DropReason r) {
  switch (r) {
    case DropReason::kNone:
      return "none";
    case DropReason::kLinkCut:
      return "link_cut";
    case DropReason::kLost:
      return "lost";
    case DropReason::kReceiverDown:
      return "receiver_down";
    case DropReason::kSenderCrashed:
      return "sender_crashed";
  }
  return "unknown";
}

void Network::resize(int32_t count) {
  KSIM_ASSERT(count >= count_, "the network never shrinks: node ids are stable");
  std::vector<LinkConfig> links(static_cast<size_t>(count) * count, default_link_);
  std::vector<uint8_t> cut(static_cast<size_t>(count) * count, 0);
  std::vector<SimTime> last(static_cast<size_t>(count) * count, SimTime{});
  for (int32_t f = 0; f < count_; ++f) {
    for (int32_t t = 0; t < count_; ++t) {
      const size_t old_i = static_cast<size_t>(f) * count_ + t;
      const size_t new_i = static_cast<size_t>(f) * count + t;
      links[new_i] = links_[old_i];
      cut[new_i] = cut_[old_i];
      last[new_i] = last_arrival_[old_i];
    }
  }
  links_ = std::move(links);
  cut_ = std::move(cut);
  last_arrival_ = std::move(last);
  count_ = count;
}

size_t Network::index(NodeId from, NodeId to) const {
  KSIM_ASSERT(from.value >= 0 && from.value < count_ && to.value >= 0 && to.value < count_,
              "network link between unknown nodes");
  return static_cast<size_t>(from.value) * count_ + to.value;
}

void Network::set_link(NodeId from, NodeId to, LinkConfig config) {
  links_[index(from, to)] = config;
}

const LinkConfig& Network::link(NodeId from, NodeId to) const { return links_[index(from, to)]; }

void Network::partition(const std::vector<NodeId>& a, const std::vector<NodeId>& b, bool one_way) {
  for (NodeId x : a) {
    for (NodeId y : b) {
      if (x == y) continue;
      cut_[index(x, y)] = 1;
      if (!one_way) cut_[index(y, x)] = 1;
    }
  }
}

void Network::heal_all() { std::fill(cut_.begin(), cut_.end(), 0); }

bool Network::is_cut(NodeId from, NodeId to) const { return cut_[index(from, to)] != 0; }

bool Network::is_isolated_somewhere(NodeId node) const {
  for (int32_t other = 0; other < count_; ++other) {
    if (is_cut(node, NodeId{other}) || is_cut(NodeId{other}, node)) return true;
  }
  return false;
}

Route Network::route(NodeId from, NodeId to, SimTime now, Prng& rng) {
  const size_t i = index(from, to);
  const LinkConfig& cfg = links_[i];
  SimTime arrival = now + cfg.latency;
  if (cfg.jitter.us > 0) arrival += SimTime::from_us(rng.between(0, cfg.jitter.us));
  // Invariant: a link delivers in send order (TCP), so never before the previous arrival.
  arrival = std::max(arrival, last_arrival_[i]);
  last_arrival_[i] = arrival;
  if (cut_[i]) return Route{arrival, DropReason::kLinkCut};
  if (cfg.loss_ppm > 0 && rng.chance(Ratio{cfg.loss_ppm, 1'000'000})) {
    return Route{arrival, DropReason::kLost};
  }
  return Route{arrival, DropReason::kNone};
}

}  // namespace ksim
