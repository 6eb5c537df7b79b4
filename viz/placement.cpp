#include "viz/placement.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace ksim::viz {
namespace {

Vec2 block_center(const Rect& r) { return {r.x + r.w / 2, r.y + r.h / 2}; }

bool clear_of(const Rect& r, const std::vector<Rect>& others) {
  return std::none_of(others.begin(), others.end(), [&](const Rect& o) { return overlaps(r, o); });
}

// Block of `size` at direction (dx, dy) of `body`: beside, above/below, or at a corner, where
// the block's near edge lines up with the node's centre so it stays close to its node.
Rect block_at(const Rect& body, Vec2 size, int dx, int dy) {
  const Vec2 c = block_center(body);
  float x = c.x - size.x / 2;
  float y = c.y - size.y / 2;
  if (dy != 0) {
    y = dy > 0 ? body.bottom() + kTextGap : body.y - kTextGap - size.y;
    if (dx != 0) x = dx > 0 ? c.x : c.x - size.x;
  } else if (dx != 0) {
    x = dx > 0 ? body.right() + kTextGap : body.x - kTextGap - size.x;
  }
  return {std::floor(x), std::floor(y), size.x, size.y};
}

// The positions around `body` that face away from the ring's centre, the one whose centre lies
// most in direction `outward` first.
std::vector<Rect> block_candidates(const Rect& body, Vec2 size, Vec2 outward) {
  std::vector<Rect> out;
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      if (dx != 0 || dy != 0) out.push_back(block_at(body, size, dx, dy));
    }
  }
  const Vec2 c = block_center(body);
  const auto score = [&](const Rect& r) {
    const Vec2 d{block_center(r).x - c.x, block_center(r).y - c.y};
    const float len = std::max(1e-3f, std::hypot(d.x, d.y));
    return (d.x * outward.x + d.y * outward.y) / len;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Rect& a, const Rect& b) { return score(a) > score(b); });
  // Only clearly outward: toward the ring's centre the text would sit on the links and the
  // messages, and sideways it reads as the neighbour's.
  while (out.size() > 1 && score(out.back()) < 0.3f) out.pop_back();
  return out;
}

// A label beside a mostly vertical wire, or above or below a mostly horizontal one, on the
// `side` (1: the preferred one, -1: the other) of the wire, stretching along x in direction
// `stretch` from the marker, `shift` lines further from the wire.
Rect label_at(const LabelRequest& l, float side, float stretch, float shift) {
  constexpr float kGap = kMarkerRadius + 4;
  const Vec2 s = l.size;
  const Vec2 o{l.outward.x * side, l.outward.y * side};
  Rect r{0, 0, s.x, s.y};
  if (std::abs(l.outward.x) >= 0.5f) {
    r.x = o.x > 0 ? l.pos.x + kGap : l.pos.x - kGap - s.x;
    r.y = l.pos.y - s.y / 2 + shift * s.y * (o.y >= 0 ? 1.0f : -1.0f);
  } else {
    r.y = o.y > 0 ? l.pos.y + kGap + shift * s.y : l.pos.y - kGap - s.y - shift * s.y;
    r.x = stretch > 0 ? l.pos.x - kMarkerRadius : l.pos.x + kMarkerRadius - s.x;
  }
  return {std::floor(r.x), std::floor(r.y), r.w, r.h};
}

}  // namespace

Rect node_body(Vec2 center, float radius) {
  const float half_w = std::max(radius, kNameHalfWidth);
  return {center.x - half_w, center.y - radius, 2 * half_w, 2 * radius};
}

float node_radius(size_t count, Rect canvas) {
  const float side = std::min(canvas.w, canvas.h);
  const float r = std::clamp(side * 0.065f, 16.0f, 36.0f);
  // Past six nodes the ring gets crowded: smaller circles leave room for the text.
  return count > 6 ? std::max(18.0f, r * 6.0f / static_cast<float>(count)) : r;
}

Vec2 ring_direction(size_t i, size_t count) {
  if (count <= 1) return {0, -1};
  const double angle = -std::numbers::pi / 2 +
                       2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(count);
  return {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
}

std::vector<Vec2> ring_positions(size_t count, Rect canvas, Vec2 margin) {
  std::vector<Vec2> unit;
  Vec2 lo{1e9f, 1e9f};
  Vec2 hi{-1e9f, -1e9f};
  for (size_t i = 0; i < count; ++i) {
    unit.push_back(count == 1 ? Vec2{0, 0} : ring_direction(i, count));
    lo = {std::min(lo.x, unit.back().x), std::min(lo.y, unit.back().y)};
    hi = {std::max(hi.x, unit.back().x), std::max(hi.y, unit.back().y)};
  }
  const float avail_w = std::max(1.0f, canvas.w - 2 * margin.x);
  const float avail_h = std::max(1.0f, canvas.h - 2 * margin.y);
  float sx = hi.x - lo.x > 1e-3f ? avail_w / (hi.x - lo.x) : 0;
  float sy = hi.y - lo.y > 1e-3f ? avail_h / (hi.y - lo.y) : 0;
  if (sx > 0 && sy > 0) {
    sx = std::min(sx, 1.5f * sy);
    sy = std::min(sy, 1.5f * sx);
  }
  const Vec2 mid{canvas.x + canvas.w / 2, canvas.y + canvas.h / 2};
  const Vec2 unit_mid{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
  std::vector<Vec2> out;
  for (const Vec2& u : unit) {
    out.push_back({mid.x + (u.x - unit_mid.x) * sx, mid.y + (u.y - unit_mid.y) * sy});
  }
  return out;
}

std::vector<Rect> place_blocks(const std::vector<Vec2>& centers, const std::vector<Vec2>& sizes,
                               float radius, Rect canvas, bool* all_clear) {
  std::vector<Rect> taken;
  for (const Vec2& c : centers) taken.push_back(node_body(c, radius));
  const Vec2 mid{canvas.x + canvas.w / 2, canvas.y + canvas.h / 2};
  std::vector<Rect> out;
  bool ok = true;
  for (size_t i = 0; i < centers.size(); ++i) {
    Vec2 outward{centers[i].x - mid.x, centers[i].y - mid.y};
    const float len = std::hypot(outward.x, outward.y);
    outward = len < 1e-3f ? Vec2{0, -1} : Vec2{outward.x / len, outward.y / len};
    const std::vector<Rect> candidates =
        block_candidates(node_body(centers[i], radius), sizes[i], outward);
    const auto fits = [&](const Rect& r) { return contains(canvas, r) && clear_of(r, taken); };
    const auto it = std::find_if(candidates.begin(), candidates.end(), fits);
    ok = ok && it != candidates.end();
    out.push_back(it != candidates.end() ? *it : candidates.front());
    taken.push_back(out.back());
  }
  if (all_clear != nullptr) *all_clear = ok;
  return out;
}

std::vector<std::optional<Rect>> place_labels(const std::vector<LabelRequest>& labels,
                                              std::vector<Rect> obstacles, Rect canvas,
                                              size_t max_labels) {
  std::vector<std::optional<Rect>> out(labels.size());
  size_t shown = 0;
  for (size_t i = 0; i < labels.size() && shown < max_labels; ++i) {
    const LabelRequest& l = labels[i];
    // Beside a mostly vertical wire, above or below a mostly horizontal one (stretching toward
    // the middle of the wire, away from the node the marker is near); then the other side,
    // then one and two lines further out.
    const float toward = l.toward_middle.x >= 0 ? 1.0f : -1.0f;
    for (float shift : {0.0f, 1.0f, 2.0f}) {
      for (float side : {1.0f, -1.0f}) {
        for (float stretch : {toward, -toward}) {
          if (out[i]) break;
          const Rect r = label_at(l, side, stretch, shift);
          if (contains(canvas, r) && clear_of(r, obstacles)) out[i] = r;
        }
      }
    }
    if (out[i]) {
      obstacles.push_back(*out[i]);
      ++shown;
    }
  }
  return out;
}

}  // namespace ksim::viz
