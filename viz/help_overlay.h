// The keyboard help overlay ("?"): every shortcut and what the marks under the scrubber mean.
#pragma once

#include "viz/geometry.h"

namespace ksim::viz {

struct HelpOverlayState {
  bool open = false;
};

// Toggles the overlay on "?" (Shift+/) when no text field has the keyboard.
void help_shortcut(HelpOverlayState& state);
void draw_help_overlay(HelpOverlayState& state, Rect window);

}  // namespace ksim::viz
