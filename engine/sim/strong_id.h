// Strong integer types for ids and quantities (BrokerId, Offset, LeaderEpoch, ...).
// Two integers of different meaning can never be mixed up by accident: a StrongInt only
// compares and converts with its own kind. Modelled on Redpanda's model/fundamental.h.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace ksim {

template <typename Tag, typename Rep>
struct StrongInt {
  using rep = Rep;
  Rep value{};

  constexpr StrongInt() = default;
  constexpr explicit StrongInt(Rep v) : value(v) {}

  static constexpr StrongInt max() { return StrongInt(std::numeric_limits<Rep>::max()); }
  static constexpr StrongInt min() { return StrongInt(std::numeric_limits<Rep>::min()); }

  friend constexpr auto operator<=>(const StrongInt&, const StrongInt&) = default;
};

}  // namespace ksim
