// `kafkasim-viz --select SPEC`: a selection written on the command line, so a screenshot can
// show the inspector (and the views' highlight) for it:
//   node:NAME                      a node by name (broker-1, controller, c1)
//   replica:TOPIC-P@BROKER_ID      a partition's replica on a broker
//   record:TOPIC-P@BROKER_ID:OFFSET the record at an offset of that replica's log
#pragma once

#include <optional>
#include <string>

#include "engine/trace/render.h"
#include "viz/selection.h"

namespace ksim::viz {

struct ParsedSelection {
  std::optional<Selection> selection;
  std::string error;  // what was expected, when selection is nullopt
};

ParsedSelection parse_selection(const std::string& spec, const trace::NameTable& names);

}  // namespace ksim::viz
