#pragma once
// Ends the drain phase early: after the load stops, the run controller waits here until the system is quiet
// (World::quiescence) or the drain deadline passes. Processes ring it after each event they handle.
#include <simgrid/s4u.hpp>

#include "models/core/world.hpp"

namespace buslab {

class DrainMonitor {
 public:
  explicit DrainMonitor(const Quiescence& quiescence);
  // Called by a process after it handled an event: wakes the controller if the system became quiet.
  void notify_if_idle();
  // Blocks the calling actor until the system is quiet (true) or `deadline` passes (false).
  bool wait_idle_until(double deadline);

 private:
  const Quiescence& quiescence_;
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr idle_;
  bool waiting_ = false;
};

}  // namespace buslab
