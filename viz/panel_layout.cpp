#include "viz/panel_layout.h"

#include <algorithm>
#include <cmath>

namespace ksim::viz {

PanelRects tile_panels(float width, float height, float menu_h) {
  const float time_h = std::clamp(height * 0.2f, 120.0f, 170.0f);
  const float top_h = std::max(0.0f, height - time_h - menu_h);
  const float side_w = std::clamp(width * 0.34f, 280.0f, 560.0f);
  const float main_w = std::max(0.0f, width - side_w);
  const float inspector_h = std::round(top_h * 0.45f);
  return PanelRects{
      .main = {0, menu_h, main_w, top_h},
      .inspector = {main_w, menu_h, width - main_w, inspector_h},
      .side = {main_w, menu_h + inspector_h, width - main_w, top_h - inspector_h},
      .time = {0, menu_h + top_h, width, time_h},
  };
}

}  // namespace ksim::viz
