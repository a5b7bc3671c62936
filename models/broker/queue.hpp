#pragma once
// One AMQP queue's state (docs/semantics.md 1.4-1.8, 1.12): ready messages in FIFO order with their TTLs and length
// limits, deliveries awaiting their acknowledgement, and the consumers it pushes to: round-robin among the
// highest-priority consumers whose prefetch window has room, or to one consumer at a time (single active
// consumer). Messages it lets go (expired, pushed out, rejected) come back to the caller with their reason,
// for dead-lettering or dropping. Plain C++: the broker node drives it, unit tests drive it directly.
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/broker/unacked_list.hpp"
#include "models/core/amqp_declarations.hpp"
#include "models/core/ids.hpp"
#include "models/core/message.hpp"

namespace buslab::broker {

using QueueId = uint32_t;
using ConsumerId = uint32_t;

// Why a message left a queue without being acknowledged (the x-death reason when dead-lettered).
enum class LeaveReason { Expired, MaxLength, Rejected };
const char* to_string(LeaveReason reason);

struct Consumer {
  ConsumerId id = 0;
  NodeId node = kNoNode;
  uint32_t epoch = 0;  // the incarnation of `node` whose connection subscribed
  LaneId lane = kNoLane;
  int prefetch = 0;  // unacknowledged deliveries allowed, 0 = unlimited (basic.qos, per consumer)
  bool auto_ack = false;
  int priority = 0;  // x-priority: higher first
  uint32_t unacked = 0;

  bool has_credit() const { return auto_ack || prefetch == 0 || unacked < static_cast<uint32_t>(prefetch); }
};

// A delivery the queue decided on: the broker sends `message` to `consumer`.
struct Delivery {
  ConsumerId consumer = 0;
  NodeId node = kNoNode;
  uint32_t epoch = 0;  // the consumer's incarnation: the delivery goes down its connection
  LaneId lane = kNoLane;
  uint64_t tag = 0;
  bool auto_ack = false;  // the message left the queue for good
  MessagePtr message;     // a copy to send (with auto-ack: the message itself)
};

// A message the queue let go, and why.
struct Departure {
  MessagePtr message;
  LeaveReason reason;
};

struct EnqueueResult {
  bool accepted = true;             // false: refused by reject-publish(-dlx) overflow; the publisher gets a nack
  std::vector<Departure> departed;  // pushed out by drop-head, or the refused message with reject-publish-dlx
  MessagePtr refused;               // the refused message with plain reject-publish (dropped, not dead-lettered)
};

class Queue {
 public:
  Queue(QueueId id, std::string name, LaneId lane, QueueOptions options = {});

  QueueId id() const { return id_; }
  const std::string& name() const { return name_; }
  LaneId lane() const { return lane_; }
  const QueueOptions& options() const { return options_; }

  // basic.publish routed here at `now`: applies the queue TTL and the length limit.
  EnqueueResult enqueue(MessagePtr message, double now);
  // A consumer on the connection of incarnation `epoch` of `node`.
  ConsumerId add_consumer(NodeId node, LaneId lane, int prefetch, bool auto_ack, int priority = 0, uint32_t epoch = 0);
  // Removes a consumer (cancel with its connection closing): its unacknowledged messages go back to their
  // original positions, flagged redelivered. Returns them (valid until the queue changes) for accounting.
  std::vector<Message*> remove_consumer(ConsumerId consumer);
  // Removes every consumer of the connection of incarnation `epoch` of `node`, requeueing their unacknowledged
  // messages; returns those.
  std::vector<Message*> remove_consumers_of(NodeId node, uint32_t epoch);
  // Ready messages at the head whose TTL has passed (RabbitMQ expires them when they reach the head).
  std::vector<Departure> take_expired_head(double now);
  // Every ready message whose TTL has passed, wherever it is (end-of-run accounting).
  std::vector<Departure> take_expired(double now);
  // When the head message expires (kNever when none or no TTL).
  double head_expiry() const;
  // The next delivery, if a message is ready and a consumer may take it now.
  std::optional<Delivery> next_delivery();
  // basic.ack: the message leaves the queue; returns it, or nullptr for an unknown tag.
  MessagePtr ack(uint64_t tag);
  // basic.reject/nack: with requeue the message returns to its position (redelivered) and nothing is returned;
  // without, it leaves the queue, returned as rejected (for dead-lettering).
  // `requeued`, when given, receives the requeued message (valid until the queue changes).
  std::optional<Departure> reject(uint64_t tag, bool requeue, Message** requeued = nullptr);
  // Removes and returns the ready messages for which `pred` holds, in queue order.
  std::vector<MessagePtr> take_ready_if(const std::function<bool(const Message&)>& pred);
  // Takes every message, ready and unacknowledged, in queue order (deletion or broker crash).
  std::vector<MessagePtr> take_all();

  size_t ready() const { return ready_.size(); }
  // The enqueue order numbers of the ready messages, head first (FIFO: ascending).
  std::vector<uint64_t> ready_sequence() const;
  uint64_t ready_bytes() const { return ready_bytes_; }
  size_t unacked() const { return unacked_.size(); }
  uint64_t unacked_bytes() const { return unacked_bytes_; }
  // Appends the ids of the messages awaiting their acknowledgement.
  void unacked_messages(std::vector<MsgId>& ids) const;
  size_t consumer_count() const { return consumers_.size(); }
  bool has_consumer(ConsumerId consumer) const;
  // Delivery `tag` is still awaiting its acknowledgement (not acked, rejected or requeued).
  bool awaits_ack(uint64_t tag) const { return unacked_.find(tag) != nullptr; }
  // The message of delivery `tag` while it awaits its acknowledgement, else nullptr.
  const Message* unacked_message(uint64_t tag) const {
    const UnackedList::Entry* u = unacked_.find(tag);
    return u ? u->message.get() : nullptr;
  }
  bool ever_consumed() const { return ever_consumed_; }
  const std::vector<Consumer>& consumers() const { return consumers_; }
  // A delivery could be made now.
  bool deliverable() const;
  // The active consumer of a single-active-consumer queue.
  std::optional<ConsumerId> active_consumer() const;

 private:
  struct Held {
    uint64_t seq;  // enqueue order: a requeued message returns to this position
    MessagePtr message;
  };
  Message* requeue(uint64_t seq, MessagePtr message);
  Consumer* find_consumer(ConsumerId id);
  // The consumer the next delivery goes to, by priority then round-robin; updates the round-robin turn.
  Consumer* pick_consumer();
  std::vector<Consumer>::const_iterator consumer_position(ConsumerId id) const;
  bool over_limit(uint64_t extra_messages, uint64_t extra_bytes) const;
  Held pop_head();

  QueueId id_;
  std::string name_;
  LaneId lane_;
  QueueOptions options_;
  std::deque<Held> ready_;  // sorted by seq
  uint64_t ready_bytes_ = 0;
  UnackedList unacked_;
  uint64_t unacked_bytes_ = 0;
  std::vector<Consumer> consumers_;  // in subscription order
  size_t next_consumer_ = 0;         // round-robin position
  bool uniform_priority_ = true;     // every consumer has the same x-priority (pick_consumer needs no first pass)
  bool ever_consumed_ = false;
  uint64_t next_seq_ = 1;
  uint64_t last_fresh_seq_ = 0;  // the enqueue order of the last message delivered for the first time
  uint64_t next_tag_ = 1;
  ConsumerId next_consumer_id_ = 1;
};

}  // namespace buslab::broker
