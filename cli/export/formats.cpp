#include <algorithm>

#include "cli/export/exporter.h"

namespace ksim::cli {

std::string replace_chars(std::string_view text,
                          std::initializer_list<std::pair<char, std::string_view>> replacements) {
  std::string out;
  for (char c : text) {
    const auto* r = std::find_if(replacements.begin(), replacements.end(),
                                 [c](const auto& pair) { return pair.first == c; });
    if (r == replacements.end()) {
      out.push_back(c);
    } else {
      out += r->second;
    }
  }
  return out;
}

const std::vector<ExportFormat>& export_formats() {
  static const std::vector<ExportFormat> formats = {
      {"jsonl", "the trace as JSON Lines (docs/trace-format.md)", export_jsonl},
      {"csv", "per-step series of each partition's HW, LEO and ISR size and each group's lag",
       export_csv},
      {"mermaid",
       "a Mermaid sequence diagram of the lesson-level events (at most 50,000 characters)",
       export_mermaid},
      {"markdown",
       "course notes: the narration, the Mermaid diagram, Kafka's CLI view at each note",
       export_markdown},
      {"chrome", "Chrome Trace Event JSON for ui.perfetto.dev and chrome://tracing", export_chrome},
      {"shiviz", "a ShiViz log: each node's events with vector clocks", export_shiviz},
      {"html", "one self-contained page that steps through the run in a browser, offline",
       export_html},
  };
  return formats;
}

}  // namespace ksim::cli
