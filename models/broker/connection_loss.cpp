#include "models/broker/connection_loss.hpp"

namespace buslab {

void report_connection_loss(World& world, Runtime& rt, const ConnectionPeer& peer, bool host_down,
                            double heartbeat_timeout) {
  EnvelopePtr lost = protocol_frame(Frame::ConnectionLost, HopKind::Error, peer.broker, peer.lane, peer.broker_lane);
  lost->peer = peer.self;
  lost->peer_epoch = world.directory.epoch(peer.self);
  if (host_down)
    world.control->post(peer.broker, std::move(lost), rt.now() + heartbeat_timeout);  // a local event, later
  else
    rt.send(std::move(lost));
}

}  // namespace buslab
