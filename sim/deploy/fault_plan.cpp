#include "sim/deploy/fault_plan.hpp"

#include <algorithm>

namespace buslab {

std::vector<FaultSpec> fault_schedule(const Scenario& scenario) {
  std::vector<FaultSpec> schedule = scenario.faults;
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
  return schedule;
}

double last_fault_time(const Scenario& scenario) {
  double last = 0.0;
  for (const auto& f : scenario.faults) last = std::max(last, f.at);
  return last;
}

void apply_fault(const FaultSpec& fault, double now, const Scenario& scenario, World& world, Deployment& deployment,
                 NetworkFaults& network) {
  auto post = [&](NodeId node, Frame frame, bool host_down = false) {
    world.control->post(node, local_frame(frame, host_down), now);
  };
  switch (fault.action) {
    case FaultAction::Kill:
      post(world.directory.find(fault.target), Frame::Kill);
      return;
    case FaultAction::Restart:
      post(world.directory.find(fault.target), Frame::Restart);
      return;
    case FaultAction::HostDown:
      // The host's link goes down with it: transfers to and from it fail, and no reset leaves it.
      network.set_host_link(fault.target, false);
      world.trace.event(now, deployment.host_lane(fault.target), EventType::HostDown);
      world.trace.event(now, deployment.host_lane(fault.target), EventType::Down, 0);
      for (NodeId node : deployment.nodes_on_host(fault.target)) post(node, Frame::Kill, true);
      return;
    case FaultAction::HostUp:
      network.set_host_link(fault.target, true);
      world.trace.event(now, deployment.host_lane(fault.target), EventType::HostUp);
      world.trace.event(now, deployment.host_lane(fault.target), EventType::Up, 1);
      // The service manager starts the host's processes again at boot.
      for (NodeId node : deployment.nodes_on_host(fault.target)) post(node, Frame::Restart);
      return;
    case FaultAction::LinkDown:
    case FaultAction::LinkUp: {
      const bool down = fault.action == FaultAction::LinkDown;
      network.set_shared_link(fault.target, !down);
      for (const auto& spec : scenario.platform.links)
        if (spec.name == fault.target)
          for (const auto& host : spec.hosts)
            world.trace.event(now, deployment.host_lane(host), down ? EventType::LinkDown : EventType::LinkUp);
      return;
    }
    case FaultAction::Hang:
      post(world.directory.find(fault.target), Frame::Hang);
      return;
    case FaultAction::Resume:
      post(world.directory.find(fault.target), Frame::Resume);
      return;
    case FaultAction::AddReplicas:
      deployment.add_replicas(fault.target, fault.count, fault.hosts);
      return;
  }
}

}  // namespace buslab
