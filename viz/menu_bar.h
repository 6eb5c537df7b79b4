// The main menu bar and its dialogs: File (open a lesson or a file, reload, save the fork,
// export a PNG or a window of the trace), Faults (crash, restart, shut down or isolate a node,
// cut or heal links: each forks the run at the current position), the view switch, Help.
// Emits Commands; the PNG and quitting are the frame loop's, so they are requests in the state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "viz/app_state.h"
#include "viz/file_commands.h"
#include "viz/help_overlay.h"
#include "viz/viz_options.h"

namespace ksim::viz {

enum class Dialog { kNone, kOpenLesson, kOpenFile, kSaveFork, kExportPng, kExportTrace };

struct MenuBarState {
  Dialog opening = Dialog::kNone;    // opened at the next draw_dialogs
  std::vector<LessonEntry> lessons;  // read when the lesson list first opens
  std::string browse_dir;            // the open-file dialog's folder
  char path[1024] = {};              // the dialogs' file name field
  int format = 0;                    // index into cli::export_formats()
  int64_t from = 0;
  int64_t to = 0;
  std::optional<std::string> png_request;  // the frame loop writes the window there
  bool quit = false;
  std::string dismissed_error;  // an error the learner closed is not shown again
};

// Draws the bar; returns its height.
float draw_menu_bar(const AppState& app, MenuBarState& state, ViewName& view,
                    HelpOverlayState& help, std::vector<Command>& out);
// The dialog opened from the menu, if any, and the error dialog when a command failed.
void draw_dialogs(const AppState& app, MenuBarState& state, std::vector<Command>& out);

}  // namespace ksim::viz
