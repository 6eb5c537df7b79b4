#include "engine/client/request_deadlines.h"

#include <algorithm>

namespace ksim::client {

void RequestDeadlines::add(int64_t correlation, SimTime timeout, runtime::Context& ctx) {
  deadlines_[correlation] = ctx.now() + timeout;
  arm(ctx);
}

std::vector<int64_t> RequestDeadlines::expire(runtime::Context& ctx) {
  std::vector<int64_t> expired;
  for (auto it = deadlines_.begin(); it != deadlines_.end();) {
    if (it->second <= ctx.now()) {
      expired.push_back(it->first);
      it = deadlines_.erase(it);
    } else {
      ++it;
    }
  }
  if (armed_ && *armed_ <= ctx.now()) armed_.reset();
  arm(ctx);
  return expired;
}

void RequestDeadlines::arm(runtime::Context& ctx) {
  if (deadlines_.empty()) return;
  const auto earliest =
      std::min_element(deadlines_.begin(), deadlines_.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (armed_ && *armed_ <= earliest->second) return;  // a timer fires before it anyway
  armed_ = earliest->second;
  ctx.set_timer(earliest->second - ctx.now(), proto::TimerKind::kClientRequestTimeout);
}

int64_t correlation_of_answer(const proto::Payload& payload) {
  return std::visit(
      [](const auto& m) -> int64_t {
        if constexpr (requires { m.correlation_id; }) {
          return m.correlation_id;
        } else {
          return -1;
        }
      },
      payload);
}

}  // namespace ksim::client
