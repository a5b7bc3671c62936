#pragma once
// Applies the scenario's fault schedule at its set times: kills and restarts processes, takes hosts and links
// down and up, and adds replicas (scale-out). A process learns of its own death through a local control frame
// (World::control), so it is always the one to clean its own state.
#include <simgrid/s4u.hpp>

#include "models/core/world.hpp"
#include "sim/engine/deployment.hpp"
#include "sim/engine/platform.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

class FaultInjector {
 public:
  FaultInjector(const Scenario& scenario, World& world, Platform& platform, Deployment& deployment);
  // Starts the actor that applies the schedule (a daemon).
  void spawn(simgrid::s4u::Host* where);
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
};

}  // namespace buslab
