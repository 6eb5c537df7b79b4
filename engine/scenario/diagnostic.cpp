#include "engine/scenario/diagnostic.h"

namespace ksim::scenario {

std::string with_hint(std::string expected, const std::string& found,
                      const std::vector<std::string>& candidates) {
  const std::string hint = nearest(found, candidates);
  if (!hint.empty()) expected += " (did you mean \"" + hint + "\"?)";
  return expected;
}

std::string to_string(const Diagnostic& d) {
  std::string where = d.where.empty() ? "(top level)" : d.where;
  return d.file + ": " + where + ": expected " + d.expected + ", found " + d.found;
}

}  // namespace ksim::scenario
