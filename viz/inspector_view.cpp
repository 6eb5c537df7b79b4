#include "viz/inspector_view.h"

#include <imgui.h>

#include "viz/panel_window.h"

namespace ksim::viz {
namespace {

void refresh(const AppState& app, InspectorViewState& state) {
  if (state.cached_run == app.run_serial && state.cached_position == app.timeline.position() &&
      state.cached_selection == app.selected) {
    return;
  }
  state.cached_run = app.run_serial;
  state.cached_position = app.timeline.position();
  state.cached_selection = app.selected;
  state.inspection = inspect(app.timeline.current(), app.names, app.selected);
  state.changed.assign(state.inspection.fields.size(), "");
  if (app.previous && state.inspection.absent.empty()) {
    state.changed =
        changes_since(inspect(*app.previous, app.names, app.selected), state.inspection);
  }
}

// A section (a row followed by deeper rows) is open by default at depth 0, folded deeper.
bool is_open(const InspectorViewState& state, const InspectorField& f) {
  return (f.depth == 0) != state.toggled.contains(f.path);
}

// The rows to draw: those whose enclosing sections are all open.
std::vector<size_t> visible_rows(const InspectorViewState& state) {
  std::vector<size_t> rows;
  const auto& fields = state.inspection.fields;
  int hidden_below = -1;  // rows deeper than this are inside a folded section
  for (size_t i = 0; i < fields.size(); ++i) {
    if (hidden_below >= 0 && fields[i].depth > hidden_below) continue;
    hidden_below = -1;
    rows.push_back(i);
    const bool section = i + 1 < fields.size() && fields[i + 1].depth > fields[i].depth;
    if (section && !is_open(state, fields[i])) hidden_below = fields[i].depth;
  }
  return rows;
}

void field_row(InspectorViewState& state, size_t i) {
  const auto& fields = state.inspection.fields;
  const InspectorField& f = fields[i];
  const std::string& was = state.changed[i];
  const bool section = i + 1 < fields.size() && fields[i + 1].depth > f.depth;
  ImGui::TableNextRow();
  if (!was.empty()) {
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(110, 90, 10, 160));
  }
  ImGui::TableNextColumn();
  ImGui::Indent(static_cast<float>(f.depth) * 14);
  if (section) {
    const std::string label = (is_open(state, f) ? "- " : "+ ") + f.label;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      if (!state.toggled.erase(f.path)) state.toggled.insert(f.path);
    }
    ImGui::PopID();
  } else {
    ImGui::TextUnformatted(f.label.c_str());
  }
  ImGui::Unindent(static_cast<float>(f.depth) * 14);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(f.value.c_str());
  ImGui::TableNextColumn();
  if (!was.empty())
    ImGui::TextColored({1, 0.85f, 0.4f, 1}, "%s", was == "new" ? "new" : ("was " + was).c_str());
}

}  // namespace

void draw_inspector_view(const AppState& app, InspectorViewState& state, const Fonts& fonts,
                         Rect rect, std::vector<Command>& out) {
  if (!begin_panel("Inspector", rect)) return;
  refresh(app, state);
  const Inspection& in = state.inspection;
  if (!in.title.empty()) {
    ImGui::TextUnformatted(in.title.c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - 60);
    if (ImGui::SmallButton("clear")) out.push_back(Select{std::monostate{}});
  }
  const int64_t p = app.timeline.position();
  if (p > 0) {
    ImGui::PushFont(fonts.mono);
    ImGui::TextDisabled(
        "last step: %s",
        trace::describe_entry(app.timeline.trace().entry(Step{p - 1}), app.names).c_str());
    ImGui::PopFont();
  }
  if (!in.absent.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", in.absent.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    return;
  }
  const std::vector<size_t> rows = visible_rows(state);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("fields", 3, kFlags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("last step", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        field_row(state, rows[static_cast<size_t>(r)]);
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace ksim::viz
