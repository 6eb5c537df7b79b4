#include "engine/scenario/json_reader.h"

#include <fmt/format.h>

#include <cmath>

namespace ksim::scenario {

void JsonReader::problem(const std::string& where, std::string expected, std::string found) {
  problems_.push_back(Diagnostic{file_, where, std::move(expected), std::move(found)});
}

std::string JsonReader::child(const std::string& where, const std::string& key) {
  // RFC 6901 escaping: '~' becomes "~0" and '/' becomes "~1".
  std::string escaped;
  for (char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped.push_back(c);
    }
  }
  return where + "/" + escaped;
}

std::string JsonReader::child(const std::string& where, size_t index) {
  return where + "/" + std::to_string(index);
}

std::string JsonReader::describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string s = value.get<std::string>();
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return "\"" + s + "\"";
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return value.dump();
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::binary:
    case Json::value_t::discarded:
      return "an unreadable value";
  }
  return "an unreadable value";
}

void JsonReader::check_keys(const Json& obj, const std::string& where,
                            std::initializer_list<const char*> allowed) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, value] : obj.items()) {
    bool known = false;
    for (const std::string& n : names) known = known || n == key;
    if (known) continue;
    std::string expected = "one of the keys " + fmt::format("{}", fmt::join(names, ", "));
    const std::string hint = nearest(key, names);
    if (!hint.empty()) expected = "a known key (did you mean \"" + hint + "\"?)";
    problem(child(where, key), expected, "unknown key \"" + key + "\"");
  }
}

std::optional<std::string> JsonReader::string_at(const Json& obj, const std::string& where,
                                                 const char* key, bool required) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) problem(child(where, key), "a string (required)", "nothing");
    return std::nullopt;
  }
  if (!it->is_string()) {
    problem(child(where, key), "a string", describe(*it));
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<int64_t> JsonReader::int_at(const Json& obj, const std::string& where,
                                          const char* key, int64_t min, int64_t max,
                                          std::optional<int64_t> fallback) {
  const auto it = obj.find(key);
  const std::string range = max == INT64_MAX ? fmt::format("an integer >= {}", min)
                                             : fmt::format("an integer in [{}, {}]", min, max);
  if (it == obj.end()) {
    if (!fallback) problem(child(where, key), range + " (required)", "nothing");
    return fallback;
  }
  int64_t v = 0;
  if (it->is_number_integer()) {
    v = it->get<int64_t>();
  } else if (it->is_number_unsigned()) {
    const uint64_t u = it->get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) {
      problem(child(where, key), range, describe(*it));
      return std::nullopt;
    }
    v = static_cast<int64_t>(u);
  } else {
    problem(child(where, key), range, describe(*it));
    return std::nullopt;
  }
  if (v < min || v > max) {
    problem(child(where, key), range, describe(*it));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> JsonReader::bool_at(const Json& obj, const std::string& where, const char* key,
                                        bool fallback) {
  const auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_boolean()) {
    problem(child(where, key), "true or false", describe(*it));
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<uint32_t> JsonReader::ppm_at(const Json& obj, const std::string& where,
                                           const char* key, uint32_t fallback) {
  const auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_number()) {
    problem(child(where, key), "a probability between 0 and 1", describe(*it));
    return std::nullopt;
  }
  const double p = it->get<double>();
  if (!(p >= 0.0 && p <= 1.0)) {
    problem(child(where, key), "a probability between 0 and 1", describe(*it));
    return std::nullopt;
  }
  // The only floating point in the loader: turned into an exact integer once, here.
  return static_cast<uint32_t>(std::llround(p * 1'000'000.0));
}

const Json* JsonReader::object_at(const Json& obj, const std::string& where, const char* key,
                                  bool required) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) problem(child(where, key), "an object (required)", "nothing");
    return nullptr;
  }
  if (!it->is_object()) {
    problem(child(where, key), "an object", describe(*it));
    return nullptr;
  }
  return &*it;
}

const Json* JsonReader::array_at(const Json& obj, const std::string& where, const char* key,
                                 bool required) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) problem(child(where, key), "an array (required)", "nothing");
    return nullptr;
  }
  if (!it->is_array()) {
    problem(child(where, key), "an array", describe(*it));
    return nullptr;
  }
  return &*it;
}

}  // namespace ksim::scenario
