// Where each panel sits in the window: the menu bar along the top, the chosen view (cluster,
// partitions or groups) on the left, the inspector and the side panel (lesson, trace) stacked on
// the right, the time controls along the bottom. Recomputed every frame from the window size,
// so the layout follows resizes and a screenshot never depends on a saved imgui.ini.
#pragma once

#include "viz/geometry.h"

namespace ksim::viz {

struct PanelRects {
  Rect main;       // the chosen view
  Rect inspector;  // the selection's fields
  Rect side;       // lesson and trace
  Rect time;
};

// `menu_h` is the height of the main menu bar at the top of the window.
PanelRects tile_panels(float width, float height, float menu_h = 0);

}  // namespace ksim::viz
