#include "engine/scenario/build.h"

namespace ksim::scenario {

world::World build_world(const Scenario& s, uint64_t seed) {
  world::World w;
  w.seed = seed;
  w.rt.network = Network(s.network);
  w.rt.network_rng = Prng::stream(seed, "network");
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    toy::ToyNode node;
    node.id = NodeId{static_cast<int32_t>(i)};
    node.ping_interval = s.ping_interval;
    for (size_t j = 0; j < s.nodes.size(); ++j) {
      if (j != i) node.peers.push_back(NodeId{static_cast<int32_t>(j)});
    }
    w.add_node(s.nodes[i], std::move(node));
  }
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    w.schedule(SimTime{}, proto::StartNode{NodeId{static_cast<int32_t>(i)}});
  }
  for (const TimedAction& a : s.timeline) w.schedule(a.at, a.action);
  return w;
}

trace::NameTable names_of(const Scenario& s) { return trace::NameTable{s.nodes, s.notes}; }

}  // namespace ksim::scenario
