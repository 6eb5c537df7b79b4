#include "viz/partition_board_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "viz/panel_window.h"
#include "viz/partition_board.h"
#include "viz/text_util.h"

namespace ksim::viz {
namespace {

// Partition list rows shown before the list scrolls.
constexpr int kListRows = 6;

ImU32 col(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

std::string tp_name(const kafka::TopicPartition& tp) {
  return concat({tp.topic, "-", num(tp.partition)});
}

std::string ids(const std::vector<int32_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) s += ',';
    s += std::to_string(v[i]);
  }
  s += ']';
  return s;
}

// The partition to show: the one clicked in the list, else the selection's, else the first.
std::optional<kafka::TopicPartition> shown_partition(const AppState& app,
                                                     const PartitionBoardState& state,
                                                     const std::vector<PartitionSummary>& list) {
  const auto listed = [&](const kafka::TopicPartition& tp) {
    return std::any_of(list.begin(), list.end(),
                       [&](const PartitionSummary& p) { return p.tp == tp; });
  };
  // A partition chosen in another run (before an open or a reload) may not exist in this one.
  if (state.chosen && listed(*state.chosen)) return state.chosen;
  if (const auto* r = std::get_if<ReplicaSelection>(&app.selected)) return r->tp;
  if (const auto* r = std::get_if<RecordSelection>(&app.selected)) return r->tp;
  if (!list.empty()) return list.front().tp;
  return std::nullopt;
}

void partition_list(PartitionBoardState& state, const std::vector<PartitionSummary>& all,
                    const std::optional<kafka::TopicPartition>& shown) {
  size_t offline = 0;
  size_t under = 0;
  std::vector<const PartitionSummary*> rows;
  const std::string filter = state.filter;
  for (const PartitionSummary& p : all) {
    offline += p.offline() ? 1 : 0;
    under += !p.offline() && p.under_replicated() ? 1 : 0;
    if (filter.empty() || tp_name(p.tp).find(filter) != std::string::npos) rows.push_back(&p);
  }
  ImGui::Text("%zu partitions, %zu offline, %zu under-replicated", all.size(), offline, under);
  ImGui::SameLine(0, 20);
  ImGui::Checkbox("internal topics", &state.show_internal);
  if (all.size() > kListRows) {
    ImGui::SameLine(0, 20);
    ImGui::SetNextItemWidth(160);
    ImGui::InputTextWithHint("##filter", "filter: topic-p", state.filter, sizeof state.filter);
  }
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  const float h = row_h * static_cast<float>(std::min<size_t>(rows.size(), kListRows) + 1) + 6;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("partitions", 7, kFlags, {0, h})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* c : {"partition", "leader", "epoch", "replicas", "isr", "HW", "LEO"}) {
    ImGui::TableSetupColumn(c);
  }
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const PartitionSummary& p = *rows[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string name = tp_name(p.tp);
      if (ImGui::Selectable(name.c_str(), shown && *shown == p.tp,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        state.chosen = p.tp;
        state.window_end.reset();
      }
      ImGui::TableNextColumn();
      if (p.offline()) {
        ImGui::TextColored({1, 0.35f, 0.35f, 1}, "none (offline)");
      } else {
        ImGui::Text("%d", p.leader);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%d", p.leader_epoch);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ids(p.replicas).c_str());
      ImGui::TableNextColumn();
      if (p.under_replicated()) {
        ImGui::TextColored({1, 0.7f, 0.2f, 1}, "%s", ids(p.isr).c_str());
      } else {
        ImGui::TextUnformatted(ids(p.isr).c_str());
      }
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(p.high_watermark));
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(p.log_end_offset));
    }
  }
  ImGui::EndTable();
}

void dashed_rect(ImDrawList* dl, const Rect& r, ImU32 color) {
  constexpr float kDash = 4;
  for (float x = r.x; x < r.right(); x += 2 * kDash) {
    const float e = std::min(x + kDash, r.right());
    dl->AddLine({x, r.y}, {e, r.y}, color);
    dl->AddLine({x, r.bottom()}, {e, r.bottom()}, color);
  }
  for (float y = r.y; y < r.bottom(); y += 2 * kDash) {
    const float e = std::min(y + kDash, r.bottom());
    dl->AddLine({r.x, y}, {r.x, e}, color);
    dl->AddLine({r.right(), y}, {r.right(), e}, color);
  }
}

void draw_cell(ImDrawList* dl, const LogCell& c, ImVec2 o, const Fonts& fonts) {
  const Rect box{o.x + c.box.x, o.y + c.box.y, c.box.w, c.box.h};
  Rgba fill = c.fill;
  if (c.uncommitted) fill.a = 110;
  dl->AddRectFilled({box.x, box.y}, {box.right(), box.bottom()}, col(fill), 3);
  if (c.uncommitted) dashed_rect(dl, box, IM_COL32(230, 230, 230, 200));
  if (c.selected) {
    dl->AddRect({box.x - 2, box.y - 2}, {box.right() + 2, box.bottom() + 2},
                IM_COL32(255, 255, 0, 255), 3, 0, 2);
  }
  ImGui::PushFont(fonts.mono);
  const std::string offset = std::to_string(c.offset);
  dl->AddText({box.x + 3, box.y + 1}, IM_COL32(235, 235, 235, 255), offset.c_str());
  const char* second = c.kind == CellKind::kRemoved ? "gone" : c.tombstone ? "tomb" : c.key.c_str();
  const ImU32 second_col = c.kind == CellKind::kGhost ? IM_COL32(255, 150, 150, 255)
                           : c.tombstone              ? IM_COL32(255, 120, 120, 255)
                                                      : IM_COL32(200, 200, 200, 255);
  dl->AddText({box.x + 3, box.y + 17}, second_col, second);
  if (c.kind == CellKind::kGhost) {
    dl->AddLine({box.x, box.y}, {box.right(), box.bottom()}, IM_COL32(255, 90, 90, 255), 2);
  }
  ImGui::PopFont();
}

ImU32 marker_color(MarkerKind k) {
  switch (k) {
    case MarkerKind::kHighWatermark:
      return IM_COL32(90, 220, 110, 255);
    case MarkerKind::kLogEnd:
      return IM_COL32(240, 240, 240, 255);
    case MarkerKind::kLogStart:
      return IM_COL32(255, 170, 60, 255);
    case MarkerKind::kCleaned:
      return IM_COL32(200, 130, 255, 255);
    case MarkerKind::kSegment:
      return IM_COL32(120, 120, 130, 255);
  }
  return IM_COL32(200, 200, 200, 255);
}

void draw_row(const AppState& app, const ReplicaRow& row, const kafka::TopicPartition& tp, ImVec2 o,
              const Fonts& fonts, std::vector<Command>& out) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The title: click selects the replica.
  ImGui::SetCursorScreenPos({o.x + row.label_box.x, o.y + row.label_box.y});
  ImGui::PushID(row.broker_id);
  const ImVec4 title_col = row.role == ReplicaRole::kLeader ? ImVec4{1, 0.85f, 0.3f, 1}
                           : row.role == ReplicaRole::kDown ? ImVec4{1, 0.4f, 0.4f, 1}
                                                            : ImVec4{0.9f, 0.9f, 0.9f, 1};
  ImGui::PushStyleColor(ImGuiCol_Text, title_col);
  if (ImGui::Selectable(row.title.c_str(), row.selected, 0, {row.label_box.w, 0})) {
    out.push_back(Select{ReplicaSelection{tp, row.broker_id}});
  }
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos({o.x + row.label_box.x, ImGui::GetCursorScreenPos().y});
  ImGui::TextDisabled("%s", row.detail.c_str());
  if (!row.note.empty()) {
    ImGui::SetCursorScreenPos({o.x + row.label_box.x, ImGui::GetCursorScreenPos().y});
    ImGui::TextColored({1, 0.55f, 0.55f, 1}, "%s", row.note.c_str());
  }
  // The cells: click selects a record.
  for (const LogCell& c : row.cells) {
    draw_cell(dl, c, o, fonts);
    ImGui::SetCursorScreenPos({o.x + c.box.x, o.y + c.box.y});
    ImGui::PushID(static_cast<int>(c.offset));
    if (ImGui::InvisibleButton("cell", {c.box.w, c.box.h}) && c.kind == CellKind::kRecord) {
      out.push_back(Select{RecordSelection{tp, row.broker_id, c.offset}});
    }
    ImGui::PopID();
  }
  // Markers: a line through the row and the label under it, staggered when close.
  const float top = o.y + row.log_box.y - 3;
  const float bottom = o.y + row.log_box.bottom() + 3;
  for (const OffsetMarker& m : row.markers) {
    const float x = o.x + m.x;
    const ImU32 c = marker_color(m.kind);
    dl->AddLine({x, top}, {x, bottom}, c, m.kind == MarkerKind::kSegment ? 1.0f : 2.0f);
    if (!m.label.empty()) dl->AddText({x + 2, bottom + 1}, c, m.label.c_str());
  }
  for (const FollowerCaret& f : row.followers) {
    const float x = o.x + f.x;
    const float y = bottom + 14;
    dl->AddTriangleFilled({x, y - 4}, {x - 4, y + 3}, {x + 4, y + 3}, IM_COL32(120, 200, 255, 255));
    dl->AddText({x + 5, y - 6}, IM_COL32(120, 200, 255, 255), f.label.c_str());
  }
  ImGui::PopID();
  (void)app;
}

void legend(const PartitionBoard& board) {
  ImGui::TextDisabled("leader epoch:");
  for (int32_t e : board.epochs) {
    ImGui::SameLine();
    const Rgba c = epoch_color(e);
    ImGui::TextColored({c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1}, "e%d", e);
  }
  ImGui::SameLine(0, 16);
  ImGui::TextDisabled("dashed: above the HW (uncommitted)   red cross: lost in a truncation");
}

void window_controls(PartitionBoardState& state, const PartitionBoard& board) {
  const int64_t span = board.end_offset - board.first_offset;
  if (board.hidden_before > 0) {
    if (ImGui::SmallButton("< earlier")) state.window_end = std::max(span, board.end_offset - span);
    ImGui::SameLine();
    ImGui::TextDisabled("%lld earlier offsets", static_cast<long long>(board.hidden_before));
    ImGui::SameLine();
  }
  if (board.hidden_after > 0) {
    if (ImGui::SmallButton("later >")) state.window_end = board.end_offset + span;
    ImGui::SameLine();
    if (ImGui::SmallButton("follow the end")) state.window_end.reset();
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

}  // namespace

void draw_partition_board_panel(const AppState& app, PartitionBoardState& state, const Fonts& fonts,
                                Rect rect, std::vector<Command>& out) {
  if (!begin_panel("Partitions", rect)) return;
  const world::World& w = app.timeline.current();
  const std::vector<PartitionSummary> list = partition_summaries(w, state.show_internal);
  const std::optional<kafka::TopicPartition> shown = shown_partition(app, state, list);
  partition_list(state, list, shown);
  if (!shown) {
    ImGui::TextDisabled("no partitions yet: topics are created when the controller is ready");
    ImGui::End();
    return;
  }
  ImGui::Separator();
  ImGui::Text("%s: each replica's log, oldest offset on the left", tp_name(*shown).c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const world::World* previous = app.previous ? &*app.previous : nullptr;
  const PartitionBoard board = build_partition_board(
      w, previous, *shown, {0, 0, avail.x, avail.y - 50}, state.window_end, app.selected);
  window_controls(state, board);
  const ImVec2 o{origin.x, ImGui::GetCursorScreenPos().y};
  for (const ReplicaRow& row : board.rows) draw_row(app, row, *shown, o, fonts, out);
  const float rows_h = board.rows.empty() ? 0 : board.rows.back().label_box.bottom() + 20;
  ImGui::SetCursorScreenPos({origin.x, o.y + rows_h});
  legend(board);
  ImGui::End();
}

}  // namespace ksim::viz
