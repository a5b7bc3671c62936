#pragma once
// Applies the scenario's fault schedule at its set times: kills and restarts processes, takes hosts and links
// down and up, and adds replicas (scale-out). A process learns of its own death through a local control frame
// (World::control), so it is always the one to clean its own state.
#include <simgrid/s4u.hpp>

#include "models/world/world.hpp"
#include "sim/engine/deployment.hpp"
#include "sim/engine/platform.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

class RunControl;

class FaultInjector {
 public:
  FaultInjector(const Scenario& scenario, World& world, Platform& platform, Deployment& deployment,
                RunControl& control);
  // Starts the actor that applies the schedule; it returns after the last fault, or when the run stops.
  void spawn(simgrid::s4u::Host* where);
  // Blocks the calling actor until every fault is applied (or the run stopped): the controller calls it before
  // the drain, so that faults due at the end of the load are applied whole, never cut short by the end of the run.
  void wait_applied();
  // When the last fault happens (0 when there is none): the run does not end before it.
  double last_fault_time() const;

 private:
  void apply(const FaultSpec& fault);
  void post(NodeId node, Frame frame, bool host_down = false);
  void mark_link(const LinkSpec& link, EventType type);

  const Scenario& scenario_;
  World& world_;
  Platform& platform_;
  Deployment& deployment_;
  RunControl& control_;
  simgrid::s4u::ActorPtr actor_;
};

}  // namespace buslab
