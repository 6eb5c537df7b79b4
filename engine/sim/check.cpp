#include "engine/sim/check.h"

#include <cstdio>
#include <cstdlib>

namespace ksim {

void assertion_failed(const char* expr, const char* file, int line, const char* why) {
  std::fprintf(stderr, "kafkasim engine invariant broken: %s\n  at %s:%d\n  %s\n", expr, file, line,
               why);
  std::abort();
}

}  // namespace ksim
