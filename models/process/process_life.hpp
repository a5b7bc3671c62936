#pragma once
// The life of one simulated process, as every node (client, server, publisher, consumer, broker) lives it: it
// starts (or starts again), is alive or dead, and each restart is a new incarnation, so that frames sent to an
// earlier one are recognised as lost (the runtime compares Envelope::to_epoch with Directory::epoch). Kill and
// Restart frames come from the fault schedule; a frame that reaches a dead process is lost, and so is the
// message it carried if the frame owned it. The node keeps what is its own: what it held when it died and how
// it reconnects.
#include <functional>

#include "models/core/runtime.hpp"
#include "models/world/world.hpp"

namespace buslab {

class ProcessLife {
 public:
  // `died(rt, host_down)` runs after the process died of a Kill frame (its pending work and timers are already
  // forgotten); `restarted(rt)` after a Restart made it a new incarnation, and must start it again (start()).
  struct Hooks {
    std::function<void(Runtime&, bool host_down)> died;
    std::function<void(Runtime&)> restarted;
  };

  ProcessLife(World& world, NodeId self, LaneId lane, Hooks hooks);

  bool alive() const { return alive_; }
  // Starts the process (at the start of the run, or after reincarnate()): alive, listed as alive in the
  // directory, Up on its lane; its up time counts from now.
  void start(Runtime& rt);
  // A Kill frame for a live process, or a Restart for a dead one, is handled here (true); the frame is the
  // process's own otherwise (false). A Kill for the dead, or a Restart for the living, is ignored (true).
  bool on_kill_or_restart(Runtime& rt, const Envelope& env);
  // The process dies now: not alive, listed as dead, every pending work and timer forgotten. on_kill_or_restart
  // calls it; a node that dies of its own accord may too.
  void die(Runtime& rt);
  // Kill (or HostDown when its host went down), then Down, on its lane: the node says when in its death.
  void mark_down(Runtime& rt, bool host_down);
  // A frame that reached the process while dead is lost; so is its message if the frame owned it, with
  // `cause`. Returns whether a message was lost.
  bool lose_frame(Envelope& env, LossCause cause = LossCause::ProcessCrash);
  // Seconds alive, up to `now`.
  double up_time(double now) const { return alive_ ? up_time_ + (now - up_since_) : up_time_; }

 private:
  World& world_;
  NodeId self_;
  LaneId lane_;
  Hooks hooks_;
  bool alive_ = false;
  double up_since_ = 0.0;
  double up_time_ = 0.0;  // closed periods alive
};

}  // namespace buslab
