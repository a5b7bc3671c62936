#pragma once
// One trace on screen and what the user did with it: which hosts are collapsed or lanes hidden, which call is
// selected (and its path), the log filter and the hops it keeps. Plain state; the panels draw it.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tracefile/call_path.hpp"
#include "tracefile/call_tree.hpp"
#include "tracefile/hop_channels.hpp"
#include "tracefile/hop_filter.hpp"
#include "tracefile/host_time.hpp"
#include "tracefile/logical_order.hpp"
#include "tracefile/overview_data.hpp"
#include "tracefile/run_summary.hpp"
#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"
#include "visualizer/lane_layout.hpp"

namespace buslab::viz {

class Document {
 public:
  // `tag` names it on screen when two traces are compared ("A", "B").
  Document(tracefile::Trace trace, std::string tag);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const tracefile::Trace& trace() const { return trace_; }
  const tracefile::TraceIndex& index() const { return *index_; }
  const std::string& tag() const { return tag_; }
  // What the run did, in the terms of the `buslab run` table.
  const tracefile::RunSummary& summary() const { return summary_; }
  // What the overview tracks draw: latencies by outcome, work done and errors over time.
  const tracefile::OverviewData& overview() const { return *overview_; }
  // The logical view's order of the stretch it shows (null in real time).
  const tracefile::LogicalOrder* logical() const { return logical_.get(); }
  void set_logical(std::unique_ptr<tracefile::LogicalOrder> order) { logical_ = std::move(order); }
  // Hops by sender, receiver and kind, for the bundled arrows of a zoomed-out view.
  const tracefile::HopChannels& channels() const { return *channels_; }
  // Times shown as true simulated time or as each lane's host clock reads them (issue 13; the toolbar's switch).
  const tracefile::HostTime& host_time() const { return host_time_; }
  tracefile::TimeBase time_base() const { return time_base_; }
  void set_time_base(tracefile::TimeBase base) { time_base_ = base; }
  // An instant on `lane` in the current time base ("12.5 s", "52.5 s by api's clock").
  std::string instant(int lane, double t, double resolution = 0) const {
    return host_time_.instant(time_base_, lane, t, resolution);
  }
  // Whether any hop is of this kind (for the legend).
  bool kind_present(tracefile::HopKind kind) const { return kinds_present_[static_cast<size_t>(kind)] != 0; }

  // Lanes.
  const LaneLayout& layout() const { return layout_; }
  // Row heights grow with the font (visualizer/ui_scale.hpp): the layout is rebuilt when the scale changes.
  void set_scale(float scale);
  const LaneVisibility& visibility() const { return visibility_; }
  void toggle_collapsed(size_t host);
  // Lanes named alike ("api-1" .. "api-16") folded into one row, or shown one by one.
  const LaneFamilies& families() const { return families_; }
  void toggle_family(size_t family);
  void set_collapsed_all(bool collapsed);
  void hide_lane(int lane);
  void hide_host(size_t host);
  void show_all();
  // Hides queues, exchanges and brokers nothing happens on (no hop, no level change, never down), e.g. unused
  // per-server queues; servers and clients stay, even idle.
  void hide_idle_lanes();
  // Hides the lanes whose name matches a shell pattern ("rabbit/x/*"); returns how many it hid.
  size_t hide_matching(const std::string& pattern);
  void set_lane_hidden(int lane, bool hidden);
  void set_host_hidden(size_t host, bool hidden);

  // Selection: a call and its path, or none (call 0).
  // Selecting a call selects its tree (tracefile/call_tree.hpp): the call whose path the side panel breaks down,
  // and every call of the tree, whose hops the chart draws on top. Without call lineage in the trace, the tree is
  // the call alone.
  void select_call(uint64_t call);
  uint64_t selected_call() const { return path_.call; }
  const tracefile::CallPath& path() const { return path_; }
  const std::vector<tracefile::CallTreeNode>& tree() const { return tree_; }
  bool in_selected_call(size_t hop) const {
    return path_.call != 0 && std::binary_search(tree_calls_.begin(), tree_calls_.end(), trace_.hops.call[hop]);
  }
  // The hops of every call of the selected tree, by time.
  const std::vector<uint32_t>& selected_hops() const { return selected_hops_; }

  // The hop under the mouse in the chart or the log (-1: none); the chart and the log both highlight it. Panels
  // write hover_next while drawing; the app moves it to hovered_hop at the start of the next frame.
  long hovered_hop = -1;
  long hover_next = -1;

  // The log filter; an error leaves the previous filter in place.
  bool set_filter(const std::string& text);
  const std::string& filter_text() const { return filter_text_; }
  const std::string& filter_error() const { return filter_error_; }
  bool filtering() const { return !filter_.empty(); }
  bool matches(size_t hop) const { return filter_.matches(hop); }
  // Hops the log lists: every hop, or the filtered ones, in time order.
  size_t log_size() const { return filtering() ? filtered_.size() : trace_.hops.size(); }
  uint32_t log_hop(size_t row) const { return filtering() ? filtered_[row] : static_cast<uint32_t>(row); }
  // The log row of a hop, or the row of the first hop after it when the filter leaves it out.
  size_t log_row_of(size_t hop) const;

 private:
  void relayout();

  tracefile::Trace trace_;
  std::unique_ptr<tracefile::TraceIndex> index_;
  std::string tag_;
  tracefile::RunSummary summary_;
  std::unique_ptr<tracefile::OverviewData> overview_;
  std::unique_ptr<tracefile::HopChannels> channels_;
  std::unique_ptr<tracefile::LogicalOrder> logical_;
  tracefile::HostTime host_time_;
  tracefile::TimeBase time_base_ = tracefile::TimeBase::True;
  std::vector<uint8_t> kinds_present_;
  LaneFamilies families_;
  LaneVisibility visibility_;
  LaneLayout layout_;
  float scale_ = 1;
  tracefile::CallPath path_;
  std::vector<tracefile::CallTreeNode> tree_;
  std::vector<uint64_t> tree_calls_;  // sorted
  std::vector<uint32_t> selected_hops_;
  std::string filter_text_, filter_error_;
  tracefile::HopFilter filter_;
  std::vector<uint32_t> filtered_;
};

}  // namespace buslab::viz
