#include "sim/scenario/scenario_warnings.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace buslab {

namespace {

std::string seconds(double s) {
  return fmt::format("{:g} s", s);
}

// Requests to a server no replica of a brokered service has: allowed (oslo's prepare(server=X) publishes to
// topic.X, which no queue is bound to), but more often a typo than a lesson.
void warn_unknown_servers(const Scenario& scenario, std::vector<std::string>& out) {
  for (const auto& client : scenario.clients)
    for (const auto& step : client.requests()) {
      const ServiceSpec* service = scenario.find_service(step.service);
      if (!service || step.server.empty() || step.server == "@selected") continue;
      bool known = false;
      for (int k = 1; k <= service->replicas && !known; ++k) known = replica_name(*service, k) == step.server;
      if (!known)
        out.push_back(
            fmt::format("client {} sends to server \"{}\", which no replica of service \"{}\" has: its "
                        "requests route nowhere (no queue {}.{}) and its calls time out",
                        client.name, step.server, service->name, service->topic, step.server));
    }
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
  warn_unknown_servers(scenario, out);
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
