#include "models/broker/queue.hpp"

#include <algorithm>

namespace buslab::broker {

Queue::Queue(QueueId id, std::string name, LaneId lane) : id_(id), name_(std::move(name)), lane_(lane) {}

void Queue::enqueue(MessagePtr message) {
  ready_.push_back(Held{next_seq_++, std::move(message)});
}

ConsumerId Queue::add_consumer(NodeId node, LaneId lane, int prefetch, bool auto_ack) {
  Consumer c;
  c.id = next_consumer_id_++;
  c.node = node;
  c.lane = lane;
  c.prefetch = prefetch;
  c.auto_ack = auto_ack;
  consumers_.push_back(c);
  return c.id;
}

Consumer* Queue::find_consumer(ConsumerId id) {
  for (auto& c : consumers_)
    if (c.id == id) return &c;
  return nullptr;
}

Message* Queue::requeue(uint64_t seq, MessagePtr message) {
  message->amqp.redelivered = true;
  Message* raw = message.get();
  auto pos = std::lower_bound(ready_.begin(), ready_.end(), seq, [](const Held& h, uint64_t s) { return h.seq < s; });
  ready_.insert(pos, Held{seq, std::move(message)});
  return raw;
}

std::vector<Message*> Queue::remove_consumer(ConsumerId consumer) {
  std::vector<Message*> requeued;
  auto it = std::find_if(consumers_.begin(), consumers_.end(), [&](const Consumer& c) { return c.id == consumer; });
  if (it == consumers_.end()) return requeued;
  const size_t index = static_cast<size_t>(it - consumers_.begin());
  consumers_.erase(it);
  // Keep the round-robin turn on the consumer that would have come next.
  if (index < next_consumer_) --next_consumer_;
  if (next_consumer_ >= consumers_.size()) next_consumer_ = 0;
  for (auto u = unacked_.begin(); u != unacked_.end();) {
    if (u->second.consumer == consumer) {
      requeued.push_back(requeue(u->second.seq, std::move(u->second.message)));
      u = unacked_.erase(u);
    } else {
      ++u;
    }
  }
  return requeued;
}

std::vector<Message*> Queue::remove_consumers_of(NodeId node) {
  std::vector<ConsumerId> gone;
  for (const auto& c : consumers_)
    if (c.node == node) gone.push_back(c.id);
  std::vector<Message*> requeued;
  for (ConsumerId id : gone)
    for (Message* m : remove_consumer(id)) requeued.push_back(m);
  return requeued;
}

std::vector<MessagePtr> Queue::take_expired_head(double now) {
  std::vector<MessagePtr> expired;
  while (!ready_.empty() && ready_.front().message->amqp.expires_at <= now) {
    expired.push_back(std::move(ready_.front().message));
    ready_.pop_front();
  }
  return expired;
}

std::vector<MessagePtr> Queue::take_expired(double now) {
  std::vector<MessagePtr> expired;
  std::deque<Held> kept;
  for (auto& h : ready_) {
    if (h.message->amqp.expires_at <= now)
      expired.push_back(std::move(h.message));
    else
      kept.push_back(std::move(h));
  }
  ready_ = std::move(kept);
  return expired;
}

bool Queue::deliverable() const {
  if (ready_.empty()) return false;
  return std::any_of(consumers_.begin(), consumers_.end(), [](const Consumer& c) { return c.has_credit(); });
}

std::optional<Delivery> Queue::next_delivery() {
  if (ready_.empty() || consumers_.empty()) return std::nullopt;
  // Round-robin among active consumers: a consumer whose window is full is skipped, never waited for.
  for (size_t tried = 0; tried < consumers_.size(); ++tried) {
    Consumer& c = consumers_[(next_consumer_ + tried) % consumers_.size()];
    if (!c.has_credit()) continue;
    next_consumer_ = (next_consumer_ + tried + 1) % consumers_.size();
    Held head = std::move(ready_.front());
    ready_.pop_front();
    Delivery d;
    d.consumer = c.id;
    d.node = c.node;
    d.lane = c.lane;
    d.tag = next_tag_++;
    d.auto_ack = c.auto_ack;
    if (c.auto_ack) {
      d.message = std::move(head.message);
    } else {
      d.message = std::make_unique<Message>(*head.message);
      ++c.unacked;
      unacked_.emplace(d.tag, InFlight{head.seq, c.id, std::move(head.message)});
    }
    return d;
  }
  return std::nullopt;
}

MessagePtr Queue::ack(uint64_t tag) {
  auto it = unacked_.find(tag);
  if (it == unacked_.end()) return nullptr;
  if (Consumer* c = find_consumer(it->second.consumer)) --c->unacked;
  MessagePtr message = std::move(it->second.message);
  unacked_.erase(it);
  return message;
}

MessagePtr Queue::reject(uint64_t tag, bool requeue_it) {
  auto it = unacked_.find(tag);
  if (it == unacked_.end()) return nullptr;
  if (Consumer* c = find_consumer(it->second.consumer)) --c->unacked;
  const uint64_t seq = it->second.seq;
  MessagePtr message = std::move(it->second.message);
  unacked_.erase(it);
  if (requeue_it) {
    requeue(seq, std::move(message));
    return nullptr;
  }
  return message;
}

std::vector<MessagePtr> Queue::take_all() {
  std::vector<std::pair<uint64_t, MessagePtr>> all;
  for (auto& h : ready_) all.emplace_back(h.seq, std::move(h.message));
  for (auto& [tag, u] : unacked_) all.emplace_back(u.seq, std::move(u.message));
  ready_.clear();
  unacked_.clear();
  for (auto& c : consumers_) c.unacked = 0;
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MessagePtr> out;
  for (auto& [seq, m] : all) out.push_back(std::move(m));
  return out;
}

}  // namespace buslab::broker
