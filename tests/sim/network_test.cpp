#include "engine/sim/network.h"

#include <catch2/catch.hpp>

using namespace ksim;

namespace {

Network three_nodes(LinkConfig link) {
  Network n(link);
  n.resize(3);
  return n;
}

const NodeId a{0}, b{1}, c{2};

}  // namespace

TEST_CASE("a message arrives after the link latency", "[sim][network]") {
  // Goal: with no jitter, arrival = send time + latency, and nothing is dropped.
  Network net = three_nodes(LinkConfig{.latency = SimTime::from_ms(5)});
  Prng rng(1);
  const Route r = net.route(a, b, SimTime::from_ms(100), rng);
  CHECK(r.arrival == SimTime::from_ms(105));
  CHECK(r.drop == DropReason::kNone);
}

TEST_CASE("jitter stays within its bound and never reorders a link", "[sim][network]") {
  // Goal: arrivals lie in [latency, latency + jitter] and are FIFO per link, like TCP.
  Network net =
      three_nodes(LinkConfig{.latency = SimTime::from_ms(5), .jitter = SimTime::from_ms(10)});
  Prng rng(2);
  SimTime last{};
  bool varied = false;
  for (int i = 0; i < 500; ++i) {
    const SimTime now = SimTime::from_us(i * 100);
    const Route r = net.route(a, b, now, rng);
    CHECK(r.arrival >= now + SimTime::from_ms(5));
    CHECK(r.arrival >= last);
    varied = varied || r.arrival != now + SimTime::from_ms(5);
    last = r.arrival;
  }
  CHECK(varied);
}

TEST_CASE("loss drops about its share of messages", "[sim][network]") {
  // Goal: loss 0.2 drops about 20% of messages, marked kLost.
  Network net = three_nodes(LinkConfig{.loss_ppm = 200'000});
  Prng rng(3);
  int lost = 0;
  for (int i = 0; i < 10000; ++i) {
    lost += net.route(a, b, SimTime{}, rng).drop == DropReason::kLost ? 1 : 0;
  }
  CHECK(lost > 1800);
  CHECK(lost < 2200);
}

TEST_CASE("a partition cuts both ways between its sides and heal restores", "[sim][network]") {
  // Goal: partition({a},{b,c}) cuts a<->b and a<->c, leaves b<->c, and heal undoes it.
  Network net = three_nodes({});
  Prng rng(4);
  net.partition({a}, {b, c}, /*one_way=*/false);
  CHECK(net.route(a, b, SimTime{}, rng).drop == DropReason::kLinkCut);
  CHECK(net.route(c, a, SimTime{}, rng).drop == DropReason::kLinkCut);
  CHECK(net.route(b, c, SimTime{}, rng).drop == DropReason::kNone);
  CHECK(net.is_isolated_somewhere(a));
  net.heal_all();
  CHECK(net.route(a, b, SimTime{}, rng).drop == DropReason::kNone);
  CHECK_FALSE(net.is_isolated_somewhere(a));
}

TEST_CASE("a one-way partition cuts only one direction", "[sim][network]") {
  // Goal: one_way cuts a->b but a message b->a still arrives.
  Network net = three_nodes({});
  Prng rng(5);
  net.partition({a}, {b}, /*one_way=*/true);
  CHECK(net.is_cut(a, b));
  CHECK_FALSE(net.is_cut(b, a));
  CHECK(net.route(b, a, SimTime{}, rng).drop == DropReason::kNone);
}

TEST_CASE("a link can have its own latency", "[sim][network]") {
  // Goal: set_link changes one direction only.
  Network net = three_nodes(LinkConfig{.latency = SimTime::from_ms(1)});
  Prng rng(6);
  net.set_link(a, b, LinkConfig{.latency = SimTime::from_ms(50)});
  CHECK(net.route(a, b, SimTime{}, rng).arrival == SimTime::from_ms(50));
  CHECK(net.route(b, a, SimTime{}, rng).arrival == SimTime::from_ms(1));
}

TEST_CASE("growing the network keeps existing links", "[sim][network]") {
  // Goal: adding nodes keeps cuts and link configs of the nodes already there.
  Network net = three_nodes({});
  net.partition({a}, {b}, false);
  net.resize(5);
  CHECK(net.is_cut(a, b));
  CHECK_FALSE(net.is_cut(NodeId{3}, NodeId{4}));
}
