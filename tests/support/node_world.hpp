#pragma once
// A World with named processes, for driving one model frame by frame through the fake runtime
// (tests/support/fake_runtime.hpp): the frames a broker would send it, built as the broker builds them.
#include <memory>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/rpc/codec.hpp"
#include "tests/support/fake_runtime.hpp"

namespace buslab::testing {

// A codec whose numbers are easy to check: 1000 flops per message each way (1 us at the fake's 1 Gflop/s), no
// per-byte cost, 100 bytes of headers.
inline const Codec kPlainCodec{"plain", 1.0, 100, {1e-6, 0.0, 0.0}, {1e-6, 0.0, 0.0}, 1e9};

class NodeWorld {
 public:
  NodeWorld() : world(true) { world.control = &control; }

  // A process called `name` on host "h-<name>".
  NodeId add(const std::string& name) {
    return world.directory.add_node(
        name, world.trace.add_lane(LaneInfo{name, LaneKind::Client, "h-" + name, "", "", 0}), "h-" + name);
  }

  // A link to `brokers`, in failover order, drawing publishes to the broker's own lane.
  BrokerLinkConfig link_to(const std::vector<NodeId>& brokers) {
    BrokerLinkConfig link;
    link.brokers = brokers;
    for (NodeId b : brokers) link.broker_lanes.push_back(world.directory.lane(b));
    link.exchange_lane = [this](NodeId broker, const std::string&) { return world.directory.lane(broker); };
    return link;
  }

  // A message created in the ledger, on the wire.
  MessagePtr message(MsgKind kind, CallId call = 0) {
    auto m = std::make_unique<Message>();
    m->id = world.ledger.create();
    m->kind = kind;
    m->wire_bytes = 200;
    m->rpc.call = call;
    world.ledger.place(m->id, Place::InTransit);
    return m;
  }

  // basic.deliver of `message` from `broker`, queue 1 with delivery `tag`, as the broker sends it without auto-ack
  // (it keeps a copy: the frame does not own the message).
  Envelope delivery(NodeId broker, MessagePtr message, uint64_t tag) {
    world.ledger.place(message->id, Place::QueueUnacked);
    world.ledger.set_broker_copy(message->id, true);
    Envelope env;
    env.frame = Frame::Deliver;
    env.hop = HopKind::Delivery;
    env.from_node = broker;
    env.from_lane = world.directory.lane(broker);
    env.queue = 1;
    env.tag = tag;
    env.message = std::move(message);
    return env;
  }

  // basic.return of `message` by `broker` (the frame owns it, as the broker sends it).
  Envelope returned(NodeId broker, MessagePtr message) {
    Envelope env = frame(Frame::Return, broker);
    env.owns_message = true;
    env.message = std::move(message);
    return env;
  }

  // A frame without a message from `from`.
  Envelope frame(Frame frame, NodeId from) {
    Envelope env;
    env.frame = frame;
    env.from_node = from;
    env.from_lane = world.directory.lane(from);
    return env;
  }

  uint64_t remaining(Place place) const { return world.ledger.totals().remaining_at(place); }

  World world;
  FakeControl control;
  FakeRuntime rt;
};

// Takes the frames sent so far and keeps those of kind `frame`.
inline std::vector<EnvelopePtr> take_frames(FakeRuntime& rt, Frame frame) {
  std::vector<EnvelopePtr> out;
  for (auto& env : rt.take_sent())
    if (env->frame == frame) out.push_back(std::move(env));
  return out;
}

}  // namespace buslab::testing
