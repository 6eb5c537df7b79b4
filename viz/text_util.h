// Building the viewer's short strings. concat() instead of `"literal" + std::string&&`, which
// GCC 12 at -O3 flags with false -Wrestrict / -Wmaybe-uninitialized (CI builds with -Werror).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ksim::viz {

inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

inline std::string num(int64_t v) { return std::to_string(v); }

}  // namespace ksim::viz
