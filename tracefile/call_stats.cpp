#include "tracefile/call_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace buslab::tracefile {

namespace {

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

CallStats call_stats(const Trace& trace) {
  CallStats s;
  const Calls& c = trace.calls;
  s.calls = c.size();
  std::vector<double> latency;
  for (size_t i = 0; i < c.size(); ++i) {
    const std::string& outcome = trace.outcomes.name(c.outcome[i]);
    if (c.cast[i]) ++s.casts;
    if (outcome == "ok") {
      ++s.ok;
      if (!c.cast[i] && !std::isnan(c.t_end[i])) latency.push_back(c.t_end[i] - c.t_start[i]);
    } else if (outcome == "timeout") {
      ++s.timeouts;
    } else if (outcome.compare(0, 5, "error") == 0) {
      ++s.errors;
    } else if (outcome == "pending") {
      ++s.pending;
    }
  }
  s.hops = trace.hops.size();
  for (size_t i = 0; i < trace.hops.size(); ++i) {
    if (trace.hop_status(i) == HopStatus::Lost) ++s.lost;
    if (trace.hop_status(i) == HopStatus::Dropped) ++s.dropped;
  }
  if (latency.empty()) {
    s.mean = s.p50 = s.p90 = s.p99 = s.max = NAN;
    return s;
  }
  std::sort(latency.begin(), latency.end());
  s.mean = std::accumulate(latency.begin(), latency.end(), 0.0) / static_cast<double>(latency.size());
  s.p50 = percentile(latency, 0.50);
  s.p90 = percentile(latency, 0.90);
  s.p99 = percentile(latency, 0.99);
  s.max = latency.back();
  return s;
}

}  // namespace buslab::tracefile
