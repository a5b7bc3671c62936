#include "tracefile/overview_data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace buslab::tracefile {

OverviewData::OverviewData(const Trace& trace, const TraceIndex& index) {
  (void)index;
  const Calls& c = trace.calls;
  std::vector<std::pair<double, double>> errors;  // time, weight
  // Every call has a latency, nested calls servers make while handling others included (a nova boot is casts whose
  // calls are all nested); so does a cast that waited for its publisher confirm (oslo's cast() with confirms: a
  // round trip to the broker, the latency metrics.json and the run summary give it); other casts do not.
  for (size_t i = 0; i < c.size(); ++i) {
    if (std::isnan(c.t_end[i])) continue;
    const std::string& outcome = trace.outcomes.name(c.outcome[i]);
    const bool failed = outcome == "timeout" || outcome.rfind("error", 0) == 0;
    if (failed) errors.emplace_back(c.t_end[i], 1);
    if (c.cast[i] && outcome != "confirmed") continue;
    if (c.cast[i]) confirmed_casts_ = true;
    // What is left here is a call or a confirmed cast: completed (Trace::call_completed), timed out or failed.
    const Outcome o = trace.call_completed(i) ? Outcome::Ok : outcome == "timeout" ? Outcome::Timeout : Outcome::Error;
    points_.push_back(LatencyPoint{c.t_start[i], c.t_end[i] - c.t_start[i], o});
  }
  // A reply that came after its call had timed out: the call's point stays a timeout; the late answer is a point
  // of its own, at the call's start, as late as it came.
  const Hops& h = trace.hops;
  for (size_t i = 0; i < h.size(); ++i) {
    const HopStatus status = trace.hop_status(i);
    if (status == HopStatus::Lost || status == HopStatus::Dropped) errors.emplace_back(h.t_send[i], 1);
    const HopKind kind = trace.hop_kind(i);
    if (status != HopStatus::Dropped || !h.call[i] || (kind != HopKind::Reply && kind != HopKind::Delivery)) continue;
    const LaneKind to = trace.lanes[static_cast<size_t>(h.to[i])].kind;
    if (to != LaneKind::Client && to != LaneKind::Server) continue;
    const long row = index.call_row(h.call[i]);
    if (row < 0 || !h.arrived(i)) continue;
    const double start = c.t_start[static_cast<size_t>(row)];
    points_.push_back(LatencyPoint{start, h.t_recv[i] - start, Outcome::Late});
  }
  const Events& e = trace.events;
  const bool no_calls = points_.empty();
  for (size_t i = 0; i < e.size(); ++i) {
    const EventType type = trace.event_type(i);
    if (type == EventType::ServiceEnd || type == EventType::Done) done_.push_back(e.t[i]);
    if (type == EventType::Lost) errors.emplace_back(e.t[i], e.value[i]);
    // AMQP runs: each message a consumer finished, at its publish.
    if (type == EventType::Done && no_calls)
      points_.push_back(LatencyPoint{e.t[i] - e.value[i], e.value[i], Outcome::Ok});
  }
  calls_ = !no_calls || points_.empty();
  std::sort(points_.begin(), points_.end(), [](const LatencyPoint& a, const LatencyPoint& b) { return a.t < b.t; });
  std::sort(done_.begin(), done_.end());
  std::sort(errors.begin(), errors.end());
  error_times_.reserve(errors.size());
  error_prefix_.reserve(errors.size() + 1);
  error_prefix_.push_back(0);
  for (const auto& [t, w] : errors) {
    error_times_.push_back(t);
    error_prefix_.push_back(error_prefix_.back() + w);
  }
  if (!points_.empty()) {
    min_latency_ = INFINITY;
    for (const LatencyPoint& p : points_) {
      if (p.latency > 0) min_latency_ = std::min(min_latency_, p.latency);
      max_latency_ = std::max(max_latency_, p.latency);
    }
    if (std::isinf(min_latency_)) min_latency_ = max_latency_;
  }
}

size_t OverviewData::done_in(double t0, double t1) const {
  const auto a = std::lower_bound(done_.begin(), done_.end(), t0);
  return static_cast<size_t>(std::lower_bound(a, done_.end(), t1) - a);
}

double OverviewData::errors_in(double t0, double t1) const {
  const auto a = std::lower_bound(error_times_.begin(), error_times_.end(), t0);
  const auto b = std::lower_bound(a, error_times_.end(), t1);
  return error_prefix_[static_cast<size_t>(b - error_times_.begin())] -
         error_prefix_[static_cast<size_t>(a - error_times_.begin())];
}

}  // namespace buslab::tracefile
