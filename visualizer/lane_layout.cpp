#include "visualizer/lane_layout.hpp"

#include <algorithm>

#include "tracefile/lane_order.hpp"

namespace buslab::viz {

using tracefile::LaneKind;

namespace {

// Servers always carry their busy-worker graph; queues only when they ever held more than one message (reply
// queues rarely do, and a row of nothing would waste the screen).
float row_height(const tracefile::TraceIndex& index, int lane, LaneKind kind) {
  const bool graph = kind == LaneKind::Server || (kind == LaneKind::Queue && index.depth(lane).max() > 1);
  return graph ? LaneLayout::kGraphLaneHeight : LaneLayout::kLaneHeight;
}

}  // namespace

LaneVisibility all_visible(const tracefile::Trace& trace, const tracefile::TraceIndex& index) {
  LaneVisibility v;
  v.host_collapsed.assign(index.hosts().size(), 0);
  v.host_hidden.assign(index.hosts().size(), 0);
  v.lane_hidden.assign(trace.lanes.size(), 0);
  return v;
}

void LaneLayout::build(const tracefile::Trace& trace, const tracefile::TraceIndex& index,
                       const LaneVisibility& visibility, float scale) {
  scale_ = scale;
  rows_.clear();
  lanes_in_row_.clear();
  row_of_lane_.assign(trace.lanes.size(), -1);
  float y = 0;
  const auto add_row = [&](LaneRow row, std::vector<int> lanes) {
    row.height *= scale;
    row.y = y;
    y += row.height;
    for (int lane : lanes) row_of_lane_[static_cast<size_t>(lane)] = static_cast<int>(rows_.size());
    rows_.push_back(row);
    lanes_in_row_.push_back(std::move(lanes));
  };
  for (size_t host : tracefile::host_display_order(trace, index)) {
    if (visibility.host_hidden[host]) continue;
    const std::vector<int>& members = index.host_lanes(host);
    const bool has_host_lane =
        !members.empty() && trace.lanes[static_cast<size_t>(members.front())].kind == LaneKind::Host;
    LaneRow header;
    header.header = true;
    header.host = host;
    header.lane = has_host_lane ? members.front() : -1;
    header.height = kHeaderHeight;
    header.collapsed = visibility.host_collapsed[host] != 0;
    if (header.collapsed) {
      std::vector<int> folded;
      for (int lane : members)
        if (!visibility.lane_hidden[static_cast<size_t>(lane)]) folded.push_back(lane);
      header.height = kLaneHeight;
      add_row(header, folded);
      continue;
    }
    add_row(header, has_host_lane ? std::vector<int>{members.front()} : std::vector<int>{});
    for (size_t k = has_host_lane ? 1 : 0; k < members.size(); ++k) {
      const int lane = members[k];
      if (visibility.lane_hidden[static_cast<size_t>(lane)]) continue;
      LaneRow row;
      row.host = host;
      row.lane = lane;
      row.height = row_height(index, lane, trace.lanes[static_cast<size_t>(lane)].kind);
      add_row(row, {lane});
    }
  }
  height_ = y;
}

int LaneLayout::row_at(float y) const {
  const auto it = std::upper_bound(rows_.begin(), rows_.end(), y, [](float v, const LaneRow& r) { return v < r.y; });
  if (it == rows_.begin()) return -1;
  const auto row = static_cast<int>(it - rows_.begin()) - 1;
  return y < rows_[static_cast<size_t>(row)].y + rows_[static_cast<size_t>(row)].height ? row : -1;
}

}  // namespace buslab::viz
