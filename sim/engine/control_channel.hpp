#pragma once
// World::control on SimGrid: a local event for a node is carried by a short-lived actor on the node's own host,
// which waits for the due time and hands the frame to the node's inbox (a same-host transfer takes no time and
// crosses no link, so it arrives even while the host's network is cut).
#include "models/core/world.hpp"

namespace buslab {

class SimgridControlChannel final : public ControlChannel {
 public:
  explicit SimgridControlChannel(World& world);
  // `host_of` gives the SimGrid host of a node; set by the deployment.
  void post(NodeId target, EnvelopePtr env, double at) override;

 private:
  World& world_;
};

}  // namespace buslab
