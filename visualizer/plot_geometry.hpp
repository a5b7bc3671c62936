#pragma once
// Where one trace's section of the timeline is on screen this frame, handed to every painter (lanes, arrows,
// marks, call path) so that they agree on time-to-x and row-to-y.
#include <imgui.h>

#include <cmath>

#include "visualizer/lane_layout.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

struct PlotGeometry {
  ImDrawList* draw = nullptr;
  const TimelineView* view = nullptr;
  float label_x0 = 0;    // label column, left edge
  float x0 = 0, x1 = 0;  // plot area, left and right edges
  float clip_top = 0;    // visible part of the lanes area
  float clip_bottom = 0;
  float section_y = 0;        // screen y of the section's first row
  double t_limit = INFINITY;  // the playback cursor: nothing after it is shown
  bool logical = false;       // the view's axis is logical steps (tracefile/logical_order.hpp), not time
  ImVec2 mouse{-1, -1};
  bool mouse_in_plot = false;

  float width() const { return x1 - x0; }
  float x_of(double t) const { return static_cast<float>(view->x_of(t, x0, width())); }
  double t_of(float x) const { return view->t_of(x, x0, width()); }
  float row_top(const LaneRow& row) const { return section_y + row.y; }
  float row_center(const LaneRow& row) const { return section_y + row.center(); }
  bool row_visible(const LaneRow& row) const {
    return row_top(row) < clip_bottom && row_top(row) + row.height > clip_top;
  }
};

}  // namespace buslab::viz
