// request.timeout.ms for every request a client has in flight (Kafka's NetworkClient checks its
// in-flight requests against their deadlines on each poll). One timer per client stands for that
// check, armed for the earliest deadline, so an answered request leaves no timer of its own
// behind in the trace.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "engine/runtime/context.h"

namespace ksim::client {

class RequestDeadlines {
 public:
  // A request went out: it times out `timeout` from now unless answered first.
  void add(int64_t correlation, SimTime timeout, runtime::Context& ctx);
  // It was answered (or its connection broke): no timeout for it.
  void answered(int64_t correlation) { deadlines_.erase(correlation); }
  // On kClientRequestTimeout: the requests whose deadline passed (forgotten here), and the
  // timer armed for the next deadline.
  std::vector<int64_t> expire(runtime::Context& ctx);

  friend bool operator==(const RequestDeadlines&, const RequestDeadlines&) = default;

 private:
  void arm(runtime::Context& ctx);

  std::map<int64_t, SimTime> deadlines_;  // by correlation id
  std::optional<SimTime> armed_;          // when the pending timer fires
};

// The correlation id a response (or a broken connection's notice) carries, or -1.
int64_t correlation_of_answer(const proto::Payload& payload);

}  // namespace ksim::client
