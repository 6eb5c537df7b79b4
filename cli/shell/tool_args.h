// The command lines of Kafka's CLI tools, read as the tools read them (they use JOpt Simple):
// a line split into words as a POSIX shell splits it, then options as `--name value`,
// `--name=value` or with a single dash (`-property`), a long option abbreviated to any
// unambiguous prefix, and JOpt Simple's messages for what it refuses.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ksim::cli::shell {

// Splits a command line into words: blanks separate, single quotes keep everything, double
// quotes keep all but \" and \\, a backslash outside quotes escapes the next character.
// nullopt when a quote is left open.
std::optional<std::vector<std::string>> split_words(const std::string& line);

struct OptionSpec {
  const char* name;
  bool takes_value;
};

// The options a tool was given, by full name, each with its values in order.
class ToolArgs {
 public:
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  // The last value given (JOpt's valueOf takes the only one; the tools give each once).
  std::optional<std::string> value(const std::string& name) const;
  const std::vector<std::string>& values(const std::string& name) const;
  std::vector<std::string>& add(const std::string& name) { return values_[name]; }
  const std::vector<std::string>& positional() const { return positional_; }
  std::vector<std::string>& positional() { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// JOpt Simple's refusal, e.g. "zookeeper is not a recognized option".
struct ArgsError {
  std::string message;
  std::string option;  // the option it is about, as written without dashes
};

std::variant<ToolArgs, ArgsError> parse_tool_args(const std::vector<std::string>& words,
                                                  const std::vector<OptionSpec>& specs);

// "key=value" pairs of --property and --producer-property (CommandLineUtils.parseKeyValueArgs:
// split at the first '='); nullopt for a word without one.
std::optional<std::pair<std::string, std::string>> split_key_value(const std::string& word);

// Thrown where a tool prints an argument error to stderr and stops (printUsageAndExit).
struct ToolError {
  std::string message;
};

// The integer `text` is, or nullopt.
std::optional<int64_t> parse_integer(const std::string& text);
// The option's integer value, nullopt when it was not given; ToolError when it is no integer.
std::optional<int64_t> integer_option(const ToolArgs& a, const std::string& name);
// Every value of a key=value option, split; ToolError for one without '='.
std::vector<std::pair<std::string, std::string>> key_values(const ToolArgs& a,
                                                            const std::string& name);
// ToolError "kafkasim: --x is not simulated" for the first of `options` that was given.
void refuse_unsimulated(const ToolArgs& a, std::initializer_list<const char*> options);

}  // namespace ksim::cli::shell
