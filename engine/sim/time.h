// Simulated time: integer microseconds since the start of the run. There is no wall clock in
// the engine; every handler reads time from its Context. Durations are the same type because
// Kafka's own configs (retention.ms, linger.ms) are plain millisecond counts.
#pragma once

#include <compare>
#include <cstdint>

namespace ksim {

struct SimTime {
  int64_t us = 0;

  static constexpr SimTime from_us(int64_t v) { return SimTime{v}; }
  static constexpr SimTime from_ms(int64_t v) { return SimTime{v * 1000}; }
  static constexpr SimTime from_s(int64_t v) { return SimTime{v * 1000 * 1000}; }
  static constexpr SimTime never() { return SimTime{INT64_MAX}; }

  constexpr int64_t ms() const { return us / 1000; }

  friend constexpr auto operator<=>(SimTime, SimTime) = default;
  friend constexpr SimTime operator+(SimTime a, SimTime b) { return SimTime{a.us + b.us}; }
  friend constexpr SimTime operator-(SimTime a, SimTime b) { return SimTime{a.us - b.us}; }
  constexpr SimTime& operator+=(SimTime b) {
    us += b.us;
    return *this;
  }
};

}  // namespace ksim
