#include "visualizer/document.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cmath>

namespace buslab::viz {

Document::Document(tracefile::Trace trace, std::string tag)
    : trace_(std::move(trace)),
      index_(std::make_unique<tracefile::TraceIndex>(trace_)),
      tag_(std::move(tag)),
      summary_(tracefile::summarize(trace_, *index_)),
      overview_(std::make_unique<tracefile::OverviewData>(trace_, *index_)),
      channels_(std::make_unique<tracefile::HopChannels>(trace_)),
      host_time_(trace_),
      families_(lane_families(trace_)),
      visibility_(all_visible(trace_, *index_, families_)) {
  relayout();
  kinds_present_.assign(tracefile::kHopKindCount, 0);
  std::vector<uint8_t> seen(trace_.hop_kinds.size(), 0);
  for (uint8_t k : trace_.hops.kind) seen[k] = 1;
  for (size_t k = 0; k < seen.size(); ++k)
    if (seen[k]) kinds_present_[static_cast<size_t>(trace_.kind_class(static_cast<uint8_t>(k)))] = 1;
}

void Document::relayout() {
  layout_.build(trace_, *index_, families_, visibility_, scale_);
}

void Document::set_scale(float scale) {
  if (scale == scale_) return;
  scale_ = scale;
  relayout();
}

void Document::toggle_collapsed(size_t host) {
  visibility_.host_collapsed[host] ^= 1;
  relayout();
}

void Document::toggle_family(size_t family) {
  visibility_.family_expanded[family] ^= 1;
  relayout();
}

void Document::set_collapsed_all(bool collapsed) {
  std::fill(visibility_.host_collapsed.begin(), visibility_.host_collapsed.end(), collapsed ? 1 : 0);
  relayout();
}

void Document::hide_lane(int lane) {
  set_lane_hidden(lane, true);
}
void Document::hide_host(size_t host) {
  set_host_hidden(host, true);
}

void Document::set_lane_hidden(int lane, bool hidden) {
  visibility_.lane_hidden[static_cast<size_t>(lane)] = hidden ? 1 : 0;
  relayout();
}

void Document::set_host_hidden(size_t host, bool hidden) {
  visibility_.host_hidden[host] = hidden ? 1 : 0;
  relayout();
}

void Document::show_all() {
  std::fill(visibility_.host_hidden.begin(), visibility_.host_hidden.end(), 0);
  std::fill(visibility_.lane_hidden.begin(), visibility_.lane_hidden.end(), 0);
  relayout();
}

void Document::hide_idle_lanes() {
  const auto& index = *index_;
  for (const auto& lane : trace_.lanes) {
    // Plumbing only: a server or client that did nothing is worth seeing (a new server that got no work).
    if (lane.kind == tracefile::LaneKind::Host || lane.kind == tracefile::LaneKind::Server ||
        lane.kind == tracefile::LaneKind::Client)
      continue;
    const bool idle = index.activity(lane.id, -INFINITY, INFINITY) == 0 && index.depth(lane.id).max() == 0 &&
                      index.busy(lane.id).max() == 0 && index.down(lane.id).empty();
    if (idle) visibility_.lane_hidden[static_cast<size_t>(lane.id)] = 1;
  }
  relayout();
}

size_t Document::hide_matching(const std::string& pattern) {
  size_t hidden = 0;
  for (const auto& lane : trace_.lanes) {
    if (lane.kind == tracefile::LaneKind::Host || fnmatch(pattern.c_str(), lane.name.c_str(), 0) != 0) continue;
    visibility_.lane_hidden[static_cast<size_t>(lane.id)] = 1;
    ++hidden;
  }
  relayout();
  return hidden;
}

void Document::select_call(uint64_t call) {
  path_ = call == 0 ? tracefile::CallPath{} : tracefile::trace_call(trace_, *index_, call);
  if (path_.row < 0) path_ = tracefile::CallPath{};
  tree_ = path_.call ? tracefile::call_tree(trace_, *index_, path_.call) : std::vector<tracefile::CallTreeNode>{};
  tree_calls_.clear();
  selected_hops_.clear();
  for (const auto& node : tree_) {
    tree_calls_.push_back(node.call);
    for (uint32_t hop : index_->call_hops(node.row)) selected_hops_.push_back(hop);
  }
  std::sort(tree_calls_.begin(), tree_calls_.end());
  std::sort(selected_hops_.begin(), selected_hops_.end());
}

bool Document::set_filter(const std::string& text) {
  filter_text_ = text;
  tracefile::HopFilter parsed;
  if (!parsed.parse(text, filter_error_)) return false;
  filter_ = std::move(parsed);
  filter_.bind(trace_, *index_);
  filtered_ = filter_.empty() ? std::vector<uint32_t>{} : filter_.select();
  return true;
}

size_t Document::log_row_of(size_t hop) const {
  if (!filtering()) return hop;
  return static_cast<size_t>(std::lower_bound(filtered_.begin(), filtered_.end(), static_cast<uint32_t>(hop)) -
                             filtered_.begin());
}

}  // namespace buslab::viz
