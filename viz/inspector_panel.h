// STUB: replaced by the inspector view work.
#pragma once

#include <vector>

#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/geometry.h"

namespace ksim::viz {

struct InspectorPanelState {};
void draw_inspector_panel(const AppState& app, InspectorPanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out);

}  // namespace ksim::viz
