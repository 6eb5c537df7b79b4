#include "viz/panel_layout.h"

#include <algorithm>

namespace ksim::viz {

PanelRects tile_panels(float width, float height) {
  const float time_h = std::clamp(height * 0.2f, 120.0f, 170.0f);
  const float top_h = std::max(0.0f, height - time_h);
  const float log_w = std::clamp(width * 0.42f, 280.0f, 680.0f);
  const float cluster_w = std::max(0.0f, width - log_w);
  return PanelRects{
      .cluster = {0, 0, cluster_w, top_h},
      .log = {cluster_w, 0, width - cluster_w, top_h},
      .time = {0, top_h, width, time_h},
  };
}

}  // namespace ksim::viz
