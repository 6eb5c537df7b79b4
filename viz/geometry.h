// Plain geometry shared by the viewer's pure model and its panels: points, rectangles, colours,
// and the size of the text the model lays out. No ImGui: the panel converts these to ImGui's.
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::viz {

struct Vec2 {
  float x = 0;
  float y = 0;
};

struct Rect {
  float x = 0;
  float y = 0;
  float w = 0;
  float h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
};

struct Rgba {
  uint8_t r = 0;
  uint8_t g = 0;
  uint8_t b = 0;
  uint8_t a = 255;
  friend bool operator==(const Rgba&, const Rgba&) = default;
};

// Open rectangles: boxes that only touch do not overlap.
inline bool overlaps(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

inline bool contains(const Rect& outer, const Rect& inner) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

// The model lays text out in a monospaced font (the panel draws node details and message
// labels in DejaVu Sans Mono), so a line's width is its length times one advance. The panel
// passes the measured font; the defaults match DejaVu Sans Mono at 14 px, which tests use.
struct TextMetrics {
  float char_w = 8.5f;
  float line_h = 17.0f;
  float width(std::string_view text) const { return char_w * static_cast<float>(text.size()); }
};

}  // namespace ksim::viz
