#include "sim/engine/drain_monitor.hpp"

#include <mutex>

namespace buslab {

namespace sg4 = simgrid::s4u;

DrainMonitor::DrainMonitor(const Quiescence& quiescence)
    : quiescence_(quiescence), mutex_(sg4::Mutex::create()), idle_(sg4::ConditionVariable::create()) {}

void DrainMonitor::notify_if_idle() {
  // Only a waiting controller costs a simcall; during the load phase this is a flag test.
  if (waiting_ && quiescence_.idle()) idle_->notify_all();
}

bool DrainMonitor::wait_idle_until(double deadline) {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  waiting_ = true;
  while (!quiescence_.idle()) {
    if (idle_->wait_until(lock, deadline) == std::cv_status::timeout) break;
  }
  waiting_ = false;
  return quiescence_.idle();
}

}  // namespace buslab
