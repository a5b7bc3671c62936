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

// Per lane, the open stretch of each out-of-service state (down, hung, disconnected, blocked) until it closes into
// a DownInterval.
class OutOfService {
 public:
  enum State { kDown, kHung, kDisconnected, kBlocked, kStates };

  OutOfService(size_t lanes, std::vector<std::vector<DownInterval>>& down)
      : since_(lanes), reason_(lanes), down_(down) {
    for (auto& a : since_) a.fill(NAN);
  }
  // A state already open stays as it was opened (a host down under a down process is one interval).
  void open(size_t lane, State state, double t, const char* why) {
    if (!std::isnan(since_[lane][state])) return;
    since_[lane][state] = t;
    reason_[lane][state] = why;
  }
  void close(size_t lane, State state, double t) {
    if (std::isnan(since_[lane][state])) return;
    down_[lane].push_back(DownInterval{since_[lane][state], t, reason_[lane][state], state == kDown});
    since_[lane][state] = NAN;
  }
  // Closes what is still open at the end of the trace (t1 = +inf), and sorts each lane's intervals by start.
  void finish() {
    for (size_t l = 0; l < since_.size(); ++l) {
      for (int state = 0; state < kStates; ++state) close(l, static_cast<State>(state), INFINITY);
      std::sort(down_[l].begin(), down_[l].end(),
                [](const DownInterval& a, const DownInterval& b) { return a.t0 < b.t0; });
    }
  }

 private:
  std::vector<std::array<double, kStates>> since_;
  std::vector<std::array<const char*, kStates>> reason_;
  std::vector<std::vector<DownInterval>>& down_;
};

}  // namespace

TraceIndex::TraceIndex(const Trace& trace) : trace_(trace) {
  index_flights();
  index_calls();
  index_activity();
  index_events();
  index_hosts();
}

void TraceIndex::index_flights() {
  // Flight lengths: most are network latencies; a few (a cut link, a long transfer) are long.
  const Hops& h = trace_.hops;
  std::vector<double> flights(h.size());
  for (size_t i = 0; i < h.size(); ++i) flights[i] = h.arrived(i) ? h.t_recv[i] - h.t_send[i] : 0.0;
  if (flights.empty()) return;
  std::vector<double> sorted = flights;
  const auto k = static_cast<size_t>(kShortQuantile * static_cast<double>(sorted.size() - 1));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
  short_span_ = sorted[k];
  for (size_t i = 0; i < h.size(); ++i)
    if (flights[i] > short_span_) long_hops_.push_back(static_cast<uint32_t>(i));
}

void TraceIndex::index_calls() {
  const Hops& h = trace_.hops;
  std::vector<long> row_of(h.size());
  for (size_t i = 0; i < h.size(); ++i) row_of[i] = h.call[i] ? call_row(h.call[i]) : -1;
  build_csr(trace_.calls.size(), row_of, call_hop_offsets_, call_hop_list_);
  row_of.assign(trace_.events.size(), -1);
  for (size_t i = 0; i < trace_.events.size(); ++i)
    if (trace_.events.call[i]) row_of[i] = call_row(trace_.events.call[i]);
  build_csr(trace_.calls.size(), row_of, call_event_offsets_, call_event_list_);
}

void TraceIndex::index_activity() {
  const Hops& h = trace_.hops;
  const size_t lanes = trace_.lanes.size();
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
}

void TraceIndex::index_events() {
  // Levels, out-of-service intervals, faults, timeouts and losses.
  const size_t lanes = trace_.lanes.size();
  depth_.assign(lanes, LevelSeries());
  busy_.assign(lanes, LevelSeries());
  backlog_.assign(lanes, LevelSeries());
  down_.resize(lanes);
  OutOfService out(lanes, down_);
  using S = OutOfService;
  const Events& e = trace_.events;
  for (size_t i = 0; i < e.size(); ++i) {
    const auto lane = static_cast<size_t>(e.lane[i]);
    const double t = e.t[i];
    const EventType type = trace_.event_type(i);
    switch (type) {
      case EventType::Depth:
        depth_[lane].add(t, e.value[i]);
        break;
      case EventType::Busy:
        busy_[lane].add(t, e.value[i]);
        break;
      case EventType::Backlog:
        backlog_[lane].add(t, e.value[i]);
        break;
      case EventType::Down:
        out.close(lane, S::kHung, t);  // a hung process that dies is down, not hung
        out.open(lane, S::kDown, t, "down");
        break;
      case EventType::HostDown:
        out.open(lane, S::kDown, t, "host down");
        break;
      case EventType::LinkDown:
        out.open(lane, S::kDown, t, "link down");
        break;
      case EventType::Up:
      case EventType::HostUp:
      case EventType::LinkUp:
        out.close(lane, S::kDown, t);
        break;
      case EventType::Hang:
        out.open(lane, S::kHung, t, "hung");
        break;
      case EventType::Resume:
        out.close(lane, S::kHung, t);
        break;
      case EventType::Disconnected:
        out.open(lane, S::kDisconnected, t, "disconnected");
        break;
      case EventType::Connected:
        out.close(lane, S::kDisconnected, t);
        break;
      case EventType::Blocked:
        out.open(lane, S::kBlocked, t, "publishers blocked");
        break;
      case EventType::Unblocked:
        out.close(lane, S::kBlocked, t);
        break;
      case EventType::Timeout:
        timeouts_.push_back(static_cast<uint32_t>(i));
        break;
      case EventType::Lost:
        losses_.push_back(static_cast<uint32_t>(i));
        break;
      case EventType::Report:
        reports_.push_back(static_cast<uint32_t>(i));
        break;
      default:
        break;
    }
    if (is_fault(type)) faults_.push_back(static_cast<uint32_t>(i));
  }
  out.finish();
  for (size_t l = 0; l < lanes; ++l) {
    depth_[l].finish();
    busy_[l].finish();
    backlog_[l].finish();
  }
}

void TraceIndex::index_hosts() {
  const size_t lanes = trace_.lanes.size();
  std::unordered_map<std::string, size_t> host_index;
  lane_host_.assign(lanes, -1);
  for (const Lane& lane : trace_.lanes) {
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
