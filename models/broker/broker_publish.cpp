// BrokerNode, publish side: routing a publish into queues (copies for each extra queue), basic.return,
// dead-lettering, disk writes of persistent messages, and publisher confirms.
#include <algorithm>

#include "models/broker/broker_node.hpp"

namespace buslab {

using broker::QueueId;

void BrokerNode::finish_publish(Runtime& rt, Job& job) {
  Message& message = *job.message;
  const LaneId from = exchange_lane(message.amqp.exchange);
  uint64_t confirm_key = 0;
  if (job.publish_seq > 0) {
    confirm_key = next_confirm_key_++;
    confirms_[confirm_key] = PendingConfirm{job.publisher, job.from_lane, job.publish_seq, 0, false};
  }
  const broker::RouteOutcome outcome =
      router_.route(message.amqp.exchange, message.amqp.routing_key, message.amqp.headers, routed_);
  if (outcome == broker::RouteOutcome::NoSuchExchange) {
    // A 404 channel error in AMQP; the publish is gone, and a confirming publisher hears a nack.
    ++stats_.unroutable;
    world_.ledger.drop(message.id, DropReason::NoExchange);
    if (confirm_key) confirms_[confirm_key].nack = true;
  } else if (routed_.empty()) {
    ++stats_.unroutable;
    if (message.amqp.mandatory) {
      // basic.return: the message goes back to its publisher (before the confirm, docs/semantics.md 1.3).
      ++stats_.returned;
      world_.ledger.place(message.id, Place::InTransit);
      rt.send(
          message_frame(Frame::Return, HopKind::Return, from, std::move(job.message), job.publisher, job.from_lane));
    } else {
      world_.ledger.drop(message.id, DropReason::Unroutable);
    }
  } else {
    const std::vector<QueueId> targets = routed_;
    if (enqueue_routed(rt, std::move(job.message), targets, from, confirm_key) && confirm_key)
      confirms_[confirm_key].nack = true;
  }
  if (confirm_key) {
    const PendingConfirm& pending = confirms_[confirm_key];
    if (pending.writes_left == 0) {
      send_confirm(rt, pending);
      confirms_.erase(confirm_key);
    }
  }
}

bool BrokerNode::enqueue_routed(Runtime& rt, MessagePtr message, const std::vector<QueueId>& targets, LaneId from_lane,
                                uint64_t confirm_key) {
  bool refused = false;
  for (size_t i = 0; i < targets.size(); ++i) {
    const QueueId q = targets[i];
    QueueSlot* s = slot(q);
    if (!s) continue;
    // The first queue keeps the message; every further queue gets a copy, a message of its own in the ledger.
    MessagePtr copy;
    if (i + 1 < targets.size()) {
      copy = std::make_unique<Message>(*message);
      copy->id = world_.ledger.create();
    } else {
      copy = std::move(message);
    }
    const MsgId id = copy->id;
    const uint64_t bytes = copy->wire_bytes;
    const bool persistent = copy->amqp.persistent;
    world_.trace.hop(id, copy->rpc.call, HopKind::Route, from_lane, s->queue->lane(), rt.now(), rt.now(), bytes,
                     copy->rpc.method, HopStatus::Ok);
    world_.ledger.place(id, Place::QueueReady);
    broker::EnqueueResult result = s->queue->enqueue(std::move(copy), rt.now());
    if (!result.accepted) refused = true;
    if (result.refused) {
      // reject-publish: the newest message is refused; it goes nowhere (the publisher gets a nack).
      ++s->stats->dropped;
      world_.ledger.drop(result.refused->id, DropReason::MaxLength);
    }
    if (result.accepted) {
      ++s->stats->published;
      if (persistent && s->queue->options().durable) persist(rt, id, bytes, confirm_key);
    }
    for (broker::Departure& d : result.departed) dead_letter(rt, q, std::move(d));
    dispatch(rt, q);
  }
  return refused;
}

void BrokerNode::settle_without_queue(MessagePtr message, broker::LeaveReason reason) {
  switch (reason) {
    case broker::LeaveReason::Expired:
      world_.ledger.expire(message->id);
      return;
    case broker::LeaveReason::MaxLength:
      world_.ledger.drop(message->id, DropReason::MaxLength);
      return;
    case broker::LeaveReason::Rejected:
      world_.ledger.drop(message->id, DropReason::Rejected);
      return;
  }
}

void BrokerNode::dead_letter(Runtime& rt, QueueId from, broker::Departure departure) {
  QueueSlot* s = slot(from);
  MessagePtr message = std::move(departure.message);
  if (departure.reason == broker::LeaveReason::Expired)
    ++s->stats->expired;
  else
    ++s->stats->dropped;
  const broker::QueueOptions& options = s->queue->options();
  if (!options.dead_letter_exchange) {
    settle_without_queue(std::move(message), departure.reason);
    return;
  }
  // Republished to the dead-letter exchange with the reason recorded (x-death), under the dead-letter routing
  // key or its own; its expiration is removed so it does not expire again (RabbitMQ dlx.md).
  const std::string death = s->queue->name() + ":" + broker::to_string(departure.reason);
  message->amqp.headers.emplace_back("x-death", death);
  message->amqp.exchange = *options.dead_letter_exchange;
  if (options.dead_letter_routing_key) message->amqp.routing_key = *options.dead_letter_routing_key;
  message->amqp.expires_at = kNever;
  message->amqp.redelivered = false;
  const broker::RouteOutcome outcome =
      router_.route(message->amqp.exchange, message->amqp.routing_key, message->amqp.headers, routed_);
  // A message that would come back to a queue it already died in is dropped there unless a rejection is part of
  // the cycle: without one the cycle would never end (RabbitMQ dlx.md).
  bool rejected_in_cycle = false;
  for (const auto& [key, value] : message->amqp.headers)
    if (key == "x-death" && value.size() > 9 && value.compare(value.size() - 9, 9, ":rejected") == 0)
      rejected_in_cycle = true;
  std::vector<QueueId> targets;
  for (QueueId q : routed_) {
    const QueueSlot* target = slot(q);
    if (!target) continue;
    bool died_there = false;
    for (const auto& [key, value] : message->amqp.headers)
      if (key == "x-death" && value.rfind(target->queue->name() + ":", 0) == 0) died_there = true;
    if (!died_there || rejected_in_cycle) targets.push_back(q);
  }
  if (outcome != broker::RouteOutcome::Routed || targets.empty()) {
    settle_without_queue(std::move(message), departure.reason);  // a missing dead-letter exchange drops it
    return;
  }
  ++s->stats->dead_lettered;
  enqueue_routed(rt, std::move(message), targets, exchange_lane(*options.dead_letter_exchange), 0);
}

void BrokerNode::persist(Runtime& rt, MsgId message, uint64_t bytes, uint64_t confirm_key) {
  const uint64_t write = next_write_++;
  writes_[write] = {message, confirm_key};
  unwritten_.insert(message);
  if (confirm_key) ++confirms_[confirm_key].writes_left;
  ++stats_.disk_writes;
  rt.start_disk_write(bytes, make_tag(TagKind::DiskWrite, write));
}

void BrokerNode::disk_write_done(Runtime& rt, uint64_t write) {
  auto it = writes_.find(write);
  if (it == writes_.end()) return;
  const auto [message, confirm_key] = it->second;
  writes_.erase(it);
  unwritten_.erase(message);
  if (!confirm_key) return;
  auto pending = confirms_.find(confirm_key);
  if (pending == confirms_.end()) return;
  // A persistent message is confirmed once it is on disk (docs/semantics.md 1.9).
  if (--pending->second.writes_left == 0) {
    send_confirm(rt, pending->second);
    confirms_.erase(pending);
  }
}

void BrokerNode::send_confirm(Runtime& rt, const PendingConfirm& pending) {
  if (pending.nack)
    ++stats_.nacked;
  else
    ++stats_.confirmed;
  send_frame(rt, Frame::Confirm, HopKind::Confirm, pending.publisher, pending.lane, pending.seq, pending.nack);
}

}  // namespace buslab
