#pragma once
// The overview above the lanes: for each shown run, the latency of every call at its start (a scatter, or a heat
// strip when there are too many points to tell apart) coloured by outcome, the work done and the errors per time
// bucket, and a mark for every fault, always over the whole run whatever the zoom. The lanes' view is the lit
// window on it: drag across the overview to zoom the lanes to that range (brushing), click to centre them there,
// wheel to zoom around the mouse.
#include <imgui.h>

#include <map>
#include <vector>

#include "visualizer/document.hpp"
#include "visualizer/playback.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

class Overview {
 public:
  // The height the tracks of `runs` runs take.
  static float height_for(size_t runs);

  // Draws at the cursor, across the full width of the current window, the plot from x0 to x1 (screen pixels).
  void draw(const std::vector<Document*>& docs, TimelineView& view, const Playback& playback, float x0, float x1);

  struct TrackHeights {
    float latency, rate, gap;
  };

  // Where the tracks were drawn last frame (for tests and the regions file).
  ImVec2 min() const { return min_; }
  ImVec2 max() const { return max_; }

 private:
  struct Heat {
    float width = 0, height = 0;
    std::vector<uint32_t> cells;  // per column and row: points, by outcome class (ok, failed)
  };
  void draw_run(const Document& doc, bool tagged, ImDrawList* draw, float label_x, float x0, float x1, float top,
                const TrackHeights& tracks, double b0, double b1);
  void draw_latency(const Document& doc, ImDrawList* draw, ImVec2 min, ImVec2 max, double b0, double b1);
  static double draw_rate(const Document& doc, ImDrawList* draw, ImVec2 min, ImVec2 max, double b0, double b1);
  void handle_input(TimelineView& view, float x0, float x1, double b0, double b1);

  std::map<const Document*, Heat> heat_;
  ImVec2 min_, max_;
  bool dragging_ = false;
  float press_x_ = 0;
  double drag_t0_ = 0, drag_t1_ = 0;
};

}  // namespace buslab::viz
