#pragma once
// How a broker learns that a connected process died: from a live host, the kernel resets the connection at
// once (a frame on the network); from a dead host nothing comes, and the broker notices only when the
// heartbeats stop (docs/semantics.md 1.10), modelled as a local event after the heartbeat timeout.
#include "models/core/runtime.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct ConnectionPeer {
  NodeId self = kNoNode;
  LaneId lane = kNoLane;
  NodeId broker = kNoNode;
  LaneId broker_lane = kNoLane;
};

// The AMQP heartbeat timeout RabbitMQ suggests: after it the broker declares a silent peer dead.
inline constexpr double kDefaultHeartbeatTimeout = 60.0;

void report_connection_loss(World& world, Runtime& rt, const ConnectionPeer& peer, bool host_down,
                            double heartbeat_timeout);

}  // namespace buslab
