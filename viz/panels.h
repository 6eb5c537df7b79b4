// The viewer's panels: one function and one small state struct each, one file each
// (cluster_panel.cpp, time_panel.cpp, log_panel.cpp). A panel reads the run through a const
// AppState, draws into the rectangle it is given, and pushes Commands onto `out`; it never
// changes the world. The frame loop in main.cpp calls them in a flat list.
#pragma once

#include <cstdint>
#include <vector>

#include "viz/app_state.h"
#include "viz/cluster_layout.h"
#include "viz/fonts.h"
#include "viz/group_panel.h"
#include "viz/inspector_panel.h"
#include "viz/partition_panel.h"

namespace ksim::viz {

struct ClusterPanelState {
  bool show_legend = true;
};
// The nodes on a circle, their links and the messages in flight, at view_time(app).
void draw_cluster_panel(const AppState& app, ClusterPanelState& state, const Fonts& fonts,
                        Rect rect, std::vector<Command>& out);

struct TimePanelState {
  bool keyboard_shortcuts = true;
};
// Play/pause, step, the position scrubber, speed, and the current narration note.
void draw_time_panel(const AppState& app, TimePanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out);

struct LogPanelState {
  int64_t followed_position = -1;  // the position the list last scrolled to
};
// The trace lines around the current step (only the visible rows are rendered); a click seeks.
void draw_log_panel(const AppState& app, LogPanelState& state, const Fonts& fonts, Rect rect,
                    std::vector<Command>& out);

}  // namespace ksim::viz
