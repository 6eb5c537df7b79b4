#include "engine/runtime/deadline_timer.h"

#include <algorithm>

namespace ksim::runtime {

void DeadlineTimer::add(int64_t correlation, SimTime timeout, Context& ctx) {
  deadlines_[correlation] = ctx.now() + timeout;
  arm(ctx);
}

std::vector<int64_t> DeadlineTimer::expire(Context& ctx) {
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

void DeadlineTimer::arm(Context& ctx) {
  if (deadlines_.empty()) return;
  const auto earliest =
      std::min_element(deadlines_.begin(), deadlines_.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (armed_ && *armed_ <= earliest->second) return;  // a timer fires before it anyway
  armed_ = earliest->second;
  ctx.set_timer(earliest->second - ctx.now(), kind_);
}

}  // namespace ksim::runtime
