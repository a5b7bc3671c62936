#pragma once
// When a client issues its requests: a fixed count at an interval, a Poisson process, or a closed loop with N
// requests outstanding and a think time between a reply and the next request.
#include <vector>

#include "models/core/distribution.hpp"
#include "models/core/ids.hpp"
#include "models/core/rng.hpp"

namespace buslab {

enum class ArrivalKind { Fixed, Poisson, Closed };

struct ArrivalSpec {
  ArrivalKind kind = ArrivalKind::Fixed;
  int count = 1;                                     // fixed
  double interval = 0.0;                             // fixed, s
  double rate = 0.0;                                 // poisson, per s
  int outstanding = 1;                               // closed
  Distribution think = Distribution::constant(0.0);  // closed, s
  // closed: the first requests start at seeded uniform dates in [start, start + stagger), so that instances
  // started together do not run in lock-step (docs/scenario.md says why 10 ms).
  double stagger = 0.010;  // s
};

class ArrivalProcess {
 public:
  // Requests may be issued in [start, stop).
  ArrivalProcess(const ArrivalSpec& spec, double start, double stop);

  bool closed_loop() const { return spec_.kind == ArrivalKind::Closed; }
  // Open loops: the time of the next request (the first one on the first call), or kNever when done.
  double next_open(Rng& rng);
  // Closed loop: how many requests the loop keeps outstanding.
  int initial_burst() const { return spec_.outstanding; }
  // Closed loop: the dates of its first requests, one per outstanding slot in slot order: start + stagger * u,
  // u drawn in turn from `rng` (no draw when stagger is 0); a date at or past `stop` is left out.
  std::vector<double> first_closed(Rng& rng) const;
  // The requests of a process restarted at `now`, in order: a closed loop's slots all start at once (before `stop`),
  // an open loop skips the requests it would have issued while it was down and goes on from the next one.
  std::vector<double> after_restart(double now, Rng& rng);
  // Closed loop: when to issue the next request after one ended at `now`, or kNever when past `stop`.
  double next_closed(double now, Rng& rng) const;
  double start() const { return start_; }

 private:
  ArrivalSpec spec_;
  double start_;
  double stop_;
  int issued_ = 0;
  double last_ = 0.0;
};

}  // namespace buslab
