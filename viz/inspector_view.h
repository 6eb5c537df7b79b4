// The inspector's panel (top right): every field of the selection at the current step, the
// fields the last step changed highlighted with their old value, sections that fold, and the
// line of the step just delivered. The fields are computed once per (position, selection).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/geometry.h"
#include "viz/inspector_model.h"

namespace ksim::viz {

struct InspectorViewState {
  uint64_t cached_run = 0;
  int64_t cached_position = -1;
  Selection cached_selection;
  Inspection inspection;
  std::vector<std::string> changed;  // parallel to inspection.fields
  std::set<std::string> toggled;     // section paths folded or unfolded against their default
};

void draw_inspector_view(const AppState& app, InspectorViewState& state, const Fonts& fonts,
                         Rect rect, std::vector<Command>& out);

}  // namespace ksim::viz
