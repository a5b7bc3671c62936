#pragma once
// The timeline: the time ruler, then every open trace as a section of rows (stacked on the one time axis when two
// are compared), with the mouse controls: wheel zoom around the cursor, drag to pan, right-drag (or drag on the
// ruler) to zoom to a range, click an arrow to follow its call, click the ruler to put the playback cursor there,
// click a host header to collapse it, right-click a label to hide lanes.
#include <imgui.h>

#include <memory>
#include <vector>

#include "visualizer/arrows.hpp"
#include "visualizer/document.hpp"
#include "visualizer/log_panel.hpp"
#include "visualizer/playback.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

class Timeline {
 public:
  // Draws into the rest of the current window. logs[i] belongs to docs[i] (to scroll it to a clicked hop).
  void draw(std::vector<std::unique_ptr<Document>>& docs, TimelineView& view, Playback& playback,
            const ArrowOptions& arrows, std::vector<LogState>& logs);

  // Last frame's plot area (screen pixels) and what it drew.
  ImVec2 plot_min() const { return plot_min_; }
  ImVec2 plot_max() const { return plot_max_; }
  bool mouse_over_plot() const { return mouse_over_plot_; }
  double mouse_time() const { return mouse_time_; }
  size_t arrows_drawn() const { return drawn_; }
  // Screen y of each document's first row, last frame.
  float section_y(size_t doc) const { return doc < section_y_.size() ? section_y_[doc] : 0; }
  size_t hops_aggregated() const { return aggregated_; }

  static constexpr float kSectionHeader = 26;
  static constexpr float kSectionGap = 10;

 private:
  void handle_plot_input(std::vector<std::unique_ptr<Document>>& docs, TimelineView& view, std::vector<LogState>& logs,
                         bool hovered, bool active);

  ImVec2 plot_min_, plot_max_;
  bool mouse_over_plot_ = false;
  double mouse_time_ = 0;
  size_t drawn_ = 0, aggregated_ = 0;
  std::vector<float> section_y_;

  // Mouse gestures in progress.
  bool range_drag_ = false;
  double range_t0_ = 0, range_t1_ = 0;
  ImVec2 press_pos_;
  bool ruler_pressed_ = false;
  // The arrow under the mouse this frame: document and hop.
  int hover_doc_ = -1;
  long hover_hop_ = -1;
  // The label row the context menu was opened on.
  int menu_doc_ = -1, menu_row_ = -1;
};

}  // namespace buslab::viz
