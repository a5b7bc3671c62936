#pragma once
// World::control on SimGrid: a local event for a node is carried by a short-lived actor on the node's own host,
// which waits for the due time and hands the frame to the node's inbox (a same-host transfer takes no time and
// crosses no link, so it arrives even while the host's network is cut). When the run stops first, the actor
// drops the frame and returns: the event was still pending at the end.
#include "models/world/world.hpp"

namespace buslab {

class RunControl;

class SimgridControlChannel final : public ControlChannel {
 public:
  SimgridControlChannel(World& world, RunControl& control);
  void post(NodeId target, EnvelopePtr env, double at) override;

 private:
  World& world_;
  RunControl& control_;
};

}  // namespace buslab
