// Deadlines for many pending things at once behind a single timer, armed for the earliest one:
// a client's requests against request.timeout.ms (Kafka's NetworkClient checks its in-flight
// requests on each poll), a broker's parked produces against their timeout (the purgatory's
// expiration reaper). A thing finished early leaves no timer of its own behind in the trace or
// in the event queue, which a checkpoint copies.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "engine/runtime/context.h"

namespace ksim::runtime {

class DeadlineTimer {
 public:
  explicit DeadlineTimer(proto::TimerKind kind) : kind_(kind) {}

  // `id` (a correlation id, a parked operation's id) is due `timeout` from now unless finished
  // first.
  void add(int64_t id, SimTime timeout, Context& ctx);
  // It finished (answered, completed): no deadline for it any more.
  void answered(int64_t id) { deadlines_.erase(id); }
  // When the timer (of this kind) fires: the ids whose deadline passed (forgotten here), and
  // the timer armed for the next deadline.
  std::vector<int64_t> expire(Context& ctx);

  friend bool operator==(const DeadlineTimer&, const DeadlineTimer&) = default;

 private:
  void arm(Context& ctx);

  proto::TimerKind kind_;
  std::map<int64_t, SimTime> deadlines_;  // by id
  std::optional<SimTime> armed_;          // when the pending timer fires
};

}  // namespace ksim::runtime
