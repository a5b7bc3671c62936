#pragma once
// Applies the scenario's fault schedule (sim/deploy/fault_plan.hpp) at its set times, from an actor of its own.
#include <simgrid/s4u.hpp>

#include "models/world/world.hpp"
#include "sim/deploy/deployment.hpp"
#include "sim/deploy/process_host.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

class RunControl;

class FaultInjector {
 public:
  FaultInjector(const Scenario& scenario, World& world, NetworkFaults& network, Deployment& deployment,
                RunControl& control);
  // Starts the actor that applies the schedule; it returns after the last fault, or when the run stops.
  void spawn(simgrid::s4u::Host* where);
  // Blocks the calling actor until every fault is applied (or the run stopped): the controller calls it before
  // the drain, so that faults due at the end of the load are applied whole, never cut short by the end of the run.
  void wait_applied();
  // When the last fault happens (0 when there is none): the run does not end before it.
  double last_fault_time() const;

 private:
  const Scenario& scenario_;
  World& world_;
  NetworkFaults& network_;
  Deployment& deployment_;
  RunControl& control_;
  simgrid::s4u::ActorPtr actor_;
};

}  // namespace buslab
