#pragma once
// buslab-viz's window content: the toolbar, the timeline of the shown traces (several stacked on one time axis to
// compare runs), the side panel (runs, summaries, legend, selected call, lanes) and the message log, plus the
// keyboard. Any number of traces can be open; the user picks which are shown.
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "visualizer/arrows.hpp"
#include "visualizer/document.hpp"
#include "visualizer/log_panel.hpp"
#include "visualizer/playback.hpp"
#include "visualizer/timeline.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

class App {
 public:
  // shown[i]: whether docs[i] is on the timeline at first (empty: all).
  App(std::vector<std::unique_ptr<Document>> docs, std::vector<uint8_t> shown = {});

  // Builds one frame of UI (between ImGui::NewFrame and ImGui::Render). wall_seconds: since the last frame.
  void frame(double wall_seconds);
  // Whether the next frames change on their own (playback, keys held): the window then does not wait for input.
  bool animating() const;

  // Selects a call of a document, scrolls its log to the call's first hop and returns false for an unknown call.
  bool select_call(size_t doc, uint64_t call);

  TimelineView& view() { return view_; }
  Playback& playback() { return playback_; }
  Document& document(size_t i) { return *docs_[i]; }
  size_t documents() const { return docs_.size(); }
  bool shown(size_t doc) const { return shown_[doc] != 0; }
  void set_shown(size_t doc, bool shown) { shown_[doc] = shown ? 1 : 0; }
  // The position of a shown document among the timeline's sections, or -1.
  int section_of(size_t doc) const;
  const Timeline& timeline() const { return timeline_; }
  Timeline& timeline() { return timeline_; }
  // The logical view (L): the hops of the current view in happened-before order, evenly spaced; back to real time,
  // the view it came from. Refused, with a notice, when the view holds more than kMaxLogicalHops hops.
  bool toggle_logical();
  bool logical() const { return logical_; }
  // Times as true simulated time or as each host's clock reads them (T); a no-op without skewed clocks.
  void set_host_time(bool on);
  bool host_time() const { return host_time_; }
  bool host_clocks_available() const;
  const std::string& notice() const { return notice_; }
  // The message log and the side panel (P toggles both, for a projector).
  bool panels() const { return panels_; }
  void set_panels(bool shown) { panels_ = shown; }
  // The message log alone (the side panel stays): for a screenshot of the summaries.
  void set_log_shown(bool shown) { log_shown_ = shown; }
  // Where the side panel (legend included) was drawn last frame; empty when hidden.
  ImVec2 side_min() const { return side_min_; }
  ImVec2 side_max() const { return side_max_; }

 private:
  std::vector<Section> sections();
  void handle_keys(double wall_seconds);
  void step(bool forward);
  void draw_side_panel(const std::vector<Section>& sections);
  void draw_run_picker();
  void draw_logs(const std::vector<Section>& sections);

  std::vector<std::unique_ptr<Document>> docs_;
  std::vector<uint8_t> shown_;
  std::vector<LogState> logs_;
  TimelineView view_;
  Playback playback_;
  Timeline timeline_;
  ArrowOptions arrow_options_;
  bool panels_ = true;
  bool log_shown_ = true;
  bool logical_ = false;
  bool host_time_ = false;
  double real_t0_ = 0, real_t1_ = 0;  // the real-time view the logical one came from
  std::string notice_;                // what the last refused action says
  float log_height_ = 0;              // 0: a quarter of the window
  ImVec2 side_min_, side_max_;
  bool keys_held_ = false;
};

}  // namespace buslab::viz
