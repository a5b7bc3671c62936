#pragma once
// Indices over a Trace that let a view touch only what it shows: hops by time (with the few long ones kept
// apart), hops and events per call, per-lane activity for density bands, and per-lane levels (queue depth, busy
// workers, up/down) as LevelSeries.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tracefile/level_series.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

// A stretch of time a lane is out of service: down (process killed, host down, link cut) or, softer, hung,
// disconnected from its broker, or (a broker) blocking publishers.
struct DownInterval {
  double t0 = 0;
  double t1 = 0;  // +inf: still so when the trace ends
  std::string reason;
  bool hard = true;  // down; false: hung, disconnected, blocked
};

template <typename T>
struct Span {
  const T* first = nullptr;
  const T* last = nullptr;
  const T* begin() const { return first; }
  const T* end() const { return last; }
  size_t size() const { return static_cast<size_t>(last - first); }
  bool empty() const { return first == last; }
};

class TraceIndex {
 public:
  explicit TraceIndex(const Trace& trace);

  // Hops whose flight [t_send, t_recv] may overlap [t0, t1]: the hop-order range [first, last) (check each one's
  // times; all hops that do overlap are in it) plus long_hops() (check those too).
  std::pair<size_t, size_t> hop_range(double t0, double t1) const;
  const std::vector<uint32_t>& long_hops() const { return long_hops_; }
  // Hops leaving in [t0, t1): a hop-order range.
  std::pair<size_t, size_t> sends_in(double t0, double t1) const;

  // Row of a call id in trace.calls, or -1.
  long call_row(uint64_t call) const;
  Span<uint32_t> call_hops(size_t row) const;    // hop indices, by time
  Span<uint32_t> call_events(size_t row) const;  // event indices, by time

  // Hop endpoints (sends and arrivals) at a lane during [t0, t1).
  size_t activity(int lane, double t0, double t1) const;

  // Per-lane levels; empty series when the lane has none.
  const LevelSeries& depth(int lane) const { return depth_[static_cast<size_t>(lane)]; }
  const LevelSeries& busy(int lane) const { return busy_[static_cast<size_t>(lane)]; }
  const LevelSeries& backlog(int lane) const { return backlog_[static_cast<size_t>(lane)]; }
  const std::vector<DownInterval>& down(int lane) const { return down_[static_cast<size_t>(lane)]; }

  // Fault events (kill, restart, host and link changes, scale-out) and client timeouts: event indices by time.
  const std::vector<uint32_t>& faults() const { return faults_; }
  const std::vector<uint32_t>& timeouts() const { return timeouts_; }
  // Messages a crash took ("lost" events): event indices by time.
  const std::vector<uint32_t>& losses() const { return losses_; }
  // nova heartbeats written (`report` events), by time.
  const std::vector<uint32_t>& reports() const { return reports_; }

  // Lanes that run on each host, the host lane first; hosts in the order their lanes first appear.
  const std::vector<std::string>& hosts() const { return hosts_; }
  const std::vector<int>& host_lanes(size_t host) const { return host_lanes_[host]; }
  long host_of(int lane) const { return lane_host_[static_cast<size_t>(lane)]; }

 private:
  // The constructor's steps, in order.
  void index_flights();   // short_span_, long_hops_
  void index_calls();     // hops and events per call
  void index_activity();  // hop endpoints per lane
  void index_events();    // levels, out-of-service intervals, faults, timeouts, losses
  void index_hosts();     // lanes per host

  const Trace& trace_;
  double short_span_ = 0;  // longest flight among the hops not in long_hops_
  std::vector<uint32_t> long_hops_;
  std::vector<uint32_t> call_hop_offsets_, call_hop_list_;
  std::vector<uint32_t> call_event_offsets_, call_event_list_;
  std::vector<std::vector<double>> activity_;
  std::vector<LevelSeries> depth_, busy_, backlog_;
  std::vector<std::vector<DownInterval>> down_;
  std::vector<uint32_t> faults_, timeouts_, losses_, reports_;
  std::vector<std::string> hosts_;
  std::vector<std::vector<int>> host_lanes_;
  std::vector<long> lane_host_;
};

}  // namespace buslab::tracefile
