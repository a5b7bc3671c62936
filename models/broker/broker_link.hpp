#pragma once
// A process's connection to a broker, as kombu keeps it for oslo.messaging (docs/semantics.md 2.10, 2.11): when the
// broker resets the connection or stops answering heartbeats, the process reconnects with back-off (1 s, then
// +2 s per attempt, at most 30 s, plus a 1 s reconnect delay), moving to the next broker of its failover list
// after each failed attempt; on reconnecting it declares its exchanges and queues again and resumes consuming.
// Publishes made while disconnected wait in an outbox (retry forever, oslo's default) or fail at once.
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "models/core/amqp_declarations.hpp"
#include "models/core/runtime.hpp"
#include "models/core/tags.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct BrokerLinkConfig {
  std::vector<NodeId> brokers;  // failover list, in order
  std::vector<LaneId> broker_lanes;
  std::vector<broker::ExchangeDecl> exchanges;  // declared on every connection
  std::vector<broker::QueueDecl> queues;        // declared (with their bindings), not consumed, on every connection
  std::vector<std::shared_ptr<const broker::ConsumeSpec>> consumes;  // declared and consumed on every connection
  double reconnect_delay = 1.0;                                      // kombu_reconnect_delay
  double retry_interval = 1.0;                                       // rabbit_retry_interval: the first back-off
  double retry_backoff = 2.0;                                        // rabbit_retry_backoff: added per attempt
  double retry_max = 30.0;                                           // rabbit_interval_max
  double connect_timeout = 5.0;  // a connection attempt with no answer by then has failed
  double heartbeat_timeout = 60.0;
  int retry = -1;  // reconnect attempts before held publishes fail; -1: forever
  // The lane of exchange `exchange` on broker `broker` (where a publish is drawn to).
  std::function<LaneId(NodeId broker, const std::string& exchange)> exchange_lane;
};

class BrokerLink {
 public:
  // Why held publishes were given up.
  using FailedPublish = std::function<void(Runtime&, MessagePtr)>;

  BrokerLink(World& world, NodeId self, LaneId self_lane, BrokerLinkConfig config);

  // The process starts: either the run begins with it connected (its broker lists it already), or it connects.
  void start(Runtime& rt, bool already_connected);
  bool connected() const { return connected_; }
  NodeId broker() const { return config_.brokers[current_]; }
  LaneId broker_lane() const { return config_.broker_lanes[current_]; }
  // Bumped by every new connection: deliveries of an older one can no longer be acknowledged.
  uint32_t generation() const { return generation_; }

  // Sends a publish (to the current broker, drawn to `exchange`), holding it (Place::Outbox) while
  // disconnected; the failed-publish callback gets it back if it is given up.
  void publish(Runtime& rt, EnvelopePtr publish);
  // basic.ack or basic.reject of one delivery.
  struct Settlement {
    Frame frame = Frame::Ack;  // Ack or Reject
    LaneId queue_lane = kNoLane;
    uint32_t queue = 0;  // the broker's id of the queue the delivery came from
    uint64_t tag = 0;
    CallId call = 0;  // for the trace: the RPC call the delivery belongs to, if any
    bool requeue = false;
  };
  // Sends it for a delivery of connection `generation`; dropped, returning false, if that connection is gone
  // (the broker has requeued the delivery).
  bool settle(Runtime& rt, const Settlement& settlement, uint32_t generation);
  // Handles ConnectOk, Refused and BrokerLost, and a delivery whose message already met its fate (lost: its
  // broker died, or deleted its queue, while it was on the wire); false for any other frame.
  bool on_frame(Runtime& rt, Envelope& env);
  // Handles the link's timers (LinkAttempt, LinkConnectTimeout); false for any other tag.
  bool on_timer(Runtime& rt, uint64_t tag);
  // The owning process died: tell the broker (reset, or nothing from a dead host), lose the outbox.
  void on_crash(Runtime& rt, bool host_down, LossCause cause);
  // Runs after every (re)connection, once the consumes are sent.
  void set_on_connected(std::function<void(Runtime&)> callback) { on_connected_ = std::move(callback); }
  // Replaces what it declares and consumes on its next connection (a server's new fanout queue at a restart).
  void set_consumes(std::vector<std::shared_ptr<const broker::ConsumeSpec>> consumes) {
    config_.consumes = std::move(consumes);
  }
  void set_on_failed_publish(FailedPublish callback) { on_failed_ = std::move(callback); }
  // Runs when the connection is lost (the broker reset it or died): confirms awaited will not come.
  void set_on_lost(std::function<void(Runtime&)> callback) { on_lost_ = std::move(callback); }
  // The next publisher-confirm sequence number of this process (its replies and its own requests share them).
  uint64_t next_publish_seq() { return next_publish_seq_++; }
  // Runs whenever a publish actually leaves for the broker (at once, or when the outbox is flushed), in time to
  // stamp it (e.g. a call's expiration counts from then).
  void set_on_sent(std::function<void(Runtime&, Message&)> callback) { on_sent_ = std::move(callback); }

  size_t held() const { return outbox_.size(); }
  // Appends the ids of the messages in its outbox.
  void held_messages(std::vector<MsgId>& ids) const {
    for (const auto& env : outbox_) ids.push_back(env->message->id);
  }
  uint64_t reconnects() const { return reconnects_; }

 private:
  void lost(Runtime& rt);
  void schedule_attempt(Runtime& rt);
  void attempt(Runtime& rt);
  void attempt_failed(Runtime& rt);
  void connected_now(Runtime& rt);
  void give_up_held(Runtime& rt);
  // A delivery whose broker copy is gone (the broker died or restarted while it was on the wire).
  bool ghost_delivery(const Envelope& env) const;

  World& world_;
  NodeId self_;
  LaneId lane_;
  BrokerLinkConfig config_;
  std::shared_ptr<const std::vector<broker::ExchangeDecl>> exchanges_;
  std::shared_ptr<const std::vector<broker::QueueDecl>> queues_;
  size_t current_ = 0;
  bool connected_ = false;
  bool connecting_ = false;
  uint32_t generation_ = 0;
  int attempts_ = 0;         // failed attempts since the connection was lost
  uint64_t attempt_id_ = 0;  // which attempt a timeout belongs to
  TimerId pending_timer_ = 0;
  uint64_t reconnects_ = 0;
  std::deque<EnvelopePtr> outbox_;
  std::function<void(Runtime&)> on_connected_;
  FailedPublish on_failed_;
  std::function<void(Runtime&, Message&)> on_sent_;
  std::function<void(Runtime&)> on_lost_;
  uint64_t next_publish_seq_ = 1;
};

}  // namespace buslab
