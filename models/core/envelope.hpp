#pragma once
// What crosses the network between two nodes: one frame of a protocol, maybe carrying a message.
// Each frame type's comment reads "Sender -> Receiver: meaning".
#include <cstdint>
#include <memory>
#include <vector>

#include "models/core/amqp_declarations.hpp"
#include "models/core/ids.hpp"
#include "models/core/message.hpp"

namespace buslab {

enum class Frame : uint8_t {
  DirectRequest,   // client -> server (direct transport): `message` is the request
  DirectReply,     // server -> client (direct transport): `message` is the reply
  Syn,             // client -> server host (direct): open a TCP connection for call `call`
  SynAck,          // server host -> client: the connection for `call` is accepted
  Heartbeat,       // client <-> server (zerorpc): the channel is alive
  Refused,         // server host -> client: connection refused, no process listens (TCP RST); `call` says which
                   // (0: a broker connection attempt)
  Connect,         // process -> broker: open a connection, declaring the exchanges in `declares` and the queues
                   // in `queue_declares`
  ConnectOk,       // broker -> process: the connection is open
  Publish,         // process -> broker: basic.publish of `message` (`publish_seq` > 0 with confirms)
  Confirm,         // broker -> publisher: publish `publish_seq` is the broker's now (`nack`: it was refused)
  Return,          // broker -> publisher: basic.return of the unroutable mandatory `message`
  Deliver,         // broker -> consumer: basic.deliver of `message` from `queue` with delivery `tag`
  Ack,             // consumer -> broker: basic.ack of `tag` on `queue`
  Reject,          // consumer -> broker: basic.reject of `tag` on `queue`, `requeue` or not
  Consume,         // consumer -> broker: declare, bind and consume the queue of `consume`
  ConnectionLost,  // local, to a broker: the connection of node `peer` closed (RST or missed heartbeats)
  BrokerLost,      // broker -> process (reset) or local (missed heartbeats): the broker connection is gone
  Kill,            // local, fault schedule -> process: the process dies now (`host_down`: with its host)
  Restart,         // local, fault schedule -> process: the process starts again
  Hang,            // local, fault schedule -> process: the process stops making progress (still alive)
  Resume,          // local, fault schedule -> process: it goes on
  Stop,            // local, run controller -> the process's runtime: the run ends now (never reaches a model)
};

// How a hop is drawn in the trace (docs/trace-format.md, `kind`).
// `Control` is a protocol set-up frame on the network (basic.consume); `Local` never crosses the network (a
// fault, a detection by the host's own kernel) and is not drawn.
enum class HopKind : uint8_t {
  Request,
  Route,
  Delivery,
  Reply,
  Ack,
  Nack,
  Confirm,
  Return,
  Heartbeat,
  Error,
  Control,
  Local
};

enum class HopStatus : uint8_t { Ok, Lost, Dropped };

struct Envelope {
  Frame frame = Frame::DirectRequest;
  HopKind hop = HopKind::Request;
  NodeId from_node = kNoNode;
  NodeId to_node = kNoNode;
  uint32_t to_epoch = 0;    // the receiver's incarnation it was sent to: a restarted process never sees old frames
  uint32_t from_epoch = 0;  // the sender's incarnation when it sent it
  // to_epoch was set by the sender: the frame goes down the connection of that incarnation, which may be an
  // earlier one than the receiver's current (a broker delivering to a consumer whose death it has not noticed yet).
  bool to_connection = false;
  LaneId from_lane = kNoLane;
  LaneId to_lane = kNoLane;
  double sent_at = 0.0;
  uint64_t bytes = 0;
  HopStatus status = HopStatus::Ok;  // set by the receiver when it discards the frame
  MessagePtr message{};              // Direct*, Publish, Deliver, Return
  bool owns_message = false;         // the message is the sender's no more: lost with the frame if it is lost
  CallId call = 0;                   // for frames without a message (Refused)
  uint32_t queue = 0;                // Deliver, Ack, Reject, Consume: broker-local queue id
  uint64_t tag = 0;                  // Deliver, Ack, Reject: delivery tag
  bool requeue = false;              // Reject
  NodeId peer = kNoNode;             // ConnectionLost
  uint32_t peer_epoch = 0;           // Connect, ConnectionLost: the incarnation of the connecting (or lost) process
  bool host_down = false;            // Kill: the whole host went down (no RST reaches the peers)
  uint64_t publish_seq = 0;          // Publish, Confirm: the publisher's confirm sequence number
  bool nack = false;                 // Confirm: negative
  std::shared_ptr<const broker::ConsumeSpec> consume{};                    // Consume
  std::shared_ptr<const std::vector<broker::ExchangeDecl>> declares{};     // Connect
  std::shared_ptr<const std::vector<broker::QueueDecl>> queue_declares{};  // Connect: queues it declares, not consumes
};

using EnvelopePtr = std::unique_ptr<Envelope>;

// Bytes of a protocol frame without a message (an AMQP method frame plus TCP/IP headers).
inline constexpr uint64_t kFrameBytes = 80;

// Frames as the models build them; the runtime fills in the sender and its incarnation, the time and the receiver's
// incarnation.
// Other fields are set with designated initialisers where a frame needs them (Envelope{.frame = ..., .call = ...}).

// A protocol frame without a message, drawn as `hop`, from lane `from_lane` to node `to` (lane `to_lane`).
inline EnvelopePtr protocol_frame(Frame frame, HopKind hop, NodeId to, LaneId from_lane, LaneId to_lane) {
  return std::make_unique<Envelope>(Envelope{
      .frame = frame, .hop = hop, .to_node = to, .from_lane = from_lane, .to_lane = to_lane, .bytes = kFrameBytes});
}

// A protocol frame back to the sender of `received`.
inline EnvelopePtr answer_to(const Envelope& received, Frame frame, HopKind hop, LaneId from_lane) {
  return protocol_frame(frame, hop, received.from_node, from_lane, received.from_lane);
}

// A frame carrying `message` and owning it (the message is lost with the frame if the frame is lost), as big as the
// message on the wire. A publish leaves `to` for the broker link, which sends it to its current broker.
inline EnvelopePtr message_frame(Frame frame, HopKind hop, LaneId from_lane, MessagePtr message, NodeId to = kNoNode,
                                 LaneId to_lane = kNoLane) {
  const uint64_t bytes = message->wire_bytes;
  return std::make_unique<Envelope>(Envelope{.frame = frame,
                                             .hop = hop,
                                             .to_node = to,
                                             .from_lane = from_lane,
                                             .to_lane = to_lane,
                                             .bytes = bytes,
                                             .message = std::move(message),
                                             .owns_message = true});
}

// A local event for a process (a fault, or what its host's kernel tells it): never on the network.
inline EnvelopePtr local_frame(Frame frame, bool host_down = false) {
  return std::make_unique<Envelope>(Envelope{.frame = frame, .hop = HopKind::Local, .host_down = host_down});
}

}  // namespace buslab
