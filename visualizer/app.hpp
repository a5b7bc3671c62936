#pragma once
// buslab-viz's window content: the toolbar, the timeline of every open trace (two stacked on one time axis to
// compare runs), the side panel (runs, legend, selected call, lanes) and the message log, plus the keyboard.
#include <imgui.h>

#include <memory>
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
  explicit App(std::vector<std::unique_ptr<Document>> docs);

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
  const Timeline& timeline() const { return timeline_; }
  // Where the side panel (legend included) was drawn last frame.
  ImVec2 side_min() const { return side_min_; }
  ImVec2 side_max() const { return side_max_; }

 private:
  void handle_keys(double wall_seconds);
  void step(bool forward);
  void draw_side_panel();

  std::vector<std::unique_ptr<Document>> docs_;
  std::vector<LogState> logs_;
  TimelineView view_;
  Playback playback_;
  Timeline timeline_;
  ArrowOptions arrow_options_;
  float log_height_ = 0;  // 0: a third of the window
  ImVec2 side_min_, side_max_;
  bool keys_held_ = false;
};

}  // namespace buslab::viz
