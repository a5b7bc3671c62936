#include "sim/engine/fault_injector.hpp"

#include "sim/deploy/fault_plan.hpp"
#include "sim/engine/run_control.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

FaultInjector::FaultInjector(const Scenario& scenario, World& world, NetworkFaults& network, Deployment& deployment,
                             RunControl& control)
    : scenario_(scenario), world_(world), network_(network), deployment_(deployment), control_(control) {}

double FaultInjector::last_fault_time() const {
  return buslab::last_fault_time(scenario_);
}

void FaultInjector::spawn(sg4::Host* where) {
  if (scenario_.faults.empty()) return;
  actor_ = sg4::Actor::create("faults", where, [this] {
    for (const FaultSpec& fault : fault_schedule(scenario_)) {
      if (!control_.sleep_until(fault.at)) return;
      apply_fault(fault, sg4::Engine::get_clock(), scenario_, world_, deployment_, network_);
    }
  });
}

void FaultInjector::wait_applied() {
  if (actor_) actor_->join();
}

}  // namespace buslab
