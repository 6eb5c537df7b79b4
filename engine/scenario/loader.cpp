#include "engine/scenario/loader.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "engine/scenario/json_reader.h"
#include "engine/scenario/scenario_reader.h"

namespace ksim::scenario {
namespace {

struct LineColumn {
  size_t line = 1;
  size_t column = 1;
};

LineColumn line_column_at(std::string_view text, size_t byte) {
  LineColumn lc;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

std::string at_line_column(LineColumn lc) {
  return fmt::format("line {}, column {}", lc.line, lc.column);
}

// The byte where nesting first exceeds kMaxNesting, if it does (strings are skipped).
std::optional<size_t> too_deep_at(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxNesting) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

// The part of nlohmann's message after its "parse error at line L, column C: " prefix.
std::string syntax_found(const std::string& what) {
  const size_t colon = what.find(": ", what.find("parse error"));
  std::string found = colon == std::string::npos ? what : what.substr(colon + 2);
  return found;
}

// nlohmann's message without its "[json.exception.name.id] " prefix.
std::string unprefixed(const std::string& what) {
  const size_t close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

// Where the token quoted in `what` ('...') first appears in `text` (0 when it cannot be found).
size_t quoted_token_at(std::string_view text, const std::string& what) {
  const size_t open = what.find('\'');
  const size_t close = what.rfind('\'');
  if (open == std::string::npos || close <= open + 1) return 0;
  const size_t at = text.find(what.substr(open + 1, close - open - 1));
  return at == std::string_view::npos ? 0 : at;
}

// Puts the contrast's settings into `doc`; false (after reporting) when it has none. A setting
// that cannot be placed is left out: the reader reports it, as it does for the lesson itself.
bool apply_contrast(Json& doc, JsonReader& r) {
  const auto contrast = doc.find("contrast");
  if (contrast == doc.end() || !contrast->is_object() || !contrast->contains("set") ||
      !(*contrast)["set"].is_object()) {
    r.problem("/contrast", "a contrast variant: {\"summary\": ..., \"set\": {...}}",
              contrast == doc.end() ? "none" : JsonReader::describe(*contrast));
    return false;
  }
  const Json set = (*contrast)["set"];
  for (const auto& [pointer, value] : set.items()) {
    if (check_contrast_pointer(doc, pointer) == ContrastPointer::kValid) {
      doc[Json::json_pointer(pointer)] = value;
    }
  }
  return true;
}

}  // namespace

LoadResult load_text(std::string_view text, const std::string& file, Variant variant) {
  LoadResult result;
  JsonReader r(file, result.problems);
  if (text.size() > kMaxFileBytes) {
    r.problem("", fmt::format("a file of at most {} bytes", kMaxFileBytes),
              fmt::format("{} bytes", text.size()));
    return result;
  }
  if (const auto deep = too_deep_at(text)) {
    r.problem(at_line_column(line_column_at(text, *deep)),
              fmt::format("JSON nested at most {} levels deep", kMaxNesting), "deeper nesting");
    return result;
  }
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    r.problem(at_line_column(line_column_at(text, e.byte == 0 ? 0 : e.byte - 1)), "valid JSON",
              syntax_found(e.what()));
    return result;
  } catch (const Json::exception& e) {
    // A number too large for any JSON number type: point at the number the message quotes.
    r.problem(at_line_column(line_column_at(text, quoted_token_at(text, e.what()))),
              "a number within 64-bit range", unprefixed(e.what()));
    return result;
  }
  if (!doc.is_object()) {
    r.problem("", "a JSON object with the scenario's sections", JsonReader::describe(doc));
    return result;
  }
  try {
    // Inside the try: applying the contrast writes through pointers taken from the file.
    if (variant == Variant::kContrast && !apply_contrast(doc, r)) return result;
    ScenarioReader reader(file, result.problems);
    Scenario s = reader.read(doc);
    s.is_contrast = variant == Variant::kContrast;
    if (result.problems.empty()) result.scenario = std::move(s);
  } catch (const Json::exception& e) {
    // Every access above checks types first; this is a last line of defence, never a crash.
    r.problem("", "a readable scenario", std::string("an internal reading error: ") + e.what());
  }
  return result;
}

LoadResult load_file(const std::string& path, Variant variant) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult result;
    result.problems.push_back(Diagnostic{path, "", "a readable scenario file", "no such file"});
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return load_text(buffer.str(), path, variant);
}

}  // namespace ksim::scenario
