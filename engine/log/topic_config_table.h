// The table of topic configs: one row per key with Kafka's type, default, valid values and
// server default property, plus how to store a parsed value into TopicConfig and how to print
// it back. Parsing (topic_config.cpp) and docs/topic-configs.md are generated from these rows.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/log/topic_config.h"

namespace ksim::log {

// Kafka's ConfigDef types used by these keys.
enum class ConfigType { kInt, kLong, kDouble, kBoolean, kList, kString };

// A parsed value before it is stored into TopicConfig.
using ConfigValue =
    std::variant<int64_t, bool, DecimalRatio, std::vector<std::string>, std::string>;

struct ConfigKeyDef {
  std::string_view name;
  ConfigType type;
  std::string_view default_value;
  std::optional<int64_t> min;  // kInt/kLong: Range.atLeast / between
  std::optional<int64_t> max;
  std::string_view valid_strings[2];         // kList/kString: ValidList.in / ValidString.in
  std::string_view server_default_property;  // broker-level synonym
  std::string_view doc;
  void (*store)(TopicConfig&, const ConfigValue&);
  std::string (*show)(const TopicConfig&);
};

std::span<const ConfigKeyDef> topic_config_table();

// Kafka's name for the type, as in its docs: "int", "long", "double", "boolean", "list", "string".
std::string_view type_name(ConfigType type);

// Kafka's "Valid Values" column: "[-1,...]", "[0,...,1]", "[compact, delete]", or "".
std::string valid_values_text(const ConfigKeyDef& def);

// The Markdown of docs/topic-configs.md.
std::string render_topic_configs_markdown();

}  // namespace ksim::log
