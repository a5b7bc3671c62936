#include "models/broker/queue.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace buslab::broker {

const char* to_string(LeaveReason reason) {
  switch (reason) {
    case LeaveReason::Expired:
      return "expired";
    case LeaveReason::MaxLength:
      return "maxlen";
    case LeaveReason::Rejected:
      return "rejected";
  }
  return "?";
}

Queue::Queue(QueueId id, std::string name, LaneId lane, QueueOptions options)
    : id_(id), name_(std::move(name)), lane_(lane), options_(std::move(options)) {}

bool Queue::over_limit(uint64_t extra_messages, uint64_t extra_bytes) const {
  // Limits count ready messages only; unacknowledged ones do not count (docs/semantics.md 1.4).
  if (options_.max_length && ready_.size() + extra_messages > *options_.max_length) return true;
  if (options_.max_length_bytes && ready_bytes_ + extra_bytes > *options_.max_length_bytes) return true;
  return false;
}

Queue::Held Queue::pop_head() {
  Held head = std::move(ready_.front());
  ready_.pop_front();
  ready_bytes_ -= head.message->wire_bytes;
  return head;
}

EnqueueResult Queue::enqueue(MessagePtr message, double now) {
  EnqueueResult result;
  // With both a queue TTL and a per-message expiration, the earlier wins (docs/semantics.md 1.4).
  if (options_.message_ttl != kNever)
    message->amqp.expires_at = std::min(message->amqp.expires_at, now + options_.message_ttl);
  const uint64_t bytes = message->wire_bytes;
  if (options_.overflow != Overflow::DropHead && over_limit(1, bytes)) {
    result.accepted = false;
    if (options_.overflow == Overflow::RejectPublishDlx)
      result.departed.push_back(Departure{std::move(message), LeaveReason::MaxLength});
    else
      result.refused = std::move(message);
    return result;
  }
  ready_.push_back(Held{next_seq_++, std::move(message)});
  ready_bytes_ += bytes;
  while (!ready_.empty() && over_limit(0, 0))
    result.departed.push_back(Departure{pop_head().message, LeaveReason::MaxLength});
  return result;
}

ConsumerId Queue::add_consumer(NodeId node, LaneId lane, int prefetch, bool auto_ack, int priority, uint32_t epoch) {
  Consumer c;
  c.id = next_consumer_id_++;
  c.node = node;
  c.epoch = epoch;
  c.lane = lane;
  c.prefetch = prefetch;
  c.auto_ack = auto_ack;
  c.priority = priority;
  if (!consumers_.empty() && priority != consumers_.front().priority) uniform_priority_ = false;
  consumers_.push_back(c);
  ever_consumed_ = true;
  return c.id;
}

// Ids grow with each subscription and consumers_ keeps subscription order: it is sorted by id.
std::vector<Consumer>::const_iterator Queue::consumer_position(ConsumerId id) const {
  auto it = std::lower_bound(consumers_.begin(), consumers_.end(), id,
                             [](const Consumer& c, ConsumerId wanted) { return c.id < wanted; });
  return it != consumers_.end() && it->id == id ? it : consumers_.end();
}

bool Queue::has_consumer(ConsumerId consumer) const {
  return consumer_position(consumer) != consumers_.end();
}

Consumer* Queue::find_consumer(ConsumerId id) {
  const auto it = consumer_position(id);
  return it == consumers_.end() ? nullptr : &consumers_[static_cast<size_t>(it - consumers_.begin())];
}

Message* Queue::requeue(uint64_t seq, MessagePtr message) {
  message->amqp.redelivered = true;
  Message* raw = message.get();
  ready_bytes_ += message->wire_bytes;
  auto pos = std::lower_bound(ready_.begin(), ready_.end(), seq, [](const Held& h, uint64_t s) { return h.seq < s; });
  ready_.insert(pos, Held{seq, std::move(message)});
  return raw;
}

std::vector<Message*> Queue::remove_consumer(ConsumerId consumer) {
  std::vector<Message*> requeued;
  const auto it = consumer_position(consumer);
  if (it == consumers_.end()) return requeued;
  const size_t index = static_cast<size_t>(it - consumers_.begin());
  consumers_.erase(it);
  uniform_priority_ = std::all_of(consumers_.begin(), consumers_.end(),
                                  [&](const Consumer& c) { return c.priority == consumers_.front().priority; });
  // Keep the round-robin turn on the consumer that would have come next.
  if (index < next_consumer_) --next_consumer_;
  if (next_consumer_ >= consumers_.size()) next_consumer_ = 0;
  unacked_.for_each([&](UnackedList::Entry& u) {
    if (u.consumer != consumer) return;
    unacked_bytes_ -= u.message->wire_bytes;
    requeued.push_back(requeue(u.seq, unacked_.take(u)));
  });
  return requeued;
}

std::vector<Message*> Queue::remove_consumers_of(NodeId node, uint32_t epoch) {
  std::vector<ConsumerId> gone;
  for (const auto& c : consumers_)
    if (c.node == node && c.epoch == epoch) gone.push_back(c.id);
  std::vector<Message*> requeued;
  for (ConsumerId id : gone)
    for (Message* m : remove_consumer(id)) requeued.push_back(m);
  return requeued;
}

std::vector<Departure> Queue::take_expired_head(double now) {
  std::vector<Departure> expired;
  while (!ready_.empty() && ready_.front().message->amqp.expires_at <= now)
    expired.push_back(Departure{pop_head().message, LeaveReason::Expired});
  return expired;
}

std::vector<Departure> Queue::take_expired(double now) {
  std::vector<Departure> expired;
  std::deque<Held> kept;
  for (auto& h : ready_) {
    if (h.message->amqp.expires_at <= now) {
      ready_bytes_ -= h.message->wire_bytes;
      expired.push_back(Departure{std::move(h.message), LeaveReason::Expired});
    } else {
      kept.push_back(std::move(h));
    }
  }
  ready_ = std::move(kept);
  return expired;
}

std::vector<MessagePtr> Queue::take_ready_if(const std::function<bool(const Message&)>& pred) {
  std::vector<MessagePtr> taken;
  std::deque<Held> kept;
  for (auto& h : ready_) {
    if (pred(*h.message)) {
      ready_bytes_ -= h.message->wire_bytes;
      taken.push_back(std::move(h.message));
    } else {
      kept.push_back(std::move(h));
    }
  }
  ready_ = std::move(kept);
  return taken;
}

void Queue::unacked_messages(std::vector<MsgId>& ids) const {
  unacked_.for_each([&](const UnackedList::Entry& u) { ids.push_back(u.message->id); });
}

std::vector<uint64_t> Queue::ready_sequence() const {
  std::vector<uint64_t> order;
  for (const auto& h : ready_) order.push_back(h.seq);
  return order;
}

double Queue::head_expiry() const {
  return ready_.empty() ? kNever : ready_.front().message->amqp.expires_at;
}

std::optional<ConsumerId> Queue::active_consumer() const {
  if (!options_.single_active_consumer || consumers_.empty()) return std::nullopt;
  return consumers_.front().id;
}

Consumer* Queue::pick_consumer() {
  if (consumers_.empty()) return nullptr;
  if (options_.single_active_consumer) {
    // One consumer receives; the others wait their turn until it goes (docs/semantics.md 1.7).
    Consumer& active = consumers_.front();
    return active.has_credit() ? &active : nullptr;
  }
  // The highest priority among the consumers that can take a message now; a blocked higher-priority consumer is
  // never waited for (docs/semantics.md 1.7).
  bool any = uniform_priority_;  // all of one priority: the turn below finds one with credit, or none has any
  int best = consumers_.front().priority;
  if (!uniform_priority_) {
    for (const auto& c : consumers_)
      if (c.has_credit() && (!any || c.priority > best)) {
        best = c.priority;
        any = true;
      }
    if (!any) return nullptr;
  }
  for (size_t tried = 0; tried < consumers_.size(); ++tried) {
    const size_t index = (next_consumer_ + tried) % consumers_.size();
    Consumer& c = consumers_[index];
    if (!c.has_credit() || c.priority != best) continue;
    next_consumer_ = (index + 1) % consumers_.size();
    return &c;
  }
  return nullptr;
}

bool Queue::deliverable() const {
  if (ready_.empty()) return false;
  if (options_.single_active_consumer) return !consumers_.empty() && consumers_.front().has_credit();
  return std::any_of(consumers_.begin(), consumers_.end(), [](const Consumer& c) { return c.has_credit(); });
}

std::optional<Delivery> Queue::next_delivery() {
  if (ready_.empty()) return std::nullopt;
  Consumer* c = pick_consumer();
  if (!c) return std::nullopt;
  Held head = pop_head();
  // FIFO: a message delivered for the first time is the oldest never delivered (a requeued one is flagged
  // redelivered and goes back to its place). Checked on every delivery of every run.
  if (!head.message->amqp.redelivered) {
    if (head.seq < last_fresh_seq_)
      throw std::logic_error(
          fmt::format("internal error: queue {}: the message enqueued #{} was delivered for the "
                      "first time after #{} (FIFO)",
                      name_, head.seq, last_fresh_seq_));
    last_fresh_seq_ = head.seq;
  }
  Delivery d;
  d.consumer = c->id;
  d.node = c->node;
  d.epoch = c->epoch;
  d.lane = c->lane;
  d.tag = next_tag_++;
  d.auto_ack = c->auto_ack;
  if (c->auto_ack) {
    d.message = std::move(head.message);
  } else {
    d.message = std::make_unique<Message>(*head.message);
    ++c->unacked;
    unacked_bytes_ += head.message->wire_bytes;
    unacked_.add(d.tag, head.seq, c->id, std::move(head.message));
  }
  return d;
}

MessagePtr Queue::ack(uint64_t tag) {
  UnackedList::Entry* u = unacked_.find(tag);
  if (!u) return nullptr;
  if (Consumer* c = find_consumer(u->consumer)) --c->unacked;
  MessagePtr message = unacked_.take(*u);
  unacked_bytes_ -= message->wire_bytes;
  return message;
}

std::optional<Departure> Queue::reject(uint64_t tag, bool requeue_it, Message** requeued) {
  UnackedList::Entry* u = unacked_.find(tag);
  if (!u) return std::nullopt;
  if (Consumer* c = find_consumer(u->consumer)) --c->unacked;
  const uint64_t seq = u->seq;
  MessagePtr message = unacked_.take(*u);
  unacked_bytes_ -= message->wire_bytes;
  if (requeue_it) {
    Message* back = requeue(seq, std::move(message));
    if (requeued) *requeued = back;
    return std::nullopt;
  }
  return Departure{std::move(message), LeaveReason::Rejected};
}

std::vector<MessagePtr> Queue::take_all() {
  std::vector<std::pair<uint64_t, MessagePtr>> all;
  for (auto& h : ready_) all.emplace_back(h.seq, std::move(h.message));
  unacked_.for_each([&](UnackedList::Entry& u) { all.emplace_back(u.seq, unacked_.take(u)); });
  ready_.clear();
  unacked_.clear();
  ready_bytes_ = unacked_bytes_ = 0;
  for (auto& c : consumers_) c.unacked = 0;
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MessagePtr> out;
  for (auto& [seq, m] : all) out.push_back(std::move(m));
  return out;
}

}  // namespace buslab::broker
