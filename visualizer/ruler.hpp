#pragma once
// The time ruler above the lanes: ticks whose unit follows the zoom (s, ms, us, ns), the playback cursor, fault
// times, and the range being dragged out. Also draws the matching vertical grid over the plot.
#include <imgui.h>

#include <string>
#include <vector>

#include "models/core/host_clock.hpp"

#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

struct RulerMarks {
  double cursor = -1;  // playback cursor, < 0: none
  bool cursor_active = false;
  std::vector<std::pair<double, ImU32>> faults;
  bool steps = false;      // the logical view: the axis counts steps, not seconds
  bool selecting = false;  // a range being dragged out
  double select_t0 = 0, select_t1 = 0;
  // Host-clock time: the ticks stay at true instants and read what this host's clock showed then (null: true time).
  const HostClock* clock = nullptr;
  std::string clock_host;
};

// Returns the tick labels it drew, left to right.
std::vector<std::string> draw_ruler(ImDrawList* draw, const TimelineView& view, ImVec2 min, ImVec2 max,
                                    const RulerMarks& marks);
void draw_grid(ImDrawList* draw, const TimelineView& view, float x0, float x1, float y0, float y1, bool steps = false);

}  // namespace buslab::viz
