#include "models/broker/broker_node.hpp"

#include <stdexcept>

namespace buslab {

using broker::QueueId;

BrokerNode::BrokerNode(World& world, NodeId self, BrokerConfig config)
    : world_(world), self_(self), config_(std::move(config)) {
  // The default exchange "" is pre-declared by AMQP: every queue is bound to it by its own name.
  exchange_lanes_[""] = world_.trace.add_lane(
      LaneInfo{config_.name + "/x/(default)", LaneKind::Exchange, config_.host, config_.name, "", 0});
}

void BrokerNode::declare_exchange(const std::string& name, broker::ExchangeType type) {
  const broker::Status status = router_.declare_exchange(name, type);
  if (!status.ok()) throw std::logic_error("broker: " + status.message());
  if (!exchange_lanes_.count(name))
    exchange_lanes_[name] = world_.trace.add_lane(
        LaneInfo{config_.name + "/x/" + name, LaneKind::Exchange, config_.host, config_.name, "", 0});
}

QueueId BrokerNode::declare_queue(const std::string& name) {
  const QueueId id = router_.declare_queue(name).value();
  if (id != queues_.size()) throw std::logic_error("broker: queue ids out of step with the router");
  const LaneId lane =
      world_.trace.add_lane(LaneInfo{config_.name + "/q/" + name, LaneKind::Queue, config_.host, config_.name, "", 0});
  queues_.push_back(std::make_unique<broker::Queue>(id, name, lane));
  QueueStats& stats = world_.metrics.queue(config_.name + "/" + name);
  stats.broker = config_.name;
  queue_stats_.push_back(&stats);
  return id;
}

void BrokerNode::bind(const std::string& exchange, QueueId queue, const std::string& key) {
  const broker::Status status = router_.bind_queue(exchange, queue, key);
  if (!status.ok()) throw std::logic_error("broker: " + status.message());
}

void BrokerNode::add_consumer(QueueId queue, NodeId node, LaneId lane, int prefetch) {
  queues_.at(queue)->add_consumer(node, lane, prefetch, false);
}

LaneId BrokerNode::exchange_lane(const std::string& exchange) const {
  return exchange_lanes_.at(exchange);
}

void BrokerNode::on_start(Runtime& rt) {
  alive_ = true;
  world_.trace.event(rt.now(), config_.lane, EventType::Up, 1);
}

void BrokerNode::on_frame(Runtime& rt, Envelope& env) {
  switch (env.frame) {
    case Frame::Kill:
      if (alive_) crash(rt);
      return;
    case Frame::Restart:
      if (!alive_) {
        world_.directory.next_epoch(self_);
        world_.trace.event(rt.now(), config_.lane, EventType::Restart);
        on_start(rt);
        for (QueueId q = 0; q < queues_.size(); ++q) dispatch(rt, q);
      }
      return;
    default:
      break;
  }
  if (!alive_) {
    env.status = HopStatus::Lost;
    if (env.owns_message && env.message) world_.ledger.lose(env.message->id, LossCause::BrokerCrash);
    return;
  }
  switch (env.frame) {
    case Frame::Publish: {
      Job job;
      job.kind = JobKind::Publish;
      job.flops = config_.publish_flops + config_.route_flops;
      job.from_lane = env.from_lane;
      job.message = std::move(env.message);
      submit(rt, std::move(job));
      return;
    }
    case Frame::Ack: {
      Job job;
      job.kind = JobKind::Ack;
      job.flops = config_.ack_flops;
      job.queue = env.queue;
      job.tag = env.tag;
      submit(rt, std::move(job));
      return;
    }
    case Frame::Consume:
      if (env.queue < queues_.size()) {
        queues_[env.queue]->add_consumer(env.from_node, env.from_lane, env.prefetch, false);
        dispatch(rt, env.queue);
      }
      return;
    case Frame::ConnectionLost:
      connection_lost(rt, env.peer);
      return;
    default:
      env.status = HopStatus::Dropped;
      return;
  }
}

void BrokerNode::submit(Runtime& rt, Job job) {
  waiting_.push_back(std::move(job));
  run_jobs(rt);
}

void BrokerNode::run_jobs(Runtime& rt) {
  // At most one job per core: the broker's operations queue for its CPU like RabbitMQ's schedulers.
  while (!waiting_.empty() && running_.size() < static_cast<size_t>(config_.cores)) {
    const uint64_t tag = next_job_++;
    const double flops = waiting_.front().flops;
    running_.emplace(tag, std::move(waiting_.front()));
    waiting_.pop_front();
    rt.start_work(flops, tag);
  }
  update_busy();
}

void BrokerNode::on_work_done(Runtime& rt, uint64_t tag) {
  auto it = running_.find(tag);
  if (it == running_.end()) return;
  Job job = std::move(it->second);
  running_.erase(it);
  switch (job.kind) {
    case JobKind::Publish:
      finish_publish(rt, job);
      break;
    case JobKind::Deliver:
      finish_deliver(rt, job);
      break;
    case JobKind::Ack:
      finish_ack(rt, job);
      break;
  }
  run_jobs(rt);
}

void BrokerNode::finish_publish(Runtime& rt, Job& job) {
  Message& message = *job.message;
  const LaneId from =
      exchange_lanes_.count(message.amqp.exchange) ? exchange_lanes_.at(message.amqp.exchange) : kNoLane;
  const auto outcome = router_.route(message.amqp.exchange, message.amqp.routing_key, message.amqp.headers, routed_);
  if (outcome != broker::RouteOutcome::Routed || routed_.empty()) {
    // Unroutable: dropped (semantics.md 1.3). basic.return for mandatory publishes comes with the broker model.
    world_.ledger.drop(message.id, DropReason::Unroutable);
    return;
  }
  // The first queue keeps the message; every further queue gets a copy, a message of its own in the ledger.
  for (size_t i = 0; i < routed_.size(); ++i) {
    const QueueId q = routed_[i];
    MessagePtr copy;
    if (i + 1 < routed_.size()) {
      copy = std::make_unique<Message>(message);
      copy->id = world_.ledger.create();
    } else {
      copy = std::move(job.message);
    }
    broker::Queue& queue = *queues_.at(q);
    world_.trace.hop(copy->id, copy->rpc.call, HopKind::Route, from, queue.lane(), rt.now(), rt.now(), copy->wire_bytes,
                     copy->rpc.method, HopStatus::Ok);
    world_.ledger.place(copy->id, Place::QueueReady);
    QueueStats& stats = *queue_stats_[q];
    ++stats.published;
    (void)queue.enqueue(std::move(copy), rt.now());
    if (queue.ready() > stats.max_depth) stats.max_depth = queue.ready();
    report_depth(rt.now(), queue);
    dispatch(rt, q);
  }
}

void BrokerNode::expire_head(Runtime& rt, broker::Queue& queue) {
  for (broker::Departure& d : queue.take_expired_head(rt.now())) {
    world_.ledger.expire(d.message->id);
    ++queue_stats_[queue.id()]->expired;
  }
}

void BrokerNode::dispatch(Runtime& rt, QueueId q) {
  if (!alive_) return;
  broker::Queue& queue = *queues_.at(q);
  expire_head(rt, queue);
  while (auto delivery = queue.next_delivery()) {
    QueueStats& stats = *queue_stats_[q];
    ++stats.delivered;
    if (delivery->message->amqp.redelivered) ++stats.redelivered;
    world_.ledger.place(delivery->message->id, Place::QueueUnacked);
    Job job;
    job.kind = JobKind::Deliver;
    job.flops = config_.deliver_flops;
    job.queue = q;
    job.delivery = std::make_unique<broker::Delivery>(std::move(*delivery));
    waiting_.push_back(std::move(job));
    expire_head(rt, queue);
  }
  report_depth(rt.now(), queue);
  run_jobs(rt);
}

void BrokerNode::finish_deliver(Runtime& rt, Job& job) {
  broker::Delivery& d = *job.delivery;
  auto env = std::make_unique<Envelope>();
  env->frame = Frame::Deliver;
  env->hop = HopKind::Delivery;
  env->to_node = d.node;
  env->from_lane = queues_.at(job.queue)->lane();
  env->to_lane = d.lane;
  env->bytes = d.message->wire_bytes;
  env->queue = job.queue;
  env->tag = d.tag;
  // Without auto-ack the queue keeps the message until the ack: a lost delivery is requeued, not lost.
  env->owns_message = d.auto_ack;
  env->message = std::move(d.message);
  rt.send(std::move(env));
}

void BrokerNode::finish_ack(Runtime& rt, Job& job) {
  if (job.queue >= queues_.size()) return;
  if (queues_[job.queue]->ack(job.tag)) ++queue_stats_[job.queue]->acked;
  dispatch(rt, job.queue);
}

void BrokerNode::requeued(Runtime& rt, broker::Queue& queue, const std::vector<Message*>& messages) {
  (void)rt;
  for (Message* m : messages) {
    if (world_.ledger.is_live(m->id) && world_.ledger.place_of(m->id) == Place::QueueUnacked) {
      world_.ledger.place(m->id, Place::QueueReady);
    } else {
      // Its consumer had already taken it on (and ran or lost it): the broker's copy is now a second one.
      m->id = world_.ledger.create();
      world_.ledger.place(m->id, Place::QueueReady);
    }
  }
  if (queue.ready() > queue_stats_[queue.id()]->max_depth) queue_stats_[queue.id()]->max_depth = queue.ready();
}

void BrokerNode::connection_lost(Runtime& rt, NodeId peer) {
  for (QueueId q = 0; q < queues_.size(); ++q) {
    broker::Queue& queue = *queues_[q];
    requeued(rt, queue, queue.remove_consumers_of(peer));
    dispatch(rt, q);
  }
}

void BrokerNode::crash(Runtime& rt) {
  // Everything the broker held is transient in this model: lost with the process.
  alive_ = false;
  rt.cancel_all();
  auto lose = [&](MessagePtr& m) {
    if (m && world_.ledger.is_live(m->id)) world_.ledger.lose(m->id, LossCause::BrokerCrash);
  };
  for (auto& [tag, job] : running_) {
    if (job.kind == JobKind::Publish) lose(job.message);
  }
  for (auto& job : waiting_) {
    if (job.kind == JobKind::Publish) lose(job.message);
  }
  running_.clear();
  waiting_.clear();
  for (auto& queue : queues_) {
    for (MessagePtr& m : queue->take_all()) {
      // Messages a consumer already holds stay the consumer's.
      if (world_.ledger.is_live(m->id) && world_.ledger.place_of(m->id) != Place::QueueReady &&
          world_.ledger.place_of(m->id) != Place::QueueUnacked)
        continue;
      lose(m);
    }
    report_depth(rt.now(), *queue);
  }
  world_.trace.event(rt.now(), config_.lane, EventType::Kill);
  world_.trace.event(rt.now(), config_.lane, EventType::Down, 0);
  update_busy();
}

void BrokerNode::on_timer(Runtime&, uint64_t) {}

void BrokerNode::report_depth(double now, const broker::Queue& queue) {
  world_.trace.event(now, queue.lane(), EventType::Depth, static_cast<int64_t>(queue.ready()));
}

void BrokerNode::update_busy() {
  world_.quiescence.set_busy(busy_, !waiting_.empty() || !running_.empty());
}

void BrokerNode::finish(double now) {
  for (QueueId q = 0; q < queues_.size(); ++q) {
    for (broker::Departure& d : queues_[q]->take_expired(now)) {
      world_.ledger.expire(d.message->id);
      ++queue_stats_[q]->expired;
    }
    queue_stats_[q]->remaining = queues_[q]->ready() + queues_[q]->unacked();
  }
}

}  // namespace buslab
