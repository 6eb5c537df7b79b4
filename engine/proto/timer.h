// Every kind of timer a node can set, in one enum so the trace can name them. A timer is data:
// its kind, one integer argument, and the incarnation of the node that set it (a crash bumps
// the incarnation, which is how a crash drops pending timers).
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::proto {

enum class TimerKind : uint16_t {
  kToyPingTick = 0,  // the toy node's periodic ping
};

inline std::string_view timer_kind_name(TimerKind k) {
  switch (k) {
    case TimerKind::kToyPingTick:
      return "ping_tick";
  }
  return "?";
}

}  // namespace ksim::proto
