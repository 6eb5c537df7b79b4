// The window every panel draws in: fixed at the rectangle panel_layout.h gives it, never moved,
// resized, collapsed or raised over the others by a click.
#pragma once

#include <imgui.h>

#include "viz/geometry.h"

namespace ksim::viz {

inline constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoBringToFrontOnFocus;

// Begins the panel's window at `rect`. When it returns false the window is already ended and
// the panel draws nothing; otherwise the panel ends it with ImGui::End().
inline bool begin_panel(const char* title, Rect rect, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  if (ImGui::Begin(title, nullptr, kPanelFlags | extra)) return true;
  ImGui::End();
  return false;
}

}  // namespace ksim::viz
