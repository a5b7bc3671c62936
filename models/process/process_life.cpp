#include "models/process/process_life.hpp"

namespace buslab {

ProcessLife::ProcessLife(World& world, NodeId self, LaneId lane, Hooks hooks)
    : world_(world), self_(self), lane_(lane), hooks_(std::move(hooks)) {}

void ProcessLife::start(Runtime& rt) {
  alive_ = true;
  up_since_ = rt.now();
  world_.directory.set_alive(self_, true);
  world_.trace.event(rt.now(), lane_, EventType::Up, 1);
}

bool ProcessLife::on_kill_or_restart(Runtime& rt, const Envelope& env) {
  if (env.frame == Frame::Kill) {
    if (alive_) {
      die(rt);
      hooks_.died(rt, env.host_down);
    }
    return true;
  }
  if (env.frame == Frame::Restart) {
    if (!alive_) {
      // A new incarnation: frames sent to the dead one will be recognised as lost.
      world_.directory.next_epoch(self_);
      world_.trace.event(rt.now(), lane_, EventType::Restart);
      hooks_.restarted(rt);
    }
    return true;
  }
  return false;
}

void ProcessLife::die(Runtime& rt) {
  alive_ = false;
  up_time_ += rt.now() - up_since_;
  world_.directory.set_alive(self_, false);
  rt.cancel_all();
}

void ProcessLife::mark_down(Runtime& rt, bool host_down) {
  world_.trace.event(rt.now(), lane_, host_down ? EventType::HostDown : EventType::Kill);
  world_.trace.event(rt.now(), lane_, EventType::Down, 0);
}

bool ProcessLife::lose_frame(Envelope& env, LossCause cause) {
  env.status = HopStatus::Lost;
  if (!env.owns_message || !env.message) return false;
  world_.ledger.lose(env.message->id, cause);
  return true;
}

}  // namespace buslab
