// A connection that broke: a node sent a request to a peer whose process had crashed, and its
// connection was refused or reset. The network delivers this notice to the sender right away
// (one link latency later) instead of leaving it to wait for request.timeout.ms, as a real
// client sees the disconnect at once. A cut link gives no notice: partitions are silent.
#pragma once

#include <cstdint>

namespace ksim::proto {

enum class MessageKind : uint16_t;

struct ConnectionClosed {
  uint16_t dropped_kind = 0;    // the MessageKind of the message that found no one
  int64_t correlation_id = -1;  // its correlation id, when it had one
  friend bool operator==(const ConnectionClosed&, const ConnectionClosed&) = default;
};

}  // namespace ksim::proto
