#pragma once
// A host's wall clock, as the processes on it read it (nova stamps heartbeats and checks them with
// `timeutils.utcnow()`): true simulated time plus an error that starts at `offset`, grows by `drift_ppm`
// microseconds per second, and, with NTP, is stepped back to zero every `ntp_interval` seconds of true time.
// The simulation itself always runs on true time; only what a process writes or compares reads a clock.
#include <map>
#include <string>

namespace buslab {

struct ClockSpec {
  double offset = 0.0;        // seconds the clock is ahead of true time at 0 (negative: behind)
  double drift_ppm = 0.0;     // how fast its error grows, in millionths (50: 50 us per second)
  double ntp_interval = 0.0;  // > 0: at every multiple of it, NTP steps the clock to true time
  bool exact() const { return offset == 0.0 && drift_ppm == 0.0; }
};

class HostClock {
 public:
  // Where the clock runs linearly: reading(t) = slope * t + intercept for t in [start, end).
  struct Segment {
    double start = 0.0;
    double end = 0.0;  // the next NTP step, or infinity
    double slope = 1.0;
    double intercept = 0.0;
    double reading(double t) const { return slope * t + intercept; }
  };

  HostClock() = default;
  explicit HostClock(ClockSpec spec) : spec_(spec) {}

  const ClockSpec& spec() const { return spec_; }
  // What the clock reads at true time t >= 0.
  double reading(double t) const { return segment_at(t).reading(t); }
  // reading(t) - t.
  double error(double t) const { return reading(t) - t; }
  // The linear piece of the clock holding true time t >= 0.
  Segment segment_at(double t) const;

 private:
  ClockSpec spec_;
};

// The clocks of a run's hosts; a host without one reads true time.
class HostClocks {
 public:
  void set(const std::string& host, ClockSpec spec) { clocks_[host] = HostClock(spec); }
  const HostClock& of(const std::string& host) const;
  double reading(const std::string& host, double t) const { return of(host).reading(t); }

 private:
  std::map<std::string, HostClock> clocks_;
  HostClock exact_;
};

}  // namespace buslab
