#include "engine/runtime/context.h"

namespace ksim::runtime {

void Context::send(NodeId to, proto::Payload payload) {
  const Route route = rt_.network.route(self_, to, rt_.now, rt_.network_rng);
  const uint32_t incarnation = rt_.status_of(self_).incarnation;
  rt_.queue.push(route.arrival, Event{step_, Deliver{self_, to, rt_.now, incarnation, route.drop,
                                                     std::move(payload)}});
}

void Context::set_timer(SimTime delay, proto::TimerKind kind, int64_t arg) {
  const uint32_t incarnation = rt_.status_of(self_).incarnation;
  rt_.queue.push(rt_.now + delay, Event{step_, TimerFire{self_, incarnation, kind, arg}});
}

}  // namespace ksim::runtime
