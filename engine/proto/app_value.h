// A key or value as a scenario writes it, before a serializer turns it into bytes: text or an
// integer. Neither set is null (a null key, or a tombstone value).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ksim::proto {

struct AppValue {
  std::optional<std::string> text;
  std::optional<int64_t> number;
  bool is_null() const { return !text && !number; }
  friend bool operator==(const AppValue&, const AppValue&) = default;
};

}  // namespace ksim::proto
