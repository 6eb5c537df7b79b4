#include "viz/help_overlay.h"

#include <imgui.h>

#include "viz/scrubber.h"

namespace ksim::viz {
namespace {

struct Shortcut {
  const char* keys;
  const char* what;
};

constexpr Shortcut kShortcuts[] = {
    {"Space", "play / pause (playback stops at notes marked pause: Continue goes on)"},
    {"Right / Left", "one event forward / back"},
    {"Shift+Right / Shift+Left",
     "one lesson beat forward / back: skips heartbeats, empty fetches and timers"},
    {"Home / End", "first / last position"},
    {"?", "this help"},
    {"click", "select a node, replica, record, message or member for the inspector"},
    {"Faults menu", "crash, restart, shut down, isolate, cut or heal: forks the run here"},
    {"File menu", "open a lesson or file, save the fork, export PNG or the trace"},
};

struct MarkMeaning {
  MarkKind kind;
  const char* what;
};

constexpr MarkMeaning kMarks[] = {
    {MarkKind::kNote, "narration note"},
    {MarkKind::kFault, "fault: crash, restart, partition, heal, link change, shutdown"},
    {MarkKind::kFork, "where the viewer forked the run"},
    {MarkKind::kExpectPassed, "expectation passed"},
    {MarkKind::kExpectFailed, "expectation failed"},
    {MarkKind::kObservation, "an invariant observation (docs/invariants.md)"},
};

}  // namespace

void help_shortcut(HelpOverlayState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  for (ImWchar c : io.InputQueueCharacters) {
    if (c == '?') state.open = !state.open;
  }
  if (state.open && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) state.open = false;
}

void draw_help_overlay(HelpOverlayState& state, Rect window) {
  if (!state.open) return;
  const ImVec2 size{560, 380};
  ImGui::SetNextWindowPos({window.x + (window.w - size.x) / 2, window.y + (window.h - size.y) / 2});
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowBgAlpha(0.95f);
  if (!ImGui::Begin(
          "Keyboard and mouse (? or Esc to close)", &state.open,
          ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, 190);
    for (const Shortcut& s : kShortcuts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.keys);
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", s.what);
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextUnformatted("Marks under the scrubber:");
  for (const MarkMeaning& m : kMarks) {
    const Rgba c = mark_color(m.kind);
    ImGui::TextColored({c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f}, "|");
    ImGui::SameLine();
    ImGui::TextUnformatted(m.what);
  }
  ImGui::End();
}

}  // namespace ksim::viz
