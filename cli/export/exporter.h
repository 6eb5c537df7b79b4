// `kafkasim export`: a recorded run written in another format for course notes and tools. Each
// format is one function from the run and a window of steps to the file's text; they share
// this interface and nothing else (one file per format in cli/export/).
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/scenario/lesson_check.h"
#include "engine/scenario/scenario.h"
#include "engine/trace/render.h"
#include "engine/world/timeline.h"

namespace ksim::cli {

struct ExportInput {
  const scenario::Scenario& scenario;
  world::Timeline& timeline;  // recorded; an exporter may seek it to read the state at a step
  const trace::NameTable& names;
  Step from;  // the window: steps [from, to)
  Step to;
  const std::vector<scenario::ExpectResult>& expects;  // each expectation's result
};

struct ExportFormat {
  std::string_view name;
  std::string_view summary;  // for --help
  std::function<std::string(ExportInput&)> write;
};

// `text` with each character listed in `replacements` written as its replacement: the escaping
// each format needs (HTML entities, Mermaid's entity codes, ...).
std::string replace_chars(std::string_view text,
                          std::initializer_list<std::pair<char, std::string_view>> replacements);

// Every format, in the order --help lists them.
const std::vector<ExportFormat>& export_formats();

// The formats (cli/export/<name>.cpp).
std::string export_jsonl(ExportInput& in);
std::string export_csv(ExportInput& in);
std::string export_mermaid(ExportInput& in);
std::string export_markdown(ExportInput& in);
std::string export_chrome(ExportInput& in);
std::string export_shiviz(ExportInput& in);
std::string export_html(ExportInput& in);

}  // namespace ksim::cli
