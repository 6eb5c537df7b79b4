// Messages of the toy world that carries the walking skeleton until Kafka's own requests
// arrive: nodes ping a peer on a timer and the peer answers with a pong. Each ping carries one
// record id so the trace's record-following machinery has something to follow from day one.
#pragma once

#include <cstdint>

#include "engine/sim/ids.h"

namespace ksim::proto {

struct Ping {
  uint32_t seq = 0;
  RecordId record;
  friend bool operator==(const Ping&, const Ping&) = default;
};

struct Pong {
  uint32_t seq = 0;
  RecordId record;
  friend bool operator==(const Pong&, const Pong&) = default;
};

}  // namespace ksim::proto
