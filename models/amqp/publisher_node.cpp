#include "models/amqp/publisher_node.hpp"

#include "models/core/protocol_error.hpp"

#include <cmath>

namespace buslab {

namespace {

constexpr uint64_t kArrivalTag = make_tag(TagKind::Arrival, 0);

}  // namespace

PublisherNode::PublisherNode(World& world, NodeId self, PublisherConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      arrival_rng_(world.seed, "publisher/" + config_.name + "/arrivals"),
      payload_rng_(world.seed, "publisher/" + config_.name + "/payload"),
      key_rng_(world.seed, "publisher/" + config_.name + "/keys"),
      arrivals_(config_.arrival, config_.start, config_.stop),
      stats_(world.metrics.publisher(config_.group)),
      life_(world, self, config_.lane,
            {[this](Runtime& rt, bool host_down) { crash(rt, host_down); }, [this](Runtime& rt) { restart(rt); }}) {
  link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
  link_->set_on_failed_publish([this](Runtime& rt, MessagePtr m) { failed(rt, std::move(m)); });
}

void PublisherNode::on_start(Runtime& rt) {
  life_.start(rt);
  link_->start(rt, config_.connected_at_start);
  if (arrivals_.closed_loop()) {
    for (const double at : arrivals_.first_closed(arrival_rng_)) rt.set_timer(at, kArrivalTag);
    return;
  }
  const double first = arrivals_.next_open(arrival_rng_);
  if (first != kNever) rt.set_timer(first, kArrivalTag);
}

void PublisherNode::on_timer(Runtime& rt, uint64_t tag) {
  if (link_->on_timer(rt, tag)) return;
  if (tag != kArrivalTag) unexpected_tag("timer", tag);
  if (!life_.alive()) return;
  publish(rt);
  if (!arrivals_.closed_loop()) {
    const double next_time = arrivals_.next_open(arrival_rng_);
    if (next_time != kNever) rt.set_timer(next_time, kArrivalTag);
  }
}

void PublisherNode::publish(Runtime& rt) {
  auto message = std::make_unique<Message>();
  message->id = world_.ledger.create();
  message->created_at = rt.now();
  const auto body = static_cast<uint64_t>(std::llround(config_.payload_bytes.sample(payload_rng_)));
  message->wire_bytes = body + kAmqpHeaderBytes;
  message->amqp.exchange = config_.exchange;
  if (config_.random_keys) {
    message->amqp.routing_key = config_.routing_keys[key_rng_.below(config_.routing_keys.size())];
  } else {
    message->amqp.routing_key = config_.routing_keys[next_key_];
    next_key_ = (next_key_ + 1) % config_.routing_keys.size();
  }
  message->amqp.headers = config_.headers;
  message->amqp.persistent = config_.persistent;
  message->amqp.mandatory = config_.mandatory;
  const uint64_t seq = config_.confirms ? next_seq_++ : 0;
  if (seq > 0) unconfirmed_[seq] = Unconfirmed{rt.now(), message->id};
  ++stats_.published;
  EnvelopePtr env = message_frame(Frame::Publish, HopKind::Request, config_.lane, std::move(message));
  env->publish_seq = seq;
  link_->publish(rt, std::move(env));
  update_busy();
}

void PublisherNode::on_frame(Runtime& rt, Envelope& env) {
  if (life_.alive() && link_->on_frame(rt, env)) return;
  if (life_.on_kill_or_restart(rt, env)) return;
  if (!life_.alive()) {
    life_.lose_frame(env);
    return;
  }
  if (env.frame == Frame::Confirm) {
    confirmed(rt, env.publish_seq, env.nack);
  } else if (env.frame == Frame::Return && env.message) {
    // basic.return of an unroutable mandatory publish: the publisher has it back and drops it.
    ++stats_.returned;
    world_.ledger.drop(env.message->id, DropReason::Returned);
    env.status = HopStatus::Dropped;
  } else {
    unexpected_frame(env, world_.directory);
  }
}

void PublisherNode::confirmed(Runtime& rt, uint64_t seq, bool nack) {
  auto it = unconfirmed_.find(seq);
  if (it == unconfirmed_.end()) return;
  stats_.confirm_latency.add(rt.now() - it->second.published_at);
  if (nack)
    ++stats_.nacked;
  else
    ++stats_.confirmed;
  unconfirmed_.erase(it);
  next(rt);
  update_busy();
}

void PublisherNode::failed(Runtime& rt, MessagePtr message) {
  ++stats_.failed;
  world_.ledger.drop(message->id, DropReason::Failed);
  for (auto it = unconfirmed_.begin(); it != unconfirmed_.end(); ++it)
    if (it->second.message == message->id) {
      unconfirmed_.erase(it);
      next(rt);
      break;
    }
  update_busy();
}

void PublisherNode::next(Runtime& rt) {
  // A closed loop publishes again as soon as one of its publishes is settled.
  if (!arrivals_.closed_loop()) return;
  const double t = arrivals_.next_closed(rt.now(), arrival_rng_);
  if (t != kNever) rt.set_timer(t, kArrivalTag);
}

void PublisherNode::crash(Runtime& rt, bool host_down) {
  link_->on_crash(rt, host_down, LossCause::ProcessCrash);
  unconfirmed_.clear();
  update_busy();
  life_.mark_down(rt, host_down);
}

void PublisherNode::restart(Runtime& rt) {
  life_.start(rt);
  link_->start(rt, false);
  for (const double at : arrivals_.after_restart(rt.now(), arrival_rng_)) rt.set_timer(at, kArrivalTag);
}

void PublisherNode::on_work_done(Runtime&, uint64_t tag) {
  unexpected_tag("work", tag);  // a publisher asks for no work
}

void PublisherNode::update_busy() {
  world_.quiescence.set_busy(busy_, !unconfirmed_.empty() || link_->held() > 0);
}

}  // namespace buslab
