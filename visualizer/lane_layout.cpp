#include "visualizer/lane_layout.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "tracefile/lane_order.hpp"
#include "tracefile/run_summary.hpp"

namespace buslab::viz {

using tracefile::LaneKind;

namespace {

// Servers always carry their busy-worker graph (and what waited for a worker); queues only when they ever held
// more than one message (reply queues rarely do, and a row of nothing would waste the screen).
float row_height(const tracefile::TraceIndex& index, int lane, LaneKind kind) {
  const bool graph = kind == LaneKind::Server || (kind == LaneKind::Queue && index.depth(lane).max() > 1);
  return graph ? LaneLayout::kGraphLaneHeight : LaneLayout::kLaneHeight;
}

}  // namespace

LaneFamilies lane_families(const tracefile::Trace& trace) {
  LaneFamilies f;
  f.of_lane.assign(trace.lanes.size(), -1);
  // By stem, across hosts: sixteen clients spread over four machines are one family (its row stands where its
  // first lane would; a host left with no other lane has no header).
  std::map<std::pair<int, std::string>, std::vector<int>> by_name;  // (kind, stem) -> lanes
  for (const auto& lane : trace.lanes) {
    if (lane.kind != LaneKind::Client && lane.kind != LaneKind::Queue) continue;
    const std::string stem = tracefile::group_of(lane.name);
    if (stem == lane.name) continue;  // not "<name>-<n>"
    by_name[{static_cast<int>(lane.kind), stem}].push_back(lane.id);
  }
  for (auto& [key, lanes] : by_name) {
    if (lanes.size() < 2) continue;
    for (int lane : lanes) f.of_lane[static_cast<size_t>(lane)] = static_cast<int>(f.names.size());
    f.names.push_back(key.second + "-*");
    f.lanes.push_back(std::move(lanes));
  }
  return f;
}

LaneVisibility all_visible(const tracefile::Trace& trace, const tracefile::TraceIndex& index,
                           const LaneFamilies& families) {
  LaneVisibility v;
  v.host_collapsed.assign(index.hosts().size(), 0);
  v.host_hidden.assign(index.hosts().size(), 0);
  v.lane_hidden.assign(trace.lanes.size(), 0);
  v.family_expanded.assign(families.names.size(), 0);
  for (size_t f = 0; f < families.names.size(); ++f)
    v.family_expanded[f] = families.lanes[f].size() < LaneFamilies::kFoldFrom ? 1 : 0;
  return v;
}

void LaneLayout::build(const tracefile::Trace& trace, const tracefile::TraceIndex& index, const LaneFamilies& families,
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
  std::vector<uint8_t> family_done(families.names.size(), 0);  // a family's one row is placed (across hosts)
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
    // The host's rows: its lanes, a folded family as one row where its first shown lane would be.
    std::vector<std::pair<LaneRow, std::vector<int>>> own;
    for (size_t k = has_host_lane ? 1 : 0; k < members.size(); ++k) {
      const int lane = members[k];
      if (visibility.lane_hidden[static_cast<size_t>(lane)]) continue;
      LaneRow row;
      row.host = host;
      row.lane = lane;
      const int family = families.of_lane[static_cast<size_t>(lane)];
      if (family >= 0 && !visibility.family_expanded[static_cast<size_t>(family)]) {
        if (family_done[static_cast<size_t>(family)]++) continue;
        std::vector<int> folded;
        for (int member : families.lanes[static_cast<size_t>(family)])
          if (!visibility.lane_hidden[static_cast<size_t>(member)]) folded.push_back(member);
        row.family = family;
        row.height = kLaneHeight;
        own.emplace_back(row, std::move(folded));
        continue;
      }
      row.height = row_height(index, lane, trace.lanes[static_cast<size_t>(lane)].kind);
      own.emplace_back(row, std::vector<int>{lane});
    }
    if (own.empty()) continue;  // every lane of it hidden: no header for nothing
    if (own.size() == 1) {
      // A host with one row (a server on its own machine, a family of clients): no header; the host's own
      // events (down, up) go to that row.
      own[0].first.host_inline = true;
      if (has_host_lane) own[0].second.push_back(members.front());
      add_row(own[0].first, own[0].second);
      continue;
    }
    add_row(header, has_host_lane ? std::vector<int>{members.front()} : std::vector<int>{});
    for (auto& [row, lanes] : own) add_row(row, lanes);
  }
  height_ = y;
}

int LaneLayout::row_at(float y) const {
  const auto it = std::upper_bound(rows_.begin(), rows_.end(), y, [](float v, const LaneRow& r) { return v < r.y; });
  if (it == rows_.begin()) return -1;
  const auto row = static_cast<int>(it - rows_.begin()) - 1;
  return y < rows_[static_cast<size_t>(row)].y + rows_[static_cast<size_t>(row)].height ? row : -1;
}

std::string busy_scale_text(double busy_max, int workers) {
  if (tracefile::unbounded_workers(workers)) return fmt::format("busy max {:g}, no bound", busy_max);
  return fmt::format("busy max {:g}/{}", busy_max, workers);
}

}  // namespace buslab::viz
