// A problem with a scenario file, precise enough to fix without guessing: which file, where in
// it (a JSON pointer such as /timeline/2/node, or line:column for a syntax error), what was
// expected and what was found.
#pragma once

#include <string>
#include <vector>

#include "engine/sim/text.h"

namespace ksim::scenario {

struct Diagnostic {
  std::string file;
  std::string where;     // JSON pointer, or "line L, column C" for a syntax error
  std::string expected;  // what the format wants here
  std::string found;     // what the file has
};

// `expected`, with " (did you mean "X"?)" when one of `candidates` is close to `found`.
std::string with_hint(std::string expected, const std::string& found,
                      const std::vector<std::string>& candidates);

// "demo_1.json: /timeline/2/node: expected the name of a node (a, b or c), found \"d\"".
std::string to_string(const Diagnostic& d);

}  // namespace ksim::scenario
