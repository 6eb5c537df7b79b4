// Always-on engine assertions. An engine bug must stop the run loudly with where it happened,
// even in Release builds (they are cheap next to a wrong lesson). Simulated Kafka failures are
// never asserted: they are data that travels in responses and the trace.
#pragma once

namespace ksim {

[[noreturn]] void assertion_failed(const char* expr, const char* file, int line, const char* why);

}  // namespace ksim

#define KSIM_ASSERT(expr, why)                                             \
  do {                                                                     \
    if (!(expr)) ::ksim::assertion_failed(#expr, __FILE__, __LINE__, why); \
  } while (0)
