#include "cli/shell/tool_args.h"

#include <fmt/format.h>

namespace ksim::cli::shell {

std::optional<std::vector<std::string>> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      const size_t close = line.find('\'', i + 1);
      if (close == std::string::npos) return std::nullopt;
      word += line.substr(i + 1, close - i - 1);
      in_word = true;
      i = close;
    } else if (c == '"') {
      in_word = true;
      for (++i;; ++i) {
        if (i >= line.size()) return std::nullopt;
        if (line[i] == '"') break;
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
          ++i;
        }
        word += line[i];
      }
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::optional<std::string> ToolArgs::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

const std::vector<std::string>& ToolArgs::values(const std::string& name) const {
  static const std::vector<std::string> kNone;
  const auto it = values_.find(name);
  return it == values_.end() ? kNone : it->second;
}

namespace {

// The spec a written name means: an exact name, else the only one it is a prefix of.
const OptionSpec* find_spec(const std::string& written, const std::vector<OptionSpec>& specs) {
  const OptionSpec* prefix_of = nullptr;
  int prefixes = 0;
  for (const OptionSpec& s : specs) {
    const std::string name = s.name;
    if (name == written) return &s;
    if (name.compare(0, written.size(), written) == 0) {
      prefix_of = &s;
      ++prefixes;
    }
  }
  return prefixes == 1 ? prefix_of : nullptr;
}

}  // namespace

std::variant<ToolArgs, ArgsError> parse_tool_args(const std::vector<std::string>& words,
                                                  const std::vector<OptionSpec>& specs) {
  ToolArgs args;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--") {
      for (++i; i < words.size(); ++i) args.positional().push_back(words[i]);
      break;
    }
    if (w.size() < 2 || w[0] != '-') {
      args.positional().push_back(w);
      continue;
    }
    std::string name = w.substr(w[1] == '-' ? 2 : 1);
    std::optional<std::string> inline_value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec* spec = find_spec(name, specs);
    if (spec == nullptr) return ArgsError{fmt::format("{} is not a recognized option", name), name};
    std::vector<std::string>& values = args.add(spec->name);
    if (!spec->takes_value) {
      if (inline_value) {
        return ArgsError{fmt::format("Option {} does not take an argument", spec->name),
                         spec->name};
      }
      continue;
    }
    if (inline_value) {
      values.push_back(*inline_value);
    } else if (i + 1 < words.size()) {
      values.push_back(words[++i]);
    } else {
      return ArgsError{fmt::format("Option {} requires an argument", spec->name), spec->name};
    }
  }
  return args;
}

std::optional<std::pair<std::string, std::string>> split_key_value(const std::string& word) {
  const size_t eq = word.find('=');
  if (eq == std::string::npos) return std::nullopt;
  return std::pair{word.substr(0, eq), word.substr(eq + 1)};
}

std::optional<int64_t> parse_integer(const std::string& text) {
  try {
    size_t used = 0;
    const long long n = std::stoll(text, &used);
    if (used == text.size()) return n;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::optional<int64_t> integer_option(const ToolArgs& a, const std::string& name) {
  const std::optional<std::string> text = a.value(name);
  if (!text) return std::nullopt;
  const std::optional<int64_t> n = parse_integer(*text);
  if (!n) throw ToolError{fmt::format("Cannot parse argument '{}' of option {}", *text, name)};
  return n;
}

std::vector<std::pair<std::string, std::string>> key_values(const ToolArgs& a,
                                                            const std::string& name) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& word : a.values(name)) {
    auto pair = split_key_value(word);
    if (!pair) throw ToolError{fmt::format("Invalid command line properties: {}", word)};
    pairs.push_back(*std::move(pair));
  }
  return pairs;
}

void refuse_unsimulated(const ToolArgs& a, std::initializer_list<const char*> options) {
  for (const char* option : options) {
    if (a.has(option)) throw ToolError{fmt::format("kafkasim: --{} is not simulated", option)};
  }
}

}  // namespace ksim::cli::shell
