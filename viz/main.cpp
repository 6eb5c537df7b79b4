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
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/scenario_source.h"
#include "viz/app_state.h"
#include "viz/fonts.h"
#include "viz/panel_layout.h"
#include "viz/panels.h"
#include "viz/screenshot.h"
#include "viz/viz_options.h"

namespace {

using namespace ksim::viz;

constexpr int kExitBadInput = 2;
constexpr int kExitNoDisplay = 3;
// Frames drawn before a screenshot, so every window has been laid out and scrolled.
constexpr int kScreenshotFrames = 4;

struct UiState {
  ViewName view = ViewName::kCluster;
  bool show_inspector = true;
  bool show_time = true;
  bool show_log = true;
  ClusterPanelState cluster;
  PartitionPanelState partitions;
  GroupPanelState groups;
  InspectorPanelState inspector;
  TimePanelState time;
  LogPanelState log;
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

// The main menu bar; returns its height.
float draw_menu_bar(UiState& ui) {
  float height = 0;
  if (ImGui::BeginMainMenuBar()) {
    for (ViewName v : {ViewName::kCluster, ViewName::kPartitions, ViewName::kGroups}) {
      if (ImGui::RadioButton(view_name(v), ui.view == v)) ui.view = v;
    }
    height = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();
  }
  return height;
}

void draw_frame(AppState& app, UiState& ui, const Fonts& fonts) {
  const ImGuiIO& io = ImGui::GetIO();
  const float menu_h = draw_menu_bar(ui);
  const PanelRects r = tile_panels(io.DisplaySize.x, io.DisplaySize.y, menu_h);
  switch (ui.view) {
    case ViewName::kCluster:
      draw_cluster_panel(app, ui.cluster, fonts, r.main, app.pending);
      break;
    case ViewName::kPartitions:
      draw_partition_panel(app, ui.partitions, fonts, r.main, app.pending);
      break;
    case ViewName::kGroups:
      draw_group_panel(app, ui.groups, fonts, r.main, app.pending);
      break;
  }
  if (ui.show_inspector) draw_inspector_panel(app, ui.inspector, fonts, r.inspector, app.pending);
  if (ui.show_log) draw_log_panel(app, ui.log, fonts, r.side, app.pending);
  if (ui.show_time) draw_time_panel(app, ui.time, fonts, r.time, app.pending);
}

// Runs frames until the window closes, or until the screenshot is written. Returns the exit code.
int frame_loop(GLFWwindow* window, AppState& app, const Fonts& fonts, const VizOptions& o) {
  UiState ui;
  ui.view = o.view;
  for (int frame = 1; !glfwWindowShouldClose(window); ++frame) {
    if (o.screenshot || app.playback.playing) {
      glfwPollEvents();
    } else {
      glfwWaitEventsTimeout(0.25);  // idle: no need to redraw 60 times a second
    }
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
    if (o.screenshot && frame >= kScreenshotFrames) {
      const std::string error = write_screenshot(*o.screenshot, w, h);
      if (!error.empty()) std::cerr << "kafkasim-viz: " << error << "\n";
      return error.empty() ? 0 : 1;
    }
    glfwSwapBuffers(window);
    if (o.screenshot) app.pending.clear();  // a screenshot shows --at STEP, whatever happens
    apply_commands(app);
    advance_playback(app, ImGui::GetIO().DeltaTime);
  }
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
  std::optional<ksim::cli::ScenarioDocument> loaded =
      ksim::cli::load_scenario_document(o->scenario, std::cerr);
  if (!loaded) return kExitBadInput;
  const ksim::scenario::Scenario* s = &loaded->scenario;
  AppState app = make_app_state(*s, o->seed.value_or(s->seed),
                                {std::move(loaded->doc), std::move(loaded->path)});
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
  const int code = frame_loop(window, app, fonts, *o);
  shut_down(window);
  return code;
}
