#include "engine/log/topic_config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <string_view>

#include "engine/log/topic_config_table.h"
#include "engine/sim/check.h"
#include "engine/sim/text.h"

namespace ksim::log {

namespace {

__extension__ typedef __int128 Int128;

constexpr int kMaxRatioDecimals = 9;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<int64_t> parse_int64(std::string_view s) {
  int64_t v = 0;
  const char* end = s.data() + s.size();
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);  // Long.parseLong accepts a '+'
  const auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "0.5" -> 5/10, "1" -> 1/1, "-0.25" -> -25/100. At most 9 digits each side of the point.
std::optional<DecimalRatio> parse_decimal(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if ((whole.empty() && frac.empty()) || !all_digits(whole) || !all_digits(frac) ||
      whole.size() > 9 || frac.size() > kMaxRatioDecimals) {
    return std::nullopt;
  }
  DecimalRatio r{0, 1};
  for (char c : whole) r.num = r.num * 10 + (c - '0');
  for (char c : frac) {
    r.num = r.num * 10 + (c - '0');
    r.den *= 10;
  }
  if (negative) r.num = -r.num;
  return r;
}

std::string problem_text(const ConfigKeyDef& def, std::string_view value, std::string_view why) {
  std::string text = "Invalid value '" + std::string(value) + "' for configuration '" +
                     std::string(def.name) + "': " + std::string(why);
  const std::string valid = valid_values_text(def);
  if (!valid.empty() && def.type != ConfigType::kList && def.type != ConfigType::kString) {
    text += "; valid values: " + valid;
  }
  return text;
}

std::string type_expectation(ConfigType type) {
  switch (type) {
    case ConfigType::kInt:
      return "expected a 32-bit integer (int)";
    case ConfigType::kLong:
      return "expected a 64-bit integer (long)";
    case ConfigType::kDouble:
      return "expected a decimal number such as 0.5 (at most 9 decimals)";
    case ConfigType::kBoolean:
      return "Expected value to be either true or false";
    case ConfigType::kList:
    case ConfigType::kString:
      return "expected a string";
  }
  return "";
}

std::string one_of(const ConfigKeyDef& def) {
  return "String must be one of: " + std::string(def.valid_strings[0]) + ", " +
         std::string(def.valid_strings[1]);
}

bool is_valid_string(const ConfigKeyDef& def, std::string_view s) {
  return s == def.valid_strings[0] || s == def.valid_strings[1];
}

std::optional<std::string> check_range(const ConfigKeyDef& def, DecimalRatio v) {
  // v = num/den compared with integer bounds exactly: num < min*den, num > max*den.
  if (def.min && v.num < *def.min * v.den) {
    return std::string("Value must be at least ").append(std::to_string(*def.min));
  }
  if (def.max && v.num > *def.max * v.den) {
    return std::string("Value must be no more than ").append(std::to_string(*def.max));
  }
  return std::nullopt;
}

// Parses one value. Returns the value, or the reason it is invalid.
std::variant<ConfigValue, std::string> parse_value(const ConfigKeyDef& def, std::string_view raw) {
  const std::string_view s = trim(raw);
  switch (def.type) {
    case ConfigType::kInt:
    case ConfigType::kLong: {
      const auto v = parse_int64(s);
      const bool fits =
          v && (def.type == ConfigType::kLong || (*v >= std::numeric_limits<int32_t>::min() &&
                                                  *v <= std::numeric_limits<int32_t>::max()));
      if (!fits) return type_expectation(def.type);
      if (auto why = check_range(def, DecimalRatio{*v, 1})) return *why;
      return ConfigValue{*v};
    }
    case ConfigType::kDouble: {
      const auto v = parse_decimal(s);
      if (!v) return type_expectation(def.type);
      if (auto why = check_range(def, *v)) return *why;
      return ConfigValue{*v};
    }
    case ConfigType::kBoolean: {
      std::string lower(s);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "true") return ConfigValue{true};
      if (lower == "false") return ConfigValue{false};
      return type_expectation(def.type);
    }
    case ConfigType::kList: {
      std::vector<std::string> items;
      if (s.empty()) return ConfigValue{items};  // ConfigDef parses "" as an empty list
      size_t start = 0;
      while (true) {
        const size_t comma = s.find(',', start);
        const std::string_view item = trim(s.substr(start, comma - start));
        if (!is_valid_string(def, item)) return one_of(def);
        items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      return ConfigValue{items};
    }
    case ConfigType::kString:
      if (!is_valid_string(def, s)) return one_of(def);
      return ConfigValue{std::string(s)};
  }
  return std::string("unknown type");
}

const ConfigKeyDef* find_def(std::string_view key) {
  for (const ConfigKeyDef& def : topic_config_table()) {
    if (def.name == key) return &def;
  }
  return nullptr;
}

}  // namespace

bool fraction_exceeds(int64_t part, int64_t total, DecimalRatio ratio) {
  KSIM_ASSERT(part >= 0 && total > 0 && ratio.den > 0, "fraction_exceeds needs part/total");
  return static_cast<Int128>(part) * ratio.den > static_cast<Int128>(ratio.num) * total;
}

std::string nearest_config_key(const std::string& unknown) {
  std::string best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const ConfigKeyDef& def : topic_config_table()) {
    const size_t d = edit_distance(unknown, std::string(def.name));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(def.name);
    }
  }
  return best;
}

ConfigParseResult parse_topic_config(const std::map<std::string, std::string>& overrides,
                                     const TopicConfig& base) {
  ConfigParseResult result{base, {}};
  for (const auto& [key, value] : overrides) {
    const ConfigKeyDef* def = find_def(key);
    if (def == nullptr) {
      result.problems.push_back({key, value,
                                 "Unknown topic config '" + key + "' (value '" + value +
                                     "'): did you mean '" + nearest_config_key(key) + "'?"});
      continue;
    }
    auto parsed = parse_value(*def, value);
    if (auto* why = std::get_if<std::string>(&parsed)) {
      result.problems.push_back({key, value, problem_text(*def, value, *why)});
      continue;
    }
    def->store(result.config, std::get<ConfigValue>(parsed));
  }
  return result;
}

std::vector<std::pair<std::string, std::string>> describe(const TopicConfig& config) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ConfigKeyDef& def : topic_config_table()) {
    out.emplace_back(std::string(def.name), def.show(config));
  }
  return out;
}

}  // namespace ksim::log
