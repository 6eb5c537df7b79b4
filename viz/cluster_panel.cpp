// The cluster picture: draws what cluster_layout computed, nothing more. All decisions (where,
// which colour, which label) are in build_cluster_view, tested without ImGui.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "viz/panels.h"

namespace ksim::viz {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr float kMarkerRadius = 7.0f;

ImU32 col(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }
ImVec2 im(Vec2 v) { return {v.x, v.y}; }

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  constexpr float kDash = 9.0f;
  constexpr float kGap = 7.0f;
  for (float s = 0; s < len; s += kDash + kGap) {
    const float e = std::min(len, s + kDash);
    dl->AddLine({a.x + dx * s / len, a.y + dy * s / len}, {a.x + dx * e / len, a.y + dy * e / len},
                color, thickness);
  }
}

void cross(ImDrawList* dl, ImVec2 c, float r, ImU32 color, float thickness) {
  dl->AddLine({c.x - r, c.y - r}, {c.x + r, c.y + r}, color, thickness);
  dl->AddLine({c.x - r, c.y + r}, {c.x + r, c.y - r}, color, thickness);
}

// Places a block of `size` at `distance` from `center`, on the side `outward` points to:
// centred above or below when `outward` is mostly vertical, else beside it.
ImVec2 place_beside(Vec2 center, float distance, Vec2 outward, ImVec2 size) {
  float x = center.x - size.x / 2;
  float y = center.y - size.y / 2;
  if (outward.y > 0.3f) {
    y = center.y + distance;
  } else if (outward.y < -0.3f) {
    y = center.y - distance - size.y;
  } else {
    x = outward.x > 0 ? center.x + distance : center.x - distance - size.x;
  }
  return {std::floor(x), std::floor(y)};
}

// A message's label: beside a mostly vertical wire; above or below a mostly horizontal one,
// stretching toward the middle of the wire so it never covers the node the marker is near.
ImVec2 place_label(const MessageMarker& m, ImVec2 size) {
  constexpr float kGap = kMarkerRadius + 4;
  if (std::abs(m.outward.x) >= 0.5f) {
    const float x = m.outward.x > 0 ? m.pos.x + kGap : m.pos.x - kGap - size.x;
    return {std::floor(x), std::floor(m.pos.y - size.y / 2)};
  }
  const float y = m.outward.y > 0 ? m.pos.y + kGap : m.pos.y - kGap - size.y;
  const float x =
      m.toward_middle.x >= 0 ? m.pos.x - kMarkerRadius : m.pos.x + kMarkerRadius - size.x;
  return {std::floor(x), std::floor(y)};
}

void draw_link(ImDrawList* dl, const LinkView& l) {
  if (!l.dashed) {
    dl->AddLine(im(l.from), im(l.to), col(l.color), 2.0f);
    return;
  }
  dashed_line(dl, im(l.from), im(l.to), col(l.color), 2.5f);
  const ImVec2 mid{(l.from.x + l.to.x) / 2, (l.from.y + l.to.y) / 2};
  cross(dl, mid, 7.0f, col(l.color), 3.0f);
}

void draw_message(ImDrawList* dl, const MessageMarker& m, Rect canvas) {
  const ImVec2 p = im(m.pos);
  const bool dies = m.doomed || m.receiver_down;
  if (dies) {
    dl->AddCircleFilled(p, kMarkerRadius, IM_COL32(40, 10, 10, 255));
    dl->AddCircle(p, kMarkerRadius, col(m.color), 16, 2.0f);
    cross(dl, p, kMarkerRadius * 0.55f, col(m.color), 2.0f);
  } else {
    dl->AddCircleFilled(p, kMarkerRadius, col(m.color));
  }
  std::string text = m.label;
  if (m.doomed) {
    text += std::string(" (dies: ") + drop_reason_name(m.drop) + ")";
  } else if (m.receiver_down) {
    text += " (receiver down)";
  }
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  ImVec2 at = place_label(m, size);
  // A label that would leave the canvas goes to the marker's other side; then it is clamped.
  if (at.x < canvas.x || at.x + size.x > canvas.x + canvas.w) at.x = 2 * m.pos.x - at.x - size.x;
  at.x = std::clamp(at.x, canvas.x + 2, std::max(canvas.x + 2, canvas.x + canvas.w - size.x - 2));
  at.y = std::clamp(at.y, canvas.y + 2, std::max(canvas.y + 2, canvas.y + canvas.h - size.y - 2));
  dl->AddRectFilled({at.x - 2, at.y - 1}, {at.x + size.x + 2, at.y + size.y + 1},
                    IM_COL32(20, 20, 24, 200), 3.0f);
  dl->AddText(at, col(dies ? m.color : Palette::kText), text.c_str());
}

void draw_node(ImDrawList* dl, const NodeView& n, const Fonts& fonts) {
  const ImVec2 c = im(n.center);
  dl->AddCircleFilled(c, n.radius, col(n.fill), 40);
  dl->AddCircle(c, n.radius, col(n.ring), 40, n.cut_off == CutOff::kIsolated ? 6.0f : 3.0f);
  if (n.health == NodeHealth::kDown) {
    cross(dl, c, n.radius * 0.6f, IM_COL32(230, 60, 60, 140), 4.0f);
  }
  ImGui::PushFont(fonts.title);
  const ImVec2 name_size = ImGui::CalcTextSize(n.name.c_str());
  dl->AddText({c.x - name_size.x / 2, c.y - name_size.y / 2}, col(n.text), n.name.c_str());
  ImGui::PopFont();

  const float line_h = ImGui::GetTextLineHeight();
  ImVec2 block{0, line_h * static_cast<float>(n.lines.size())};
  for (const std::string& line : n.lines) {
    block.x = std::max(block.x, ImGui::CalcTextSize(line.c_str()).x);
  }
  const ImVec2 at = place_beside(n.center, n.radius + 14, n.outward, block);
  for (size_t i = 0; i < n.lines.size(); ++i) {
    const float w = ImGui::CalcTextSize(n.lines[i].c_str()).x;
    const ImVec2 p{std::floor(at.x + (block.x - w) / 2), at.y + line_h * static_cast<float>(i)};
    const Rgba color = i == 0                        ? n.ring
                       : n.health == NodeHealth::kUp ? Palette::kText
                                                     : Palette::kTextDim;
    dl->AddText(p, col(color), n.lines[i].c_str());
  }
}

// One legend entry: a symbol drawn in a square, then its words.
template <typename DrawSymbol>
void legend_item(const char* words, DrawSymbol draw_symbol) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  draw_symbol(ImGui::GetWindowDrawList(), ImVec2{p.x + h / 2, p.y + h / 2}, h);
  ImGui::Dummy({h, h});
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(words);
  ImGui::SameLine(0, 16);
}

void draw_legend() {
  legend_item("Ping", [](ImDrawList* dl, ImVec2 c, float) {
    dl->AddCircleFilled(c, kMarkerRadius, col(Palette::kPing));
  });
  legend_item("Pong", [](ImDrawList* dl, ImVec2 c, float) {
    dl->AddCircleFilled(c, kMarkerRadius, col(Palette::kPong));
  });
  legend_item("dies on arrival", [](ImDrawList* dl, ImVec2 c, float) {
    dl->AddCircle(c, kMarkerRadius, col(Palette::kDoomed), 16, 2.0f);
    cross(dl, c, kMarkerRadius * 0.55f, col(Palette::kDoomed), 2.0f);
  });
  legend_item("cut link", [](ImDrawList* dl, ImVec2 c, float h) {
    dashed_line(dl, {c.x - h / 2, c.y}, {c.x + h / 2, c.y}, col(Palette::kLinkCut), 2.5f);
  });
  legend_item("isolated / partly cut off", [](ImDrawList* dl, ImVec2 c, float h) {
    dl->AddCircle(c, h / 2 - 1, col(Palette::kRingIsolated), 16, 3.0f);
  });
  legend_item("down", [](ImDrawList* dl, ImVec2 c, float h) {
    dl->AddCircleFilled(c, h / 2 - 1, col(Palette::kNodeDown));
    dl->AddCircle(c, h / 2 - 1, col(Palette::kRingDown), 16, 2.0f);
  });
  ImGui::NewLine();
}

}  // namespace

void draw_cluster_panel(const AppState& app, ClusterPanelState& state, const Fonts& fonts,
                        Rect rect, std::vector<Command>& /*out*/) {
  ImGui::SetNextWindowPos({rect.x, rect.y});
  ImGui::SetNextWindowSize({rect.w, rect.h});
  if (!ImGui::Begin("Cluster", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  if (state.show_legend) draw_legend();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect canvas{origin.x, origin.y, avail.x, avail.y};
  const ClusterView view = build_cluster_view(app.timeline.current(), canvas, view_time(app));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const LinkView& l : view.links) draw_link(dl, l);
  for (const NodeView& n : view.nodes) draw_node(dl, n, fonts);
  for (const MessageMarker& m : view.messages) draw_message(dl, m, canvas);
  ImGui::Dummy(avail);
  ImGui::End();
}

}  // namespace ksim::viz
