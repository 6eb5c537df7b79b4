// What the inspector lists for a selection, computed from the world (no ImGui): a title and
// every field of the node, replica, record, message or member selected, as rows with a path
// (so two steps' lists can be compared field by field), a label, a value and a depth for
// nesting. And which rows the last step changed. A selection whose object is gone (a crashed
// node's memory, a delivered message) says so instead of showing stale fields.
#pragma once

#include <string>
#include <vector>

#include "engine/trace/render.h"
#include "engine/world/world.h"
#include "viz/selection.h"

namespace ksim::viz {

struct InspectorField {
  std::string path;  // unique within one inspection: "partitions/demo_1-0/high_watermark"
  std::string label;
  std::string value;
  int depth = 0;
};

struct Inspection {
  std::string title;   // "broker-2 (broker 2)", "record demo_1-0 @ 5 on broker-1"
  std::string absent;  // why there is nothing to show; "" when fields are listed
  std::vector<InspectorField> fields;
};

Inspection inspect(const world::World& w, const trace::NameTable& names, const Selection& s);

// For each field of `after`: "" when `before` had the same value at the same path, "new" when
// `before` had no such path (everything is new when the object just appeared), else the value
// it had. Parallel to after.fields.
std::vector<std::string> changes_since(const Inspection& before, const Inspection& after);

}  // namespace ksim::viz
