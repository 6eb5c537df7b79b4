// The cluster picture: draws what cluster_layout computed, nothing more. All decisions (where,
// which colour, which label) are in build_cluster_view, tested without ImGui. A click on a node
// or a message selects it for the inspector; a right click on a node offers its faults.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "viz/fork.h"
#include "viz/panel_window.h"
#include "viz/panels.h"
#include "viz/placement.h"

namespace ksim::viz {
namespace {

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

void draw_link(ImDrawList* dl, const LinkView& l) {
  if (!l.dashed) {
    dl->AddLine(im(l.from), im(l.to), col(l.color), 2.0f);
    return;
  }
  dashed_line(dl, im(l.from), im(l.to), col(l.color), 2.5f);
  const ImVec2 mid{(l.from.x + l.to.x) / 2, (l.from.y + l.to.y) / 2};
  cross(dl, mid, 7.0f, col(l.color), 3.0f);
}

void draw_message(ImDrawList* dl, const MessageMarker& m) {
  const ImVec2 p = im(m.pos);
  const bool dies = m.doomed || m.receiver_down;
  if (dies) {
    dl->AddCircleFilled(p, kMarkerRadius, IM_COL32(40, 10, 10, 255));
    dl->AddCircle(p, kMarkerRadius, col(m.color), 16, 2.0f);
    cross(dl, p, kMarkerRadius * 0.55f, col(m.color), 2.0f);
  } else {
    dl->AddCircleFilled(p, kMarkerRadius, col(m.color));
  }
}

// Labels after every node and marker, so nothing is drawn over a label. The model
// placed them clear of each other and of the nodes' text; a missing box means no room.
void draw_label(ImDrawList* dl, const MessageMarker& m, const TextMetrics& metrics) {
  if (!m.label_box) return;
  const Rect& b = *m.label_box;
  dl->AddRectFilled({b.x, b.y}, {b.right(), b.bottom()}, IM_COL32(20, 20, 24, 210), 3.0f);
  dl->AddRectFilled({b.x, b.y + 3}, {b.x + 2, b.bottom() - 3}, col(m.color));
  const bool dies = m.doomed || m.receiver_down;
  dl->AddText({b.x + (b.w - metrics.width(m.text)) / 2, b.y + 1},
              col(dies ? m.color : Palette::kText), m.text.c_str());
}

// The largest font in which every name fits the room the model kept for it (kNameHalfWidth):
// one font for all nodes, so no name looks more important than another.
ImFont* name_font(const ClusterView& view, const Fonts& fonts) {
  for (ImFont* font : {fonts.title, fonts.body}) {
    ImGui::PushFont(font);
    bool fits = true;
    for (const NodeView& n : view.nodes) {
      fits =
          fits && ImGui::CalcTextSize(n.name.c_str()).x <= 2 * std::max(n.radius, kNameHalfWidth);
    }
    ImGui::PopFont();
    if (fits) return font;
  }
  return fonts.mono;
}

void draw_node(ImDrawList* dl, const NodeView& n, ImFont* name_font, const TextMetrics& metrics) {
  const ImVec2 c = im(n.center);
  dl->AddCircleFilled(c, n.radius, col(n.fill), 40);
  dl->AddCircle(c, n.radius, col(n.ring), 40, n.cut_off == CutOff::kIsolated ? 6.0f : 3.0f);
  if (n.health == NodeHealth::kDown) {
    cross(dl, c, n.radius * 0.6f, IM_COL32(230, 60, 60, 140), 4.0f);
  }
  ImGui::PushFont(name_font);
  const ImVec2 name_size = ImGui::CalcTextSize(n.name.c_str());
  dl->AddText({std::floor(c.x - name_size.x / 2), std::floor(c.y - name_size.y / 2)}, col(n.text),
              n.name.c_str());
  ImGui::PopFont();

  // The block's background keeps its text readable over the links behind it.
  const Rect& b = n.block;
  dl->AddRectFilled({b.x, b.y}, {b.right(), b.bottom()}, IM_COL32(14, 14, 18, 190), 4.0f);
  const float pad = (b.h - metrics.line_h * static_cast<float>(n.lines.size())) / 2;
  for (size_t i = 0; i < n.lines.size(); ++i) {
    const ImVec2 p{b.x + pad, b.y + pad + metrics.line_h * static_cast<float>(i)};
    const Rgba color = i == 0                        ? n.ring
                       : n.health == NodeHealth::kUp ? Palette::kText
                                                     : Palette::kTextDim;
    dl->AddText(p, col(color), n.lines[i].c_str());
  }
}

// One legend entry: a symbol drawn in a square, then its words; it starts a new row when it
// would not fit in the rest of this one.
template <typename DrawSymbol>
void legend_item(const char* words, DrawSymbol draw_symbol) {
  const float h = ImGui::GetTextLineHeight();
  const float width = h + 4 + ImGui::CalcTextSize(words).x;
  ImGui::SameLine(0, 16);
  if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  draw_symbol(ImGui::GetWindowDrawList(), ImVec2{p.x + h / 2, p.y + h / 2}, h);
  ImGui::Dummy({h, h});
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(words);
}

void draw_legend(const std::vector<MessageFamily>& families, bool brokers) {
  ImGui::Dummy({0, 0});  // the first SameLine in legend_item needs an item to follow
  for (MessageFamily f : families) {
    const std::string words(family_name(f));
    legend_item(words.c_str(), [f](ImDrawList* dl, ImVec2 c, float) {
      dl->AddCircleFilled(c, kMarkerRadius, col(family_color(f)));
    });
  }
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
  if (brokers) {
    legend_item("fenced / starting", [](ImDrawList* dl, ImVec2 c, float h) {
      dl->AddCircleFilled(c, h / 2 - 1, col(Palette::kNodeFenced));
      dl->AddCircle(c, h / 2 - 1, col(Palette::kRingFenced), 16, 2.0f);
    });
  }
  legend_item(brokers ? "down / stopped" : "down", [](ImDrawList* dl, ImVec2 c, float h) {
    dl->AddCircleFilled(c, h / 2 - 1, col(Palette::kNodeDown));
    dl->AddCircle(c, h / 2 - 1, col(Palette::kRingDown), 16, 2.0f);
  });
}

// A message that died recently: a red cross where it died, fading with age; the newest few
// carry their words.
void draw_drop(ImDrawList* dl, const DropMark& d, bool labelled) {
  const auto alpha = static_cast<uint8_t>(255 * (1.0f - 0.75f * d.age));
  const ImU32 red = IM_COL32(240, 70, 70, alpha);
  cross(dl, im(d.pos), kMarkerRadius, red, 3.0f);
  if (labelled) {
    const ImVec2 size = ImGui::CalcTextSize(d.text.c_str());
    const ImVec2 at{d.pos.x + kMarkerRadius + 2, d.pos.y - size.y / 2};
    dl->AddRectFilled({at.x - 2, at.y}, {at.x + size.x + 2, at.y + size.y},
                      IM_COL32(20, 20, 24, alpha));
    dl->AddText(at, red, d.text.c_str());
  }
}

// What a click chose: a message marker first (they sit on top), else a node's circle.
void handle_clicks(const AppState& app, const ClusterView& view, std::vector<Command>& out) {
  if (!ImGui::IsWindowHovered()) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const auto near = [&](Vec2 c, float r) {
    const float dx = mouse.x - c.x;
    const float dy = mouse.y - c.y;
    return dx * dx + dy * dy <= r * r;
  };
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    for (const MessageMarker& m : view.messages) {
      if (near(m.pos, kMarkerRadius + 3)) {
        out.push_back(Select{MessageSelection{m.seq}});
        return;
      }
    }
    for (const NodeView& n : view.nodes) {
      if (near(n.center, n.radius + 2)) {
        out.push_back(Select{NodeSelection{n.id}});
        return;
      }
    }
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    for (const NodeView& n : view.nodes) {
      if (near(n.center, n.radius + 2)) {
        out.push_back(Select{NodeSelection{n.id}});
        ImGui::OpenPopup("node faults");
      }
    }
  }
  // The right-click menu: the faults this node can take now, each forking the run here.
  if (ImGui::BeginPopup("node faults")) {
    if (const auto* sel = std::get_if<NodeSelection>(&app.selected)) {
      ImGui::TextDisabled("fork the run at position %lld:",
                          static_cast<long long>(app.timeline.position()));
      for (const Fork& f : node_faults(app.timeline.current(), app.names, sel->node)) {
        if (ImGui::MenuItem(f.label.c_str())) out.push_back(f);
      }
    }
    ImGui::EndPopup();
  }
}

void highlight_selection(ImDrawList* dl, const AppState& app, const ClusterView& view) {
  const ImU32 yellow = IM_COL32(255, 230, 0, 255);
  if (const auto* n = std::get_if<NodeSelection>(&app.selected)) {
    for (const NodeView& v : view.nodes) {
      if (v.id == n->node) dl->AddCircle(im(v.center), v.radius + 5, yellow, 40, 2.5f);
    }
  } else if (const auto* m = std::get_if<MessageSelection>(&app.selected)) {
    for (const MessageMarker& mk : view.messages) {
      if (mk.seq == m->seq) dl->AddCircle(im(mk.pos), kMarkerRadius + 4, yellow, 20, 2.5f);
    }
  }
}

// Node text and labels are laid out by the model for the monospaced font they are drawn in.
TextMetrics mono_metrics(const Fonts& fonts) {
  ImGui::PushFont(fonts.mono);
  const TextMetrics m{ImGui::CalcTextSize("0").x, ImGui::GetTextLineHeight() + 1};
  ImGui::PopFont();
  return m;
}

}  // namespace

void draw_cluster_panel(const AppState& app, ClusterPanelState& state, const Fonts& fonts,
                        Rect rect, std::vector<Command>& out) {
  if (!begin_panel("Cluster", rect, ImGuiWindowFlags_NoScrollbar)) return;
  const world::World& w = app.timeline.current();
  if (state.show_legend) {
    bool brokers = false;
    for (const world::Node& n : w.nodes) {
      brokers = brokers || node_kind(n.logic) == NodeKind::kBroker;
    }
    draw_legend(cluster_legend(w), brokers);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect canvas{origin.x, origin.y, avail.x, avail.y};
  const TextMetrics metrics = mono_metrics(fonts);
  const ClusterView view =
      build_cluster_view(w, canvas, view_time(app), metrics, &app.timeline.trace(), &app.names);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const LinkView& l : view.links) draw_link(dl, l);
  ImFont* names = name_font(view, fonts);
  ImGui::PushFont(fonts.mono);
  for (const NodeView& n : view.nodes) draw_node(dl, n, names, metrics);
  for (const MessageMarker& m : view.messages) draw_message(dl, m);
  for (const MessageMarker& m : view.messages) draw_label(dl, m, metrics);
  for (size_t i = 0; i < view.drops.size(); ++i) draw_drop(dl, view.drops[i], i < 3);
  highlight_selection(dl, app, view);
  ImGui::PopFont();
  ImGui::Dummy(avail);
  handle_clicks(app, view, out);
  ImGui::End();
}

}  // namespace ksim::viz
