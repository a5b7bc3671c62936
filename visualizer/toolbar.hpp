#pragma once
// The bar above the timeline: fit, playback (step, play/pause, stop, speed), the cursor and view times, what the
// frame drew, and the controls help.
#include <memory>
#include <vector>

#include "visualizer/document.hpp"
#include "visualizer/playback.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

struct ToolbarActions {
  bool step_back = false;
  bool step_forward = false;
  bool toggle_panels = false;
  bool toggle_logical = false;
  bool toggle_host_time = false;
};

// The time base switch (T): whether it is offered (some host's clock is skewed) and whether it is on.
struct TimeBaseState {
  bool available = false;
  bool host_clocks = false;
};

// What the last frame drew: single arrows, bundles, and the hops in bundles or density bars.
ToolbarActions draw_toolbar(TimelineView& view, Playback& playback, bool logical, TimeBaseState time_base,
                            size_t arrows_drawn, size_t bundles, size_t hops_aggregated);
// The controls, as the help popup and --help list them.
const char* controls_help();

}  // namespace buslab::viz
