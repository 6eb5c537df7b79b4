// Typed reading of a parsed JSON document with precise diagnostics: each accessor checks the
// value's type and range and, on a mismatch, records the JSON pointer, what was expected and
// what was found. Objects are checked for unknown keys with a "did you mean" hint.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/scenario/diagnostic.h"

namespace ksim::scenario {

using Json = nlohmann::json;

class JsonReader {
 public:
  JsonReader(std::string file, std::vector<Diagnostic>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void problem(const std::string& where, std::string expected, std::string found);

  // Reports each key of `obj` not in `allowed`, with the nearest allowed key as a hint.
  void check_keys(const Json& obj, const std::string& where,
                  std::initializer_list<const char*> allowed);

  // Each getter returns nullopt (and reports) when the key is present but wrong, and
  // `fallback` when the key is absent. A required key reports its absence.
  std::optional<std::string> string_at(const Json& obj, const std::string& where, const char* key,
                                       bool required);
  std::optional<int64_t> int_at(const Json& obj, const std::string& where, const char* key,
                                int64_t min, int64_t max, std::optional<int64_t> fallback);
  std::optional<bool> bool_at(const Json& obj, const std::string& where, const char* key,
                              bool fallback);
  // A probability written as a decimal in [0, 1], returned in parts per million.
  std::optional<uint32_t> ppm_at(const Json& obj, const std::string& where, const char* key,
                                 uint32_t fallback);
  // The object at `key` (reports when it is not an object; nullptr when absent or wrong).
  const Json* object_at(const Json& obj, const std::string& where, const char* key, bool required);
  const Json* array_at(const Json& obj, const std::string& where, const char* key, bool required);

  // Short description of a value for "found ...": a quoted string, a number, "an object".
  static std::string describe(const Json& value);
  static std::string child(const std::string& where, const std::string& key);
  static std::string child(const std::string& where, size_t index);

 private:
  std::string file_;
  std::vector<Diagnostic>& problems_;
};

}  // namespace ksim::scenario
