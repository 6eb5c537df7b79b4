// Where things go on the cluster canvas, as plain geometry (no World): the ring of nodes, the
// text block beside each node, and the labels of messages in flight. Each placer tries a short
// list of positions in order of preference and keeps the first that stays inside the canvas
// and clear of what is already there, so text never covers text.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "viz/geometry.h"

namespace ksim::viz {

// The room a node's name may take around its circle: names are drawn in the largest font that
// fits this width (cluster_panel.cpp), so text placed outside it never covers a name.
inline constexpr float kNameHalfWidth = 44.0f;
// Space between a node and its text block, and between a marker and its label.
inline constexpr float kTextGap = 6.0f;
inline constexpr float kMarkerRadius = 7.0f;

// A node's body: its circle, widened to the room of its name.
Rect node_body(Vec2 center, float radius);

// The circle's radius for `count` nodes on a canvas: smaller when many nodes share the ring.
float node_radius(size_t count, Rect canvas);

// Unit vector from the ring's centre to node i of count, the first at the top, clockwise.
Vec2 ring_direction(size_t i, size_t count);

// Node centres on an ellipse inside `canvas`, keeping `margin` (x: left and right, y: top and
// bottom) free around the outermost centres for the nodes' text. The two radii differ by at
// most half, so the ring fills a wide canvas without flattening into a line.
std::vector<Vec2> ring_positions(size_t count, Rect canvas, Vec2 margin);

// One block of sizes[i] beside node i: beside, above, below or at a corner of its body, on the
// side away from the canvas's centre, the most outward position first. A block must stay inside
// `canvas` and clear every node body and every block placed before it; one that finds no such
// position takes its most outward one, and *all_clear is set to false.
std::vector<Rect> place_blocks(const std::vector<Vec2>& centers, const std::vector<Vec2>& sizes,
                               float radius, Rect canvas, bool* all_clear);

struct LabelRequest {
  Vec2 pos;            // the marker's centre
  Vec2 outward;        // the side of the wire the label prefers
  Vec2 toward_middle;  // along the wire, toward its middle
  Vec2 size;
};

// Labels in the order given, each at the first clear position of a few around its marker;
// a label with none, or beyond the first max_labels shown, is left out (nullopt).
std::vector<std::optional<Rect>> place_labels(const std::vector<LabelRequest>& labels,
                                              std::vector<Rect> obstacles, Rect canvas,
                                              size_t max_labels);

}  // namespace ksim::viz
