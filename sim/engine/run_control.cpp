#include "sim/engine/run_control.hpp"

#include <mutex>

namespace buslab {

namespace sg4 = simgrid::s4u;

RunControl::RunControl(const Quiescence& quiescence)
    : quiescence_(quiescence),
      mutex_(sg4::Mutex::create()),
      idle_(sg4::ConditionVariable::create()),
      stop_(sg4::ConditionVariable::create()) {}

void RunControl::notify_if_idle() {
  // Only a waiting controller costs a simcall; during the load phase this is a flag test.
  if (waiting_ && quiescence_.idle()) idle_->notify_all();
}

bool RunControl::wait_idle_until(double deadline) {
  std::unique_lock<sg4::Mutex> lock(*mutex_);
  waiting_ = true;
  while (!quiescence_.idle() && !stopping_) {
    if (idle_->wait_until(lock, deadline) == std::cv_status::timeout) break;
  }
  waiting_ = false;
  return quiescence_.idle();
}

bool RunControl::sleep_until(double at) {
  if (stopping_) return false;
  if (at > sg4::Engine::get_clock()) {
    std::unique_lock<sg4::Mutex> lock(*mutex_);
    while (!stopping_ && at > sg4::Engine::get_clock())
      if (stop_->wait_until(lock, at) == std::cv_status::timeout) break;
  }
  if (stopping_) return false;
  // A timed wait may wake a hair before the date it was given: catch up exactly.
  if (at > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(at);
  return !stopping_;
}

void RunControl::request_stop() {
  if (stopping_) return;
  stopping_ = true;
  stop_->notify_all();
  idle_->notify_all();
}

}  // namespace buslab
