#pragma once
// The message log: every hop of a trace in time order, in a table that scrolls through a million rows (only the
// visible ones are laid out), linked to the chart both ways: hovering a row highlights its arrow, clicking one
// centres the chart on it and selects its call; clicking an arrow scrolls the log to its row. A text filter keeps
// the hops of a client, server, method, kind or call (tracefile::HopFilter).
#include <string>

#include "visualizer/document.hpp"
#include "visualizer/playback.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

struct LogState {
  char filter[256] = "";
  long scroll_to_hop = -1;  // scroll there next frame
  bool follow_cursor = false;
  double followed_cursor = -1;
};

void draw_log_panel(Document& doc, LogState& state, TimelineView& view, const Playback& playback, bool& filter_chart);

}  // namespace buslab::viz
