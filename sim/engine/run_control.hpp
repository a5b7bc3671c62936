#pragma once
// How a run ends, and the waits that end with it. The controller sleeps through the load, then waits until the
// system is quiet (World::quiescence) or the drain deadline passes; a process that breaks a model rule asks for
// the stop at once. The helper actors (the fault schedule, local events due later) sleep here too, so that when
// the run stops every one of them wakes, leaves what it was waiting to do and returns: no actor is ever killed by
// SimGrid in the middle of an activity (SimGrid 3.32 aborts when a daemon is killed while it waits on an
// execution).
#include <simgrid/s4u.hpp>

#include "models/world/world.hpp"

namespace buslab {

class RunControl {
 public:
  explicit RunControl(const Quiescence& quiescence);

  // Called by a process after it handled an event: wakes the controller if the system became quiet.
  void notify_if_idle();
  // The controller: blocks until the system is quiet (true), or `deadline` passes or the run is stopped (false).
  bool wait_idle_until(double deadline);
  // Any actor: sleeps until `at` (true), or until the run is stopped (false, at once if it already is).
  bool sleep_until(double at);
  // Ends the run: every sleeper wakes. Processes learn it from a Stop frame (Deployment::stop_all).
  void request_stop();
  bool stopping() const { return stopping_; }

 private:
  const Quiescence& quiescence_;
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr idle_;
  simgrid::s4u::ConditionVariablePtr stop_;
  bool waiting_ = false;
  bool stopping_ = false;
};

}  // namespace buslab
