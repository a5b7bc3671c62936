#include "tracefile/lane_order.hpp"

#include <algorithm>
#include <numeric>

namespace buslab::tracefile {

namespace {

int role_rank(LaneKind kind) {
  switch (kind) {
    case LaneKind::Client:
      return 0;
    case LaneKind::Broker:
    case LaneKind::Exchange:
    case LaneKind::Queue:
      return 1;
    case LaneKind::Server:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

std::vector<size_t> host_display_order(const Trace& trace, const TraceIndex& index) {
  const size_t hosts = index.hosts().size();
  std::vector<int> rank(hosts, 3);
  for (size_t h = 0; h < hosts; ++h)
    for (int lane : index.host_lanes(h))
      rank[h] = std::min(rank[h], role_rank(trace.lanes[static_cast<size_t>(lane)].kind));
  std::vector<size_t> order(hosts);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank[a] < rank[b]; });
  return order;
}

std::vector<int> lane_display_order(const Trace& trace, const TraceIndex& index) {
  std::vector<int> lanes;
  for (size_t h : host_display_order(trace, index))
    for (int lane : index.host_lanes(h)) lanes.push_back(lane);
  return lanes;
}

}  // namespace buslab::tracefile
