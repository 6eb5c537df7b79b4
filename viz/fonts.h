// The viewer's three fonts: body text, monospace for the trace log, and a large one for node
// names. DejaVu is used when the system has it (Debian's fonts-dejavu-core); otherwise Dear
// ImGui's built-in font stands in for all three.
#pragma once

struct ImFont;
struct ImGuiIO;

namespace ksim::viz {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* mono = nullptr;
  ImFont* title = nullptr;
};

// Call once after ImGui::CreateContext() and before the first frame.
Fonts load_fonts(ImGuiIO& io);

}  // namespace ksim::viz
