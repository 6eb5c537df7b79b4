#include <sstream>

#include "cli/export/exporter.h"

namespace ksim::cli {

std::string export_jsonl(ExportInput& in) {
  std::ostringstream out;
  trace::write_jsonl(out, in.timeline.trace(), in.names, in.from, in.to);
  return out.str();
}

}  // namespace ksim::cli
