#pragma once
// Times as a trace's hosts read them (issue 13): a trace keeps true simulated time and records each skewed host's
// clock (docs/trace-format.md, lanes' `clock`), so a reader can show either true time or, for each lane, what its
// host's clock read at that instant. Plain code: the viewer's labels, tooltips and ruler go through it.
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/host_clock.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

enum class TimeBase : uint8_t { True, HostClock };

class HostTime {
 public:
  explicit HostTime(const Trace& trace);

  // Whether some host's clock is skewed (otherwise both time bases read the same).
  bool any_skewed() const { return clocks_.size() > 1; }
  // The clock of `lane`'s host: exact for a host the trace gives no clock (and a lane out of range).
  const HostClock& clock(int lane) const;
  bool skewed(int lane) const { return slot(lane) != 0; }
  // What is shown for true time `t` on `lane` under `base`: `t` itself, or its host's clock reading.
  double shown(TimeBase base, int lane, double t) const { return base == TimeBase::True ? t : clock(lane).reading(t); }
  // An instant on `lane` as text: "12.5 s" in true time, "52.5 s by api's clock" by a skewed host's (a host
  // without a clock reads true time: "12.5 s"). `resolution` as format_instant's (0: to the nanosecond).
  std::string instant(TimeBase base, int lane, double t, double resolution = 0) const;
  // The first lane on a host with a skewed clock, -1 when none: the ruler's reference when no lane is pointed at.
  int first_skewed_lane() const;

 private:
  size_t slot(int lane) const;
  std::vector<HostClock> clocks_{HostClock()};  // [0]: exact
  std::vector<std::string> hosts_{""};          // the host of each clock
  std::vector<size_t> lane_slot_;               // per lane: index into clocks_
};

// A clock in words: "40 s ahead", "3 s behind, drifting +50 ppm, NTP every 64 s", "exact".
std::string describe_clock(const ClockSpec& clock);

}  // namespace buslab::tracefile
