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
// Play/pause, step by event or by lesson beat, the position scrubber with its marks, speed, the
// current narration note and Continue at a pausing note.
void draw_time_panel(const AppState& app, TimePanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out);

struct LogPanelState {
  int64_t followed_position = -1;  // the position the list last scrolled to
};
// The trace lines around the current step (only the visible rows are rendered); a click seeks.
// Drawn inside the side panel's "Trace" tab.
void draw_trace_tab(const AppState& app, LogPanelState& state, const Fonts& fonts,
                    std::vector<Command>& out);

struct LessonTabState {
  int64_t followed_note = -1;  // the note the chapter list last scrolled to
};
// The lesson: narration at the current step, the chapter menu of notes, the expectations
// (pending, passed, failed) and the invariants' observations; a click seeks.
void draw_lesson_tab(const AppState& app, LessonTabState& state, const Fonts& fonts,
                     std::vector<Command>& out);

struct SidePanelState {
  LessonTabState lesson;
  LogPanelState trace;
};
// The lesson and trace tabs, below the inspector.
void draw_side_panel(const AppState& app, SidePanelState& state, const Fonts& fonts, Rect rect,
                     std::vector<Command>& out);

}  // namespace ksim::viz
