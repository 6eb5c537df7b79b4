// kafkasim-viz: the Dear ImGui window over a recorded run. Only setup and the frame loop live
// here; each panel is its own file (panels.h), what to draw is computed in ksim_viz_model, and
// the run changes only through Commands applied between frames.
//
// Exit codes: 0 done, 2 bad arguments or scenario, 3 no display (the quick-start script then
// falls back to the terminal replay), 1 any other failure (e.g. the PNG could not be written).
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/scenario_source.h"
#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/frame_stats.h"
#include "viz/group_board_panel.h"
#include "viz/help_overlay.h"
#include "viz/inspector_view.h"
#include "viz/menu_bar.h"
#include "viz/panel_layout.h"
#include "viz/panels.h"
#include "viz/partition_board_panel.h"
#include "viz/screenshot.h"
#include "viz/selection_spec.h"
#include "viz/viz_options.h"

namespace {

using namespace ksim::viz;

constexpr int kExitBadInput = 2;
constexpr int kExitNoDisplay = 3;
// Frames drawn before a screenshot, so every window has been laid out and scrolled.
constexpr int kScreenshotFrames = 4;
// Frames timed by --stats before a screenshot.
constexpr int kStatsFrames = 300;
constexpr const char* kFirstLesson = "demo_1";

// Reloads the scenario when its file changes on disk (a teacher editing a lesson), checking the
// modification time at most twice a second.
class FileWatch {
 public:
  bool changed(const std::string& path) {
    if (path.empty()) return false;
    const double now = glfwGetTime();
    if (now - last_check_ < 0.5) return false;
    last_check_ = now;
    std::error_code ec;
    const auto mtime = std::filesystem::last_write_time(path, ec);
    if (ec) return false;
    if (path != path_) {
      path_ = path;
      mtime_ = mtime;
      return false;
    }
    if (mtime == mtime_) return false;
    mtime_ = mtime;
    return true;
  }

 private:
  std::string path_;
  std::filesystem::file_time_type mtime_;
  double last_check_ = 0;
};

struct UiState {
  ViewName view = ViewName::kCluster;
  MenuBarState menu;
  HelpOverlayState help;
  ClusterPanelState cluster;
  PartitionBoardState partitions;
  GroupBoardState groups;
  InspectorViewState inspector;
  SidePanelState side;
  TimePanelState time;
  FileWatch watch;
};

bool has_display() {
  for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return true;
  }
  return false;
}

void glfw_error(int code, const char* description) {
  std::cerr << "kafkasim-viz: GLFW error " << code << ": " << description << "\n";
}

GLFWwindow* open_window(const VizOptions& o, const std::string& title) {
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) return nullptr;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  if (o.screenshot) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(o.width, o.height, title.c_str(), nullptr, nullptr);
  if (window == nullptr) {
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(o.screenshot ? 0 : 1);
  return window;
}

Fonts init_imgui(GLFWwindow* window) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // The layout is recomputed every frame (panel_layout.h): nothing worth saving, and no
  // imgui.ini may carry state into a screenshot.
  io.IniFilename = nullptr;
  ImGui::StyleColorsDark();
  ImGui::GetStyle().WindowRounding = 0;
  const Fonts fonts = load_fonts(io);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  return fonts;
}

void draw_frame(AppState& app, UiState& ui, const Fonts& fonts) {
  const ImGuiIO& io = ImGui::GetIO();
  help_shortcut(ui.help);
  const float menu_h = draw_menu_bar(app, ui.menu, ui.view, ui.help, app.pending);
  const PanelRects r = tile_panels(io.DisplaySize.x, io.DisplaySize.y, menu_h);
  switch (ui.view) {
    case ViewName::kCluster:
      draw_cluster_panel(app, ui.cluster, fonts, r.main, app.pending);
      break;
    case ViewName::kPartitions:
      draw_partition_board_panel(app, ui.partitions, fonts, r.main, app.pending);
      break;
    case ViewName::kGroups:
      draw_group_board_panel(app, ui.groups, fonts, r.main, app.pending);
      break;
  }
  draw_inspector_view(app, ui.inspector, fonts, r.inspector, app.pending);
  draw_side_panel(app, ui.side, fonts, r.side, app.pending);
  draw_time_panel(app, ui.time, fonts, r.time, app.pending);
  draw_dialogs(app, ui.menu, app.pending);
  draw_help_overlay(ui.help, {0, 0, io.DisplaySize.x, io.DisplaySize.y});
}

double now_ms() { return glfwGetTime() * 1000.0; }

// Runs frames until the window closes, or until the screenshot is written. Returns the exit code.
// A screenshot with --stats first plays the run from --at at the fastest speed for
// kStatsFrames frames, timing each whole frame (drawing, rasterizing, applying commands and
// moving playback on, seeks included), then goes back to --at for the picture.
int frame_loop(GLFWwindow* window, AppState& app, UiState& ui, const Fonts& fonts,
               const VizOptions& o) {
  FrameStats stats;
  const bool timing_run = o.screenshot && o.stats;
  bool timing = o.stats;  // frames are timed (a timing run stops timing to take the picture)
  int frames_left = timing_run ? kStatsFrames : kScreenshotFrames;
  if (timing_run) {
    app.pending.push_back(SetSpeed{Playback::kMaxSpeed});
    app.pending.push_back(Play{});
    apply_commands(app);
  }
  while (!glfwWindowShouldClose(window) && !ui.menu.quit) {
    if (o.screenshot || app.playback.playing) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(0.25);  // idle: no need to redraw 60 times a second
    }
    const double started = now_ms();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw_frame(app, ui, fonts);
    ImGui::Render();
    int w = 0;
    int h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (o.stats) glFinish();  // count the rasterizer's work too (llvmpipe draws on the CPU)
    if (ui.menu.png_request) {
      const std::string error = write_screenshot(*ui.menu.png_request, w, h);
      app.error = error;
      if (error.empty()) app.status = "wrote " + *ui.menu.png_request;
      ui.menu.png_request.reset();
    }
    if (o.screenshot && --frames_left <= 0) {
      if (timing_run && app.timeline.position() != o.at.value_or(0)) {
        // The timing is done: back to --at, and a few frames to lay it out.
        stats.add(now_ms() - started);
        timing = false;
        app.pending = {Pause{}, SeekTo{o.at.value_or(0)}};
        apply_commands(app);
        frames_left = kScreenshotFrames;
        glfwSwapBuffers(window);
        continue;
      }
      const std::string error = write_screenshot(*o.screenshot, w, h);
      if (!error.empty()) std::cerr << "kafkasim-viz: " << error << "\n";
      if (o.stats) std::cout << "kafkasim-viz: " << stats.summary() << "\n";
      return error.empty() ? 0 : 1;
    }
    glfwSwapBuffers(window);
    if (o.screenshot && !timing_run) app.pending.clear();  // the picture shows --at STEP
    if (ui.watch.changed(app.source.path)) {
      app.pending.push_back(OpenScenario{app.source.path, true});
    }
    apply_commands(app);
    advance_playback(app, ImGui::GetIO().DeltaTime);
    if (timing) stats.add(now_ms() - started);
  }
  if (o.stats) std::cout << "kafkasim-viz: " << stats.summary() << "\n";
  return 0;
}

void shut_down(GLFWwindow* window) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

std::optional<VizOptions> parse(int argc, char** argv, int& exit_code) {
  const ParsedOptions parsed = parse_viz_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.options) {
    std::cerr << "kafkasim-viz: " << parsed.error << "\n" << kVizUsage;
    exit_code = kExitBadInput;
    return std::nullopt;
  }
  if (parsed.options->help) {
    std::cout << kVizUsage;
    exit_code = 0;
    return std::nullopt;
  }
  return parsed.options;
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  const std::optional<VizOptions> o = parse(argc, argv, exit_code);
  if (!o) return exit_code;
  // Without a SCENARIO the window opens on the first lesson with the lesson list in front.
  std::optional<ksim::cli::ScenarioDocument> loaded = ksim::cli::load_scenario_document(
      o->scenario.empty() ? kFirstLesson : o->scenario, std::cerr);
  if (!loaded) return kExitBadInput;
  const ksim::scenario::Scenario* s = &loaded->scenario;
  AppState app = make_app_state(*s, o->seed.value_or(s->seed),
                                {std::move(loaded->doc), std::move(loaded->path)});
  if (o->select) {
    const ParsedSelection sel = parse_selection(*o->select, app.names);
    if (!sel.selection) {
      std::cerr << "kafkasim-viz: " << sel.error << "\n";
      return kExitBadInput;
    }
    app.selected = *sel.selection;
  }
  if (o->at) {
    if (*o->at > app.timeline.recorded()) {
      std::cerr << "kafkasim-viz: --at " << *o->at << " is past the end of the run ("
                << app.timeline.recorded() << " steps: positions 0.." << app.timeline.recorded()
                << ")\n";
      return kExitBadInput;
    }
    app.pending.push_back(SeekTo{*o->at});
    apply_commands(app);
  }
  if (!o->screenshot && !has_display()) {
    std::cerr << "kafkasim-viz: no display (DISPLAY and WAYLAND_DISPLAY are unset). Use "
                 "`kafkasim step "
              << o->scenario
              << "` in the terminal, or render a PNG with "
                 "--screenshot FILE --at STEP under xvfb-run.\n";
    return kExitNoDisplay;
  }
  GLFWwindow* window = open_window(*o, "kafkasim-viz - " + s->name);
  if (window == nullptr) {
    std::cerr << "kafkasim-viz: cannot open an OpenGL 3.3 window (no display? try xvfb-run -a)\n";
    return kExitNoDisplay;
  }
  const Fonts fonts = init_imgui(window);
  UiState ui;
  ui.view = o->view;
  if (o->scenario.empty()) ui.menu.opening = Dialog::kOpenLesson;
  const int code = frame_loop(window, app, ui, fonts, *o);
  shut_down(window);
  return code;
}
