#include "cli/export/exporter.h"

namespace ksim::cli {

const std::vector<ExportFormat>& export_formats() {
  static const std::vector<ExportFormat> formats = {
      {"jsonl", "the trace as JSON Lines (docs/trace-format.md)", export_jsonl},
      {"csv", "per-step series of each partition's HW, LEO and ISR size and each group's lag",
       export_csv},
  };
  return formats;
}

}  // namespace ksim::cli
