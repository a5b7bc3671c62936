#include "models/broker/broker_link.hpp"

#include <algorithm>

#include "models/broker/connection_loss.hpp"

namespace buslab {

BrokerLink::BrokerLink(World& world, NodeId self, LaneId self_lane, BrokerLinkConfig config)
    : world_(world),
      self_(self),
      lane_(self_lane),
      config_(std::move(config)),
      exchanges_(std::make_shared<const std::vector<broker::ExchangeDecl>>(config_.exchanges)),
      queues_(std::make_shared<const std::vector<broker::QueueDecl>>(config_.queues)) {}

void BrokerLink::start(Runtime& rt, bool already_connected) {
  current_ = 0;
  attempts_ = 0;
  connecting_ = false;
  outbox_.clear();
  if (already_connected) {
    connected_ = true;
    ++generation_;
    return;
  }
  connected_ = false;
  attempt(rt);
}

void BrokerLink::publish(Runtime& rt, EnvelopePtr env) {
  Message& message = *env->message;
  if (connected_) {
    env->to_node = broker();
    env->to_lane = config_.exchange_lane(broker(), message.amqp.exchange);
    world_.ledger.place(message.id, Place::InTransit);
    if (on_sent_) on_sent_(rt, message);
    rt.send(std::move(env));
    return;
  }
  if (config_.retry == 0) {
    // retry=0: no waiting for the broker, the send fails at once (MessageDeliveryFailure).
    if (on_failed_) on_failed_(rt, std::move(env->message));
    return;
  }
  world_.ledger.place(message.id, Place::Outbox);
  outbox_.push_back(std::move(env));
}

bool BrokerLink::settle(Runtime& rt, const Settlement& settlement, uint32_t generation) {
  // A delivery tag means something only on the channel it came from; when that connection died, the broker
  // requeued the delivery and an ack sent now would be refused.
  if (!connected_ || generation != generation_) return false;
  EnvelopePtr frame = protocol_frame(settlement.frame, settlement.frame == Frame::Ack ? HopKind::Ack : HopKind::Nack,
                                     broker(), lane_, settlement.queue_lane);
  frame->queue = settlement.queue;
  frame->tag = settlement.tag;
  frame->call = settlement.call;
  frame->requeue = settlement.requeue;
  rt.send(std::move(frame));
  return true;
}

bool BrokerLink::on_frame(Runtime& rt, Envelope& env) {
  switch (env.frame) {
    case Frame::ConnectOk:
      if (connecting_ && env.from_node == broker()) connected_now(rt);
      return true;
    case Frame::Refused:
      if (env.call != 0) return false;  // a refused direct call, not a broker connection
      if (connecting_ && env.from_node == broker()) attempt_failed(rt);
      return true;
    case Frame::BrokerLost:
      if (connected_ && env.peer == broker()) lost(rt);
      return true;
    case Frame::Deliver:
      if (!ghost_delivery(env)) return false;
      env.status = HopStatus::Lost;
      return true;
    default:
      return false;
  }
}

bool BrokerLink::on_timer(Runtime& rt, uint64_t tag) {
  switch (tag_kind(tag)) {
    case TagKind::LinkAttempt:
      if (!connected_ && !connecting_) attempt(rt);
      return true;
    case TagKind::LinkConnectTimeout:
      if (connecting_ && tag_value(tag) == attempt_id_) attempt_failed(rt);
      return true;
    default:
      return false;
  }
}

bool BrokerLink::ghost_delivery(const Envelope& env) const {
  // A delivery the broker keeps a copy of (no auto-ack) is only good while that copy is: when the broker dies
  // (or restarts) with the frame on the wire, the reset of its connection takes the frame, and the broker's copy
  // is requeued, or lost, with the queue. Likewise when the message met its fate meanwhile (its queue deleted).
  if (env.owns_message || !env.message) return false;
  const NodeId from = env.from_node;
  return !world_.ledger.is_live(env.message->id) || !world_.directory.alive(from) ||
         world_.directory.epoch(from) != env.from_epoch;
}

void BrokerLink::lost(Runtime& rt) {
  connected_ = false;
  connecting_ = false;
  attempts_ = 0;
  world_.trace.event(rt.now(), lane_, EventType::Disconnected);
  schedule_attempt(rt);
  if (on_lost_) on_lost_(rt);
}

void BrokerLink::schedule_attempt(Runtime& rt) {
  const double backoff = std::min(config_.retry_interval + attempts_ * config_.retry_backoff, config_.retry_max);
  pending_timer_ = rt.set_timer(rt.now() + config_.reconnect_delay + backoff, make_tag(TagKind::LinkAttempt, 0));
}

void BrokerLink::attempt(Runtime& rt) {
  connecting_ = true;
  ++attempt_id_;
  EnvelopePtr connect = protocol_frame(Frame::Connect, HopKind::Control, broker(), lane_, broker_lane());
  connect->peer_epoch = world_.directory.epoch(self_);
  connect->declares = exchanges_;
  connect->queue_declares = queues_;
  rt.send(std::move(connect));
  rt.set_timer(rt.now() + config_.connect_timeout, make_tag(TagKind::LinkConnectTimeout, attempt_id_));
}

void BrokerLink::attempt_failed(Runtime& rt) {
  connecting_ = false;
  ++attempts_;
  current_ = (current_ + 1) % config_.brokers.size();
  if (config_.retry >= 0 && attempts_ > config_.retry) give_up_held(rt);
  schedule_attempt(rt);
}

void BrokerLink::give_up_held(Runtime& rt) {
  while (!outbox_.empty()) {
    EnvelopePtr env = std::move(outbox_.front());
    outbox_.pop_front();
    if (on_failed_) on_failed_(rt, std::move(env->message));
  }
}

void BrokerLink::connected_now(Runtime& rt) {
  connecting_ = false;
  connected_ = true;
  attempts_ = 0;
  ++generation_;
  ++reconnects_;
  world_.trace.event(rt.now(), lane_, EventType::Connected, static_cast<int64_t>(current_));
  for (const auto& spec : config_.consumes) {
    EnvelopePtr consume = protocol_frame(Frame::Consume, HopKind::Control, broker(), lane_, broker_lane());
    consume->consume = spec;
    rt.send(std::move(consume));
  }
  while (!outbox_.empty()) {
    EnvelopePtr env = std::move(outbox_.front());
    outbox_.pop_front();
    publish(rt, std::move(env));
  }
  if (on_connected_) on_connected_(rt);
}

void BrokerLink::on_crash(Runtime& rt, bool host_down, LossCause cause) {
  if (connected_)
    report_connection_loss(world_, rt, ConnectionPeer{self_, lane_, broker(), broker_lane()}, host_down,
                           config_.heartbeat_timeout);
  connected_ = false;
  connecting_ = false;
  for (auto& env : outbox_) world_.ledger.lose(env->message->id, cause);
  outbox_.clear();
}

}  // namespace buslab
