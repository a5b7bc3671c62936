#pragma once
// TCP hands one connection's bytes over in the order they were sent. The queueing engine's transfers do not share
// links, each takes its own transfer time, so a small frame sent right after a large one on the same connection
// would arrive first: a message buffered behind another would overtake it. ConnectionFifo holds each frame back
// until the one sent before it on its connection has arrived: it arrives at the later of its own transfer time and
// its predecessor's arrival (which is what TCP gives when the frames leave together: the second one's bytes follow
// the first's). A connection is one sender and one receiver in given incarnations (a restarted process opens new
// connections). The SimGrid engine needs none of this: a process receives its frames in the order they were posted
// to it (docs/engines.md).
#include <cstdint>
#include <functional>
#include <unordered_map>

#include "models/core/envelope.hpp"

namespace buslab::queueing {

class ConnectionFifo {
 public:
  // When frame `env` (stamped by its sender) that leaves at `now` arrives, `alone` being when it would on its own.
  double arrival(const Envelope& env, double now, double alone);
  // Forgets the connections from `from` to `to` for which `crossing(from, to)` holds: their frames on the wire were
  // lost (a host's link went down), so none holds back the next one.
  void forget_if(const std::function<bool(NodeId from, NodeId to)>& crossing);
  // Connections remembered: those whose last frame may still be on the wire.
  size_t size() const { return last_.size(); }

 private:
  struct Last {
    uint32_t from_epoch = 0;
    uint32_t to_epoch = 0;
    double at = 0.0;  // when the connection's last frame sent arrives
  };
  // Drops the connections whose last frame has arrived by `now`, once there are twice as many as after the last
  // sweep: memory stays bounded by the connections busy at once, at a constant cost per frame.
  void sweep(double now);

  std::unordered_map<uint64_t, Last> last_;  // by sender << 32 | receiver
  size_t sweep_at_ = kFirstSweep;
  static constexpr size_t kFirstSweep = 1024;
};

}  // namespace buslab::queueing
