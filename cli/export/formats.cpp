#include "cli/export/exporter.h"

namespace ksim::cli {

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
  };
  return formats;
}

}  // namespace ksim::cli
