#pragma once
// The timeline: the time ruler, then every shown trace as a section of rows (stacked on the one time axis when
// runs are compared), with the mouse controls: wheel zoom around the cursor, drag to pan, right-drag (or drag on
// the ruler) to zoom to a range, click an arrow to follow its call, click the ruler to put the playback cursor
// there, click a host header to collapse it, right-click a label to hide lanes.
#include <imgui.h>

#include <vector>

#include "visualizer/arrows.hpp"
#include "visualizer/document.hpp"
#include "visualizer/log_panel.hpp"
#include "visualizer/overview.hpp"
#include "visualizer/playback.hpp"
#include "visualizer/plot_geometry.hpp"
#include "visualizer/ruler.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

// One shown trace and its log (clicking an arrow scrolls the log to it).
struct Section {
  Document* doc = nullptr;
  LogState* log = nullptr;
};

class Timeline {
 public:
  // Draws into the rest of the current window.
  void draw(const std::vector<Section>& sections, TimelineView& view, Playback& playback, const ArrowOptions& arrows);

  // The overview tracks above the ruler (O toggles them).
  bool overview_shown() const { return overview_shown_; }
  void set_overview_shown(bool shown) { overview_shown_ = shown; }
  const Overview& overview() const { return overview_; }

  // Last frame's plot area (screen pixels) and what it drew.
  ImVec2 plot_min() const { return plot_min_; }
  // What the ruler said last frame: its caption ("view 30 s", "compute1's clock") and tick labels.
  const std::string& ruler_caption() const { return ruler_caption_; }
  const std::vector<std::string>& ruler_labels() const { return ruler_labels_; }
  ImVec2 plot_max() const { return plot_max_; }
  bool mouse_over_plot() const { return mouse_over_plot_; }
  double mouse_time() const { return mouse_time_; }
  size_t arrows_drawn() const { return drawn_; }
  size_t hops_aggregated() const { return aggregated_; }
  size_t bundles_drawn() const { return bundles_; }
  // Screen y of each section's first row, last frame (in the order of `sections`).
  float section_y(size_t section) const { return section < section_y_.size() ? section_y_[section] : 0; }

 private:
  void note_clock_lane(size_t section, int lane);
  void ruler_clock(const std::vector<Section>& sections, RulerMarks& marks) const;
  void draw_ruler_strip(const std::vector<Section>& sections, TimelineView& view, Playback& playback, ImVec2 origin,
                        float full_width);
  void draw_sections(const std::vector<Section>& sections, const TimelineView& view, const Playback& playback,
                     const ArrowOptions& arrows);
  void draw_overlays(const TimelineView& view, const Playback& playback);
  void show_tooltips(const std::vector<Section>& sections);
  void lane_menu(const std::vector<Section>& sections);
  void handle_plot_input(const std::vector<Section>& sections, TimelineView& view);

  Overview overview_;
  bool overview_shown_ = true;

  // This frame's geometry; whether its axis is logical steps.
  bool logical_ = false;
  float x0_ = 0, x1_ = 0;
  float clip_top_ = 0, clip_bottom_ = 0;
  bool hovered_ = false, active_ = false, in_plot_ = false, in_labels_ = false;
  std::vector<PlotGeometry> geometry_;

  ImVec2 plot_min_, plot_max_;
  bool mouse_over_plot_ = false;
  double mouse_time_ = 0;
  size_t drawn_ = 0, aggregated_ = 0, bundles_ = 0;
  std::vector<float> section_y_;

  // Mouse gestures in progress.
  bool range_drag_ = false;
  double range_t0_ = 0, range_t1_ = 0;
  ImVec2 press_pos_;
  bool ruler_pressed_ = false;
  // The arrow under the mouse this frame: section and hop.
  int hover_section_ = -1;
  long hover_hop_ = -1;
  bool hover_bundle_ = false;
  HoveredBundle bundle_;
  // The label row under the mouse this frame, and the one the context menu was opened on.
  int label_section_ = -1, label_row_ = -1;
  // The lane under the mouse last frame (section, lane; -1: none): in host-clock time the ruler reads its host's
  // clock when that one is skewed.
  int clock_section_ = -1, clock_lane_ = -1;
  std::string ruler_caption_;
  std::vector<std::string> ruler_labels_;
  int menu_section_ = -1, menu_row_ = -1;
};

}  // namespace buslab::viz
