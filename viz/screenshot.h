// Writes the frame being drawn to a PNG. Call after rendering and before swapping buffers:
// it reads the back buffer.
#pragma once

#include <string>

namespace ksim::viz {

// Returns "" on success, else what went wrong.
std::string write_screenshot(const std::string& path, int width, int height);

}  // namespace ksim::viz
