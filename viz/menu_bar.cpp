#include "viz/menu_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "cli/export/exporter.h"
#include "cli/scenario_source.h"
#include "viz/file_commands.h"
#include "viz/fork.h"

namespace ksim::viz {
namespace {

namespace fs = std::filesystem;

void set_path(MenuBarState& state, const std::string& text) {
  std::snprintf(state.path, sizeof state.path, "%s", text.c_str());
}

void file_menu(const AppState& app, MenuBarState& state, std::vector<Command>& out) {
  if (!ImGui::BeginMenu("File")) return;
  if (ImGui::MenuItem("Open lesson...")) state.opening = Dialog::kOpenLesson;
  if (ImGui::MenuItem("Open file...")) state.opening = Dialog::kOpenFile;
  if (ImGui::MenuItem("Reload", nullptr, false, !app.source.path.empty())) {
    out.push_back(OpenScenario{app.source.path, true});
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Save fork as...", nullptr, false, !app.source.document.is_null())) {
    state.opening = Dialog::kSaveFork;
  }
  if (ImGui::MenuItem("Export PNG...")) state.opening = Dialog::kExportPng;
  if (ImGui::MenuItem("Export trace...")) state.opening = Dialog::kExportTrace;
  ImGui::Separator();
  if (ImGui::MenuItem("Quit")) state.quit = true;
  ImGui::EndMenu();
}

// One submenu per node with the faults it can take now; then links to cut, and heal.
void faults_menu(const AppState& app, std::vector<Command>& out) {
  if (!ImGui::BeginMenu("Faults")) return;
  const world::World& w = app.timeline.current();
  ImGui::TextDisabled("each forks the run at position %lld",
                      static_cast<long long>(app.timeline.position()));
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const NodeId node{static_cast<int32_t>(i)};
    const std::vector<Fork> forks = node_faults(w, app.names, node);
    if (forks.empty()) continue;
    if (!ImGui::BeginMenu(app.names.node(node).c_str())) continue;
    for (const Fork& f : forks) {
      if (ImGui::MenuItem(f.label.c_str())) out.push_back(f);
    }
    ImGui::EndMenu();
  }
  ImGui::Separator();
  if (ImGui::BeginMenu("Cut a link")) {
    for (size_t a = 0; a < w.nodes.size(); ++a) {
      const std::string name_a = app.names.node(NodeId{static_cast<int32_t>(a)});
      if (!ImGui::BeginMenu(name_a.c_str())) continue;
      for (size_t b = 0; b < w.nodes.size(); ++b) {
        if (a == b) continue;
        const std::string name_b = app.names.node(NodeId{static_cast<int32_t>(b)});
        const bool cut =
            w.rt.network.is_cut(NodeId{static_cast<int32_t>(a)}, NodeId{static_cast<int32_t>(b)});
        if (ImGui::MenuItem(("<-> " + name_b).c_str(), nullptr, false, !cut)) {
          out.push_back(cut_link(name_a, name_b));
        }
      }
      ImGui::EndMenu();
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Heal every link")) out.push_back(heal_all());
  ImGui::EndMenu();
}

void view_switch(ViewName& view) {
  ImGui::SameLine(0, 24);
  for (ViewName v : {ViewName::kCluster, ViewName::kPartitions, ViewName::kGroups}) {
    if (ImGui::RadioButton(view_name(v), view == v)) view = v;
    ImGui::SameLine();
  }
}

void lesson_dialog(MenuBarState& state, std::vector<Command>& out) {
  if (!ImGui::BeginPopupModal("Open lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (state.lessons.empty()) state.lessons = list_lessons(cli::lessons_dir());
  ImGui::BeginChild("lessons", {720, 420}, true);
  for (const LessonEntry& l : state.lessons) {
    if (ImGui::Selectable(l.name.c_str(), false, ImGuiSelectableFlags_DontClosePopups)) {
      out.push_back(OpenScenario{l.name});
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine(230);
    ImGui::TextDisabled("%s", l.summary.c_str());
  }
  ImGui::EndChild();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void file_dialog(MenuBarState& state, std::vector<Command>& out) {
  if (!ImGui::BeginPopupModal("Open file", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (state.browse_dir.empty()) state.browse_dir = fs::current_path().string();
  ImGui::Text("%s", state.browse_dir.c_str());
  ImGui::BeginChild("files", {640, 360}, true);
  if (ImGui::Selectable("../", false, ImGuiSelectableFlags_DontClosePopups)) {
    state.browse_dir = fs::path(state.browse_dir).parent_path().string();
  }
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(state.browse_dir, ec)) entries.push_back(e);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const fs::directory_entry& e : entries) {
    const std::string name = e.path().filename().string();
    if (name.starts_with('.')) continue;
    if (e.is_directory(ec)) {
      if (ImGui::Selectable((name + "/").c_str(), false, ImGuiSelectableFlags_DontClosePopups)) {
        state.browse_dir = e.path().string();
      }
    } else if (e.path().extension() == ".json") {
      if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_DontClosePopups)) {
        set_path(state, e.path().string());
      }
    }
  }
  ImGui::EndChild();
  ImGui::SetNextItemWidth(560);
  ImGui::InputText("##path", state.path, sizeof state.path);
  ImGui::SameLine();
  if (ImGui::Button("Open") && state.path[0] != '\0') {
    out.push_back(OpenScenario{state.path});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// A dialog with one file name field and a button that emits `make(path)`.
template <typename Make>
void path_dialog(const char* title, const char* explain, const char* action, MenuBarState& state,
                 Make make) {
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted(explain);
  ImGui::SetNextItemWidth(560);
  ImGui::InputText("##path", state.path, sizeof state.path);
  if (ImGui::Button(action) && state.path[0] != '\0') {
    make(std::string(state.path));
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void export_dialog(const AppState& app, MenuBarState& state, std::vector<Command>& out) {
  if (!ImGui::BeginPopupModal("Export trace", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const auto& formats = cli::export_formats();
  const std::string current(formats[static_cast<size_t>(state.format)].name);
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("format", current.c_str())) {
    for (size_t i = 0; i < formats.size(); ++i) {
      const std::string name(formats[i].name);
      if (ImGui::Selectable(name.c_str(), static_cast<int>(i) == state.format)) {
        state.format = static_cast<int>(i);
        set_path(state, export_file_name(app, name, state.from, state.to));
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(formats[i].summary).c_str());
    }
    ImGui::EndCombo();
  }
  const int64_t lo = 0;
  const int64_t hi = app.timeline.recorded();
  ImGui::SetNextItemWidth(200);
  ImGui::DragScalar("from step", ImGuiDataType_S64, &state.from, 1, &lo, &hi);
  ImGui::SetNextItemWidth(200);
  ImGui::DragScalar("to step (excluded)", ImGuiDataType_S64, &state.to, 1, &lo, &hi);
  ImGui::SetNextItemWidth(560);
  ImGui::InputText("file", state.path, sizeof state.path);
  if (ImGui::Button("Export") && state.path[0] != '\0') {
    out.push_back(ExportTrace{current, state.from, state.to, state.path});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void error_dialog(const AppState& app, MenuBarState& state) {
  if (app.error.empty() || app.error == state.dismissed_error) return;
  if (!ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
  if (!ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 45);
  ImGui::TextColored({1.0f, 0.45f, 0.45f, 1.0f}, "%s", app.error.c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextDisabled("The run shown is unchanged.");
  if (ImGui::Button("OK")) {
    state.dismissed_error = app.error;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// Opens the dialog the menu asked for, with its fields filled for the current run.
void open_requested(const AppState& app, MenuBarState& state) {
  const int64_t p = app.timeline.position();
  switch (state.opening) {
    case Dialog::kNone:
      return;
    case Dialog::kOpenLesson:
      ImGui::OpenPopup("Open lesson");
      break;
    case Dialog::kOpenFile:
      set_path(state, app.source.path);
      ImGui::OpenPopup("Open file");
      break;
    case Dialog::kSaveFork:
      set_path(state, app.scenario_name + "-fork.json");
      ImGui::OpenPopup("Save fork");
      break;
    case Dialog::kExportPng:
      set_path(state, app.scenario_name + "-" + std::to_string(p) + ".png");
      ImGui::OpenPopup("Export PNG");
      break;
    case Dialog::kExportTrace:
      state.from = std::max<int64_t>(0, p - 200);
      state.to = std::max<int64_t>(p, std::min<int64_t>(app.timeline.recorded(), 200));
      set_path(state,
               export_file_name(
                   app, std::string(cli::export_formats()[static_cast<size_t>(state.format)].name),
                   state.from, state.to));
      ImGui::OpenPopup("Export trace");
      break;
  }
  state.opening = Dialog::kNone;
}

}  // namespace

float draw_menu_bar(const AppState& app, MenuBarState& state, ViewName& view,
                    HelpOverlayState& help, std::vector<Command>& out) {
  float height = 0;
  if (!ImGui::BeginMainMenuBar()) return height;
  file_menu(app, state, out);
  faults_menu(app, out);
  if (ImGui::BeginMenu("Help")) {
    ImGui::MenuItem("Keyboard and marks", "?", &help.open);
    ImGui::EndMenu();
  }
  view_switch(view);
  ImGui::SameLine(0, 24);
  ImGui::TextDisabled("? keys");
  if (!app.fork_actions.empty()) {
    ImGui::SameLine(0, 24);
    ImGui::TextColored({0.35f, 0.8f, 1.0f, 1.0f}, "forked: %zu action(s) added (File > Save fork)",
                       app.fork_actions.size());
  }
  height = ImGui::GetWindowSize().y;
  ImGui::EndMainMenuBar();
  return height;
}

void draw_dialogs(const AppState& app, MenuBarState& state, std::vector<Command>& out) {
  open_requested(app, state);
  lesson_dialog(state, out);
  file_dialog(state, out);
  path_dialog("Save fork", "The scenario with the actions the viewer added, as a file:", "Save",
              state, [&](const std::string& p) { out.push_back(SaveFork{p}); });
  path_dialog("Export PNG", "A picture of the window as it is now:", "Export", state,
              [&](const std::string& p) { state.png_request = p; });
  export_dialog(app, state, out);
  error_dialog(app, state);
}

}  // namespace ksim::viz
