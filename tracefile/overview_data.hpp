#pragma once
// What the overview tracks above the lanes draw, for a whole run at any zoom: the latency of every call at its
// start (or of every AMQP message at its publish) by outcome, the work completed and the errors over time, and
// the faults. Built once per trace; counting any time range is a binary search.
#include <cstdint>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

enum class Outcome : uint8_t { Ok, Timeout, Error, Late };
inline constexpr int kOutcomeCount = 4;

struct LatencyPoint {
  double t = 0;        // when the call started (the message was published)
  double latency = 0;  // until it ended (was done): for a timeout, its timeout
  Outcome outcome = Outcome::Ok;
};

class OverviewData {
 public:
  OverviewData(const Trace& trace, const TraceIndex& index);

  // By start time.
  const std::vector<LatencyPoint>& points() const { return points_; }
  // The smallest and largest latency among the points (0 when there are none).
  double min_latency() const { return min_latency_; }
  double max_latency() const { return max_latency_; }
  // Whether the points are calls (else AMQP messages, publish to done).
  bool calls() const { return calls_; }
  // Whether some of those points are casts that waited for their publisher confirm.
  bool confirmed_casts() const { return confirmed_casts_; }

  // Work completed during [t0, t1): requests a server ran to the end, messages a consumer finished.
  size_t done_in(double t0, double t1) const;
  // Errors during [t0, t1): calls that timed out or failed, hops lost or dropped, messages a crash took.
  double errors_in(double t0, double t1) const;

 private:
  std::vector<LatencyPoint> points_;
  double min_latency_ = 0, max_latency_ = 0;
  bool calls_ = true;
  bool confirmed_casts_ = false;
  std::vector<double> done_;                        // times, sorted
  std::vector<double> error_times_, error_prefix_;  // times, sorted, and running totals of their weights
};

}  // namespace buslab::tracefile
