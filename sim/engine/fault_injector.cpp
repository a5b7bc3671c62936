#include "sim/engine/fault_injector.hpp"

#include <algorithm>

#include "sim/engine/run_control.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

FaultInjector::FaultInjector(const Scenario& scenario, World& world, Platform& platform, Deployment& deployment,
                             RunControl& control)
    : scenario_(scenario), world_(world), platform_(platform), deployment_(deployment), control_(control) {}

double FaultInjector::last_fault_time() const {
  double last = 0.0;
  for (const auto& f : scenario_.faults) last = std::max(last, f.at);
  return last;
}

void FaultInjector::spawn(sg4::Host* where) {
  if (scenario_.faults.empty()) return;
  actor_ = sg4::Actor::create("faults", where, [this] {
    std::vector<FaultSpec> schedule = scenario_.faults;
    // Faults at the same time apply in file order.
    std::stable_sort(schedule.begin(), schedule.end(),
                     [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
    for (const FaultSpec& fault : schedule) {
      if (!control_.sleep_until(fault.at)) return;
      apply(fault);
    }
  });
}

void FaultInjector::wait_applied() {
  if (actor_) actor_->join();
}

void FaultInjector::post(NodeId node, Frame frame, bool host_down) {
  world_.control->post(node, local_frame(frame, host_down), sg4::Engine::get_clock());
}

void FaultInjector::mark_link(const LinkSpec& link, EventType type) {
  for (const auto& host : link.hosts) world_.trace.event(sg4::Engine::get_clock(), deployment_.host_lane(host), type);
}

void FaultInjector::apply(const FaultSpec& fault) {
  const double now = sg4::Engine::get_clock();
  switch (fault.action) {
    case FaultAction::Kill:
      post(world_.directory.find(fault.target), Frame::Kill);
      return;
    case FaultAction::Restart:
      post(world_.directory.find(fault.target), Frame::Restart);
      return;
    case FaultAction::HostDown:
      // The host's link goes down with it: transfers to and from it fail, and no reset leaves it.
      platform_.host_link(fault.target)->turn_off();
      world_.trace.event(now, deployment_.host_lane(fault.target), EventType::HostDown);
      world_.trace.event(now, deployment_.host_lane(fault.target), EventType::Down, 0);
      for (NodeId node : deployment_.nodes_on_host(fault.target)) post(node, Frame::Kill, true);
      return;
    case FaultAction::HostUp:
      platform_.host_link(fault.target)->turn_on();
      world_.trace.event(now, deployment_.host_lane(fault.target), EventType::HostUp);
      world_.trace.event(now, deployment_.host_lane(fault.target), EventType::Up, 1);
      // The service manager starts the host's processes again at boot.
      for (NodeId node : deployment_.nodes_on_host(fault.target)) post(node, Frame::Restart);
      return;
    case FaultAction::LinkDown:
    case FaultAction::LinkUp: {
      const bool down = fault.action == FaultAction::LinkDown;
      sg4::Link* link = platform_.shared_link(fault.target);
      if (down)
        link->turn_off();
      else
        link->turn_on();
      for (const auto& spec : scenario_.platform.links)
        if (spec.name == fault.target) mark_link(spec, down ? EventType::LinkDown : EventType::LinkUp);
      return;
    }
    case FaultAction::Hang:
      post(world_.directory.find(fault.target), Frame::Hang);
      return;
    case FaultAction::Resume:
      post(world_.directory.find(fault.target), Frame::Resume);
      return;
    case FaultAction::AddReplicas:
      deployment_.add_replicas(fault.target, fault.count, fault.hosts);
      return;
  }
}

}  // namespace buslab
