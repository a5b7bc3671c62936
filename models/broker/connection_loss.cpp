#include "models/broker/connection_loss.hpp"

namespace buslab {

void report_connection_loss(World& world, Runtime& rt, const ConnectionPeer& peer, bool host_down,
                            double heartbeat_timeout) {
  auto lost = std::make_unique<Envelope>();
  lost->frame = Frame::ConnectionLost;
  lost->peer = peer.self;
  lost->to_node = peer.broker;
  lost->from_lane = peer.lane;
  lost->to_lane = peer.broker_lane;
  lost->bytes = kFrameBytes;
  if (host_down) {
    world.control->post(peer.broker, std::move(lost), rt.now() + heartbeat_timeout);
  } else {
    lost->hop = HopKind::Error;
    rt.send(std::move(lost));
  }
}

}  // namespace buslab
