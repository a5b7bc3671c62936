#include "models/core/host_clock.hpp"

#include <cmath>
#include <limits>

namespace buslab {

HostClock::Segment HostClock::segment_at(double t) const {
  const double drift = spec_.drift_ppm * 1e-6;
  Segment s;
  s.slope = 1.0 + drift;
  const double interval = spec_.ntp_interval;
  const double k = interval > 0 ? std::floor(t / interval) : 0.0;
  if (k < 1) {
    // Before the first NTP step: the initial offset, drifting from 0.
    s.start = 0.0;
    s.end = interval > 0 ? interval : std::numeric_limits<double>::infinity();
    s.intercept = spec_.offset;
    return s;
  }
  // After the k-th step at k * interval: exact then, drifting again from there.
  s.start = k * interval;
  s.end = (k + 1) * interval;
  s.intercept = -drift * s.start;
  return s;
}

const HostClock& HostClocks::of(const std::string& host) const {
  const auto it = clocks_.find(host);
  return it == clocks_.end() ? exact_ : it->second;
}

}  // namespace buslab
