#include "sim/scenario/scenario_warnings.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace buslab {

namespace {

std::string seconds(double s) {
  return fmt::format("{:g} s", s);
}

}  // namespace

std::vector<std::string> scenario_warnings(const Scenario& scenario) {
  std::vector<std::string> out;
  const ServiceGroupSpec& group = scenario.servicegroup;
  if (group.declared && group.service_down_time <= group.report_interval)
    out.push_back(
        fmt::format("servicegroup: service_down_time ({}) is not above report_interval ({}): nova raises it to {} "
                    "(int(2.5 x report_interval)), as this run does",
                    seconds(group.service_down_time), seconds(group.report_interval),
                    seconds(std::floor(2.5 * group.report_interval))));
  double last_fault = 0.0;
  for (const auto& fault : scenario.faults) last_fault = std::max(last_fault, fault.at);
  const double quiet_from = std::max(scenario.duration, last_fault);
  const double horizon = quiet_from + scenario.drain;
  if (horizon <= kFarFactor * scenario.duration || horizon - scenario.duration <= kFarSeconds) return out;
  const double times = horizon / scenario.duration;
  if (last_fault > scenario.duration && last_fault >= scenario.drain) {
    out.push_back(fmt::format(
        "the last fault is at {}, {:.3g} times the load's duration ({}): the run simulates until then, and whatever "
        "repeats meanwhile (heartbeats, retries, timers) goes on all that time, which can take hours; bring the fault "
        "within the load or lengthen the load",
        seconds(last_fault), last_fault / scenario.duration, seconds(scenario.duration)));
  } else {
    out.push_back(fmt::format(
        "drain is {}: a run that does not go idle (a call waiting out a long timeout, heartbeats to a hung server) "
        "simulates until {}, {:.3g} times the load's duration ({}), which can take hours; a shorter drain ends it "
        "sooner",
        seconds(scenario.drain), seconds(horizon), times, seconds(scenario.duration)));
  }
  return out;
}

}  // namespace buslab
