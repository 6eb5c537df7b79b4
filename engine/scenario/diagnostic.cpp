#include "engine/scenario/diagnostic.h"

namespace ksim::scenario {
std::string to_string(const Diagnostic& d) {
  std::string where = d.where.empty() ? "(top level)" : d.where;
  return d.file + ": " + where + ": expected " + d.expected + ", found " + d.found;
}

}  // namespace ksim::scenario
