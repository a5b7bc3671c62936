#include "tracefile/trace_index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace buslab::tracefile {

namespace {

// Hops longer than this share of all flights go to the long list; the rest bound how far back a view looks.
constexpr double kShortQuantile = 0.999;

// Builds a compressed-sparse-row table: for each row, the items that name it, in item order.
void build_csr(size_t rows, const std::vector<long>& row_of_item, std::vector<uint32_t>& offsets,
               std::vector<uint32_t>& items) {
  offsets.assign(rows + 1, 0);
  for (long r : row_of_item)
    if (r >= 0) ++offsets[static_cast<size_t>(r) + 1];
  for (size_t r = 0; r < rows; ++r) offsets[r + 1] += offsets[r];
  items.assign(offsets[rows], 0);
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (size_t i = 0; i < row_of_item.size(); ++i)
    if (row_of_item[i] >= 0) items[fill[static_cast<size_t>(row_of_item[i])]++] = static_cast<uint32_t>(i);
}

}  // namespace

TraceIndex::TraceIndex(const Trace& trace) : trace_(trace) {
  const Hops& h = trace.hops;
  const size_t lanes = trace.lanes.size();

  // Flight lengths: most are network latencies; a few (a cut link, a long transfer) are long.
  std::vector<double> flights(h.size());
  for (size_t i = 0; i < h.size(); ++i) flights[i] = h.arrived(i) ? h.t_recv[i] - h.t_send[i] : 0.0;
  if (!flights.empty()) {
    std::vector<double> sorted = flights;
    const auto k = static_cast<size_t>(kShortQuantile * static_cast<double>(sorted.size() - 1));
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
    short_span_ = sorted[k];
    for (size_t i = 0; i < h.size(); ++i)
      if (flights[i] > short_span_) long_hops_.push_back(static_cast<uint32_t>(i));
  }

  // Per call.
  std::vector<long> row_of(h.size());
  for (size_t i = 0; i < h.size(); ++i) row_of[i] = h.call[i] ? call_row(h.call[i]) : -1;
  build_csr(trace.calls.size(), row_of, call_hop_offsets_, call_hop_list_);
  row_of.assign(trace.events.size(), -1);
  for (size_t i = 0; i < trace.events.size(); ++i)
    if (trace.events.call[i]) row_of[i] = call_row(trace.events.call[i]);
  build_csr(trace.calls.size(), row_of, call_event_offsets_, call_event_list_);

  // Per lane activity.
  activity_.resize(lanes);
  std::vector<size_t> counts(lanes, 0);
  for (size_t i = 0; i < h.size(); ++i) {
    ++counts[static_cast<size_t>(h.from[i])];
    if (h.arrived(i)) ++counts[static_cast<size_t>(h.to[i])];
  }
  for (size_t l = 0; l < lanes; ++l) activity_[l].reserve(counts[l]);
  for (size_t i = 0; i < h.size(); ++i) {
    activity_[static_cast<size_t>(h.from[i])].push_back(h.t_send[i]);
    if (h.arrived(i)) activity_[static_cast<size_t>(h.to[i])].push_back(h.t_recv[i]);
  }
  for (auto& a : activity_) std::sort(a.begin(), a.end());

  // Levels, down intervals, faults.
  depth_.assign(lanes, LevelSeries());
  busy_.assign(lanes, LevelSeries());
  backlog_.assign(lanes, LevelSeries());
  down_.resize(lanes);
  // Per lane, one open interval per state: down, hung, disconnected, blocked.
  enum State { kDown, kHung, kDisconnected, kBlocked, kStates };
  std::vector<std::array<double, kStates>> since(lanes);
  std::vector<std::array<const char*, kStates>> reason(lanes);
  for (auto& a : since) a.fill(NAN);
  const Events& e = trace.events;
  const auto open = [&](size_t lane, State state, double t, const char* why) {
    if (!std::isnan(since[lane][state])) return;
    since[lane][state] = t;
    reason[lane][state] = why;
  };
  const auto close = [&](size_t lane, State state, double t) {
    if (std::isnan(since[lane][state])) return;
    down_[lane].push_back(DownInterval{since[lane][state], t, reason[lane][state], state == kDown});
    since[lane][state] = NAN;
  };
  for (size_t i = 0; i < e.size(); ++i) {
    const auto lane = static_cast<size_t>(e.lane[i]);
    const EventType type = trace.event_type(i);
    switch (type) {
      case EventType::Depth:
        depth_[lane].add(e.t[i], e.value[i]);
        break;
      case EventType::Busy:
        busy_[lane].add(e.t[i], e.value[i]);
        break;
      case EventType::Backlog:
        backlog_[lane].add(e.t[i], e.value[i]);
        break;
      case EventType::Down:
        close(lane, kHung, e.t[i]);  // a hung process that dies is down, not hung
        open(lane, kDown, e.t[i], "down");
        break;
      case EventType::HostDown:
        open(lane, kDown, e.t[i], "host down");
        break;
      case EventType::LinkDown:
        open(lane, kDown, e.t[i], "link down");
        break;
      case EventType::Up:
      case EventType::HostUp:
      case EventType::LinkUp:
        close(lane, kDown, e.t[i]);
        break;
      case EventType::Hang:
        open(lane, kHung, e.t[i], "hung");
        break;
      case EventType::Resume:
        close(lane, kHung, e.t[i]);
        break;
      case EventType::Disconnected:
        open(lane, kDisconnected, e.t[i], "disconnected");
        break;
      case EventType::Connected:
        close(lane, kDisconnected, e.t[i]);
        break;
      case EventType::Blocked:
        open(lane, kBlocked, e.t[i], "publishers blocked");
        break;
      case EventType::Unblocked:
        close(lane, kBlocked, e.t[i]);
        break;
      case EventType::Timeout:
        timeouts_.push_back(static_cast<uint32_t>(i));
        break;
      case EventType::Lost:
        losses_.push_back(static_cast<uint32_t>(i));
        break;
      default:
        break;
    }
    if (is_fault(type)) faults_.push_back(static_cast<uint32_t>(i));
  }
  for (size_t l = 0; l < lanes; ++l) {
    for (int state = 0; state < kStates; ++state) close(l, static_cast<State>(state), INFINITY);
    std::sort(down_[l].begin(), down_[l].end(),
              [](const DownInterval& a, const DownInterval& b) { return a.t0 < b.t0; });
    depth_[l].finish();
    busy_[l].finish();
    backlog_[l].finish();
  }

  // Hosts.
  std::unordered_map<std::string, size_t> host_index;
  lane_host_.assign(lanes, -1);
  for (const Lane& lane : trace.lanes) {
    auto [it, added] = host_index.emplace(lane.host, hosts_.size());
    if (added) {
      hosts_.push_back(lane.host);
      host_lanes_.emplace_back();
    }
    auto& members = host_lanes_[it->second];
    if (lane.kind == LaneKind::Host)
      members.insert(members.begin(), lane.id);
    else
      members.push_back(lane.id);
    lane_host_[static_cast<size_t>(lane.id)] = static_cast<long>(it->second);
  }
}

std::pair<size_t, size_t> TraceIndex::hop_range(double t0, double t1) const {
  const auto& ts = trace_.hops.t_send;
  const auto first = std::lower_bound(ts.begin(), ts.end(), t0 - short_span_);
  const auto last = std::upper_bound(first, ts.end(), t1);
  return {static_cast<size_t>(first - ts.begin()), static_cast<size_t>(last - ts.begin())};
}

std::pair<size_t, size_t> TraceIndex::sends_in(double t0, double t1) const {
  const auto& ts = trace_.hops.t_send;
  const auto first = std::lower_bound(ts.begin(), ts.end(), t0);
  const auto last = std::lower_bound(first, ts.end(), t1);
  return {static_cast<size_t>(first - ts.begin()), static_cast<size_t>(last - ts.begin())};
}

long TraceIndex::call_row(uint64_t call) const {
  const auto& ids = trace_.calls.call;
  const auto it = std::lower_bound(ids.begin(), ids.end(), call);
  return it != ids.end() && *it == call ? static_cast<long>(it - ids.begin()) : -1;
}

Span<uint32_t> TraceIndex::call_hops(size_t row) const {
  const uint32_t* base = call_hop_list_.data();
  return {base + call_hop_offsets_[row], base + call_hop_offsets_[row + 1]};
}

Span<uint32_t> TraceIndex::call_events(size_t row) const {
  const uint32_t* base = call_event_list_.data();
  return {base + call_event_offsets_[row], base + call_event_offsets_[row + 1]};
}

size_t TraceIndex::activity(int lane, double t0, double t1) const {
  const auto& a = activity_[static_cast<size_t>(lane)];
  const auto first = std::lower_bound(a.begin(), a.end(), t0);
  return static_cast<size_t>(std::lower_bound(first, a.end(), t1) - first);
}

}  // namespace buslab::tracefile
