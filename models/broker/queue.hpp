#pragma once
// One AMQP queue's state (semantics.md 1.4-1.8, 1.12): ready messages in FIFO order, deliveries awaiting their
// acknowledgement, and the consumers it pushes to, round-robin among those whose prefetch window has room.
// Plain C++: the broker node drives it, unit tests drive it directly.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/core/ids.hpp"
#include "models/core/message.hpp"

namespace buslab::broker {

using QueueId = uint32_t;
using ConsumerId = uint32_t;

struct Consumer {
  ConsumerId id = 0;
  NodeId node = kNoNode;
  LaneId lane = kNoLane;
  int prefetch = 0;  // unacknowledged deliveries allowed, 0 = unlimited (basic.qos, per consumer)
  bool auto_ack = false;
  uint32_t unacked = 0;

  bool has_credit() const { return prefetch == 0 || unacked < static_cast<uint32_t>(prefetch); }
};

// A delivery the queue decided on: the broker sends `message` to `consumer`.
struct Delivery {
  ConsumerId consumer = 0;
  NodeId node = kNoNode;
  LaneId lane = kNoLane;
  uint64_t tag = 0;
  bool auto_ack = false;  // the message left the queue for good
  MessagePtr message;     // a copy to send (with auto-ack: the message itself)
};

class Queue {
 public:
  Queue(QueueId id, std::string name, LaneId lane);

  QueueId id() const { return id_; }
  const std::string& name() const { return name_; }
  LaneId lane() const { return lane_; }

  // Appends a message (basic.publish routed here).
  void enqueue(MessagePtr message);
  ConsumerId add_consumer(NodeId node, LaneId lane, int prefetch, bool auto_ack);
  // Removes a consumer (its connection closed): its unacknowledged messages go back to their original
  // positions, flagged redelivered. Returns them (valid until the queue changes) so the caller can account.
  std::vector<Message*> remove_consumer(ConsumerId consumer);
  // Removes every consumer of `node`, requeueing their unacknowledged messages; returns those.
  std::vector<Message*> remove_consumers_of(NodeId node);
  // Removes and returns the ready messages at the head whose TTL has passed (RabbitMQ expires them lazily,
  // when they reach the head).
  std::vector<MessagePtr> take_expired_head(double now);
  // Removes and returns every ready message whose TTL has passed, wherever it is.
  std::vector<MessagePtr> take_expired(double now);
  // The next delivery, if a message is ready and a consumer has credit: the head message goes to the next
  // consumer in round-robin order that has room in its prefetch window.
  std::optional<Delivery> next_delivery();
  // basic.ack: the message leaves the queue; returns it, or nullptr for an unknown tag.
  MessagePtr ack(uint64_t tag);
  // basic.reject/nack: with requeue the message returns to its position (redelivered) and nullptr is returned;
  // without, it leaves the queue and is returned (to be dropped or dead-lettered).
  MessagePtr reject(uint64_t tag, bool requeue);
  // Takes every message, ready and unacknowledged (the queue is deleted or the broker died).
  std::vector<MessagePtr> take_all();

  size_t ready() const { return ready_.size(); }
  size_t unacked() const { return unacked_.size(); }
  size_t consumer_count() const { return consumers_.size(); }
  const std::vector<Consumer>& consumers() const { return consumers_; }
  // A delivery could be made now.
  bool deliverable() const;

 private:
  struct Held {
    uint64_t seq;  // enqueue order: a requeued message returns to this position
    MessagePtr message;
  };
  struct InFlight {
    uint64_t seq;
    ConsumerId consumer;
    MessagePtr message;
  };
  Message* requeue(uint64_t seq, MessagePtr message);
  Consumer* find_consumer(ConsumerId id);

  QueueId id_;
  std::string name_;
  LaneId lane_;
  std::deque<Held> ready_;                // sorted by seq
  std::map<uint64_t, InFlight> unacked_;  // by delivery tag
  std::vector<Consumer> consumers_;       // in subscription order
  size_t next_consumer_ = 0;              // round-robin position
  uint64_t next_seq_ = 1;
  uint64_t next_tag_ = 1;
  ConsumerId next_consumer_id_ = 1;
};

}  // namespace buslab::broker
