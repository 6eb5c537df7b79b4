// Events are data: a message in flight, a timer, or a scenario action, as one std::variant.
// The queue orders them by (time, sequence number); `cause` is the step whose handler
// scheduled the event (kNoStep for what the scenario scheduled before the run).
#pragma once

#include <cstdint>
#include <variant>

#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/proto/timer.h"
#include "engine/sim/event_queue.h"
#include "engine/sim/ids.h"
#include "engine/sim/network.h"
#include "engine/sim/time.h"

namespace ksim::runtime {

struct Deliver {
  NodeId from;
  NodeId to;
  SimTime sent_at;
  uint32_t sender_incarnation = 0;      // a crash of the sender since kills the message
  DropReason drop = DropReason::kNone;  // decided by the network when it was sent
  proto::Payload payload;
  friend bool operator==(const Deliver&, const Deliver&) = default;
};

struct TimerFire {
  NodeId node;
  uint32_t incarnation = 0;  // a timer set before a crash never fires after it
  proto::TimerKind kind{};
  int64_t arg = 0;
  friend bool operator==(const TimerFire&, const TimerFire&) = default;
};

struct Event {
  Step cause = kNoStep;
  std::variant<Deliver, TimerFire, proto::Action> body;
  friend bool operator==(const Event&, const Event&) = default;
};

using Queue = EventQueue<Event>;

}  // namespace ksim::runtime
