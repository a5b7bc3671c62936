#include "tracefile/logical_order.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace buslab::tracefile {

namespace {

// One event on a lane: a send, an arrival, or a fault. At equal times, earlier hops first (a hop forwarded at the
// instant another arrived comes after it in the file), and a hop's send before its arrival.
struct Entry {
  double t;
  uint32_t order;  // hop index, or past every hop for a fault
  uint8_t what;    // 0 send, 1 arrival, 2 event
  uint32_t index;  // into LogicalOrder::hops or ::events
  int32_t lane;
};

}  // namespace

LogicalOrder logical_order(const Trace& trace, double t0, double t1) {
  LogicalOrder out;
  out.t0 = t0;
  out.t1 = t1;
  const Hops& h = trace.hops;
  std::vector<Entry> entries;
  const auto first = std::lower_bound(h.t_send.begin(), h.t_send.end(), t0) - h.t_send.begin();
  const auto last = std::upper_bound(h.t_send.begin(), h.t_send.end(), t1) - h.t_send.begin();
  for (auto i = static_cast<size_t>(first); i < static_cast<size_t>(last); ++i) {
    const auto k = static_cast<uint32_t>(out.hops.size());
    out.hops.push_back(LogicalHop{static_cast<uint32_t>(i), 0, 0});
    entries.push_back(Entry{h.t_send[i], static_cast<uint32_t>(i), 0, k, h.from[i]});
    if (h.arrived(i)) entries.push_back(Entry{h.t_recv[i], static_cast<uint32_t>(i), 1, k, h.to[i]});
  }
  const Events& e = trace.events;
  for (size_t i = 0; i < e.size(); ++i) {
    const EventType type = trace.event_type(i);
    if (e.t[i] < t0 || e.t[i] > t1 || (!is_fault(type) && type != EventType::Timeout)) continue;
    const auto k = static_cast<uint32_t>(out.events.size());
    out.events.push_back(LogicalEvent{static_cast<uint32_t>(i), 0});
    entries.push_back(Entry{e.t[i], std::numeric_limits<uint32_t>::max(), 2, k, e.lane[i]});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.t, a.order, a.what) < std::tie(b.t, b.order, b.what);
  });
  // Lamport clocks per lane; then the values used are renumbered 1, 2, 3, ... so that steps are evenly spaced.
  std::vector<uint32_t> clock(trace.lanes.size(), 0);
  std::vector<uint32_t> stamp(entries.size());
  for (size_t n = 0; n < entries.size(); ++n) {
    const Entry& x = entries[n];
    uint32_t& lane = clock[static_cast<size_t>(x.lane)];
    uint32_t step = lane + 1;
    if (x.what == 1) step = std::max(step, out.hops[x.index].send_step + 1);
    lane = step;
    stamp[n] = step;
    if (x.what == 0) out.hops[x.index].send_step = step;
    if (x.what == 1) out.hops[x.index].recv_step = step;
    if (x.what == 2) out.events[x.index].step = step;
  }
  std::vector<uint32_t> used(stamp.begin(), stamp.end());
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  const auto rank = [&](uint32_t v) {
    return v == 0 ? 0u : static_cast<uint32_t>(std::lower_bound(used.begin(), used.end(), v) - used.begin()) + 1;
  };
  for (LogicalHop& hop : out.hops) {
    hop.send_step = rank(hop.send_step);
    hop.recv_step = rank(hop.recv_step);
  }
  for (LogicalEvent& ev : out.events) ev.step = rank(ev.step);
  out.steps = static_cast<uint32_t>(used.size());
  return out;
}

}  // namespace buslab::tracefile
