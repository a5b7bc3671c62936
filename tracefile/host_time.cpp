#include "tracefile/host_time.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"

namespace buslab::tracefile {

HostTime::HostTime(const Trace& trace) {
  std::map<std::string, size_t> by_host;
  for (const Lane& lane : trace.lanes)
    if (lane.kind == LaneKind::Host && lane.clock_seen && !by_host.count(lane.host)) {
      by_host[lane.host] = clocks_.size();
      clocks_.emplace_back(lane.clock);
      hosts_.push_back(lane.host);
    }
  lane_slot_.reserve(trace.lanes.size());
  for (const Lane& lane : trace.lanes) {
    const auto it = by_host.find(lane.host);
    lane_slot_.push_back(it == by_host.end() ? 0 : it->second);
  }
}

size_t HostTime::slot(int lane) const {
  return lane >= 0 && static_cast<size_t>(lane) < lane_slot_.size() ? lane_slot_[static_cast<size_t>(lane)] : 0;
}

const HostClock& HostTime::clock(int lane) const {
  return clocks_[slot(lane)];
}

std::string HostTime::instant(TimeBase base, int lane, double t, double resolution) const {
  const auto text = [&](double seconds) {
    return resolution > 0 ? format_instant(seconds, resolution) : format_instant(seconds);
  };
  if (base == TimeBase::True || !skewed(lane)) return text(t);
  return fmt::format("{} by {}'s clock", text(shown(base, lane, t)), hosts_[slot(lane)]);
}

int HostTime::first_skewed_lane() const {
  for (size_t i = 0; i < lane_slot_.size(); ++i)
    if (lane_slot_[i] != 0) return static_cast<int>(i);
  return -1;
}

std::string describe_clock(const ClockSpec& clock) {
  std::string text;
  if (clock.offset != 0)
    text = fmt::format("{:g} s {}", std::fabs(clock.offset), clock.offset > 0 ? "ahead" : "behind");
  if (clock.drift_ppm != 0) text += fmt::format("{}drifting {:+g} ppm", text.empty() ? "" : ", ", clock.drift_ppm);
  if (clock.ntp_interval > 0) text += fmt::format("{}NTP every {:g} s", text.empty() ? "" : ", ", clock.ntp_interval);
  return text.empty() ? "exact" : text;
}

}  // namespace buslab::tracefile
