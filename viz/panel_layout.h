// Where each panel sits in the window: the cluster picture on the left, the trace log on the
// right, the time controls along the bottom. Recomputed every frame from the window size, so
// the layout follows resizes and a screenshot never depends on a saved imgui.ini.
#pragma once

#include "viz/cluster_layout.h"

namespace ksim::viz {

struct PanelRects {
  Rect cluster;
  Rect log;
  Rect time;
};

PanelRects tile_panels(float width, float height);

}  // namespace ksim::viz
