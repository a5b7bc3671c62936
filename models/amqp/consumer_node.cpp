#include "models/amqp/consumer_node.hpp"

namespace buslab {

ConsumerNode::ConsumerNode(World& world, NodeId self, ConsumerConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      rng_(world.seed, "consumer/" + config_.name),
      executor_(config_.workers),
      cpu_(config_.workers),
      stats_(world.metrics.consumer(config_.name)) {
  stats_.queue = config_.queue;
  stats_.host = config_.host;
  stats_.workers = config_.workers;
  link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
}

void ConsumerNode::on_start(Runtime& rt) {
  alive_ = true;
  up_since_ = rt.now();
  world_.directory.set_alive(self_, true);
  world_.trace.event(rt.now(), config_.lane, EventType::Up, 1);
  link_->start(rt, !started_once_ && config_.connected_at_start);
  started_once_ = true;
}

void ConsumerNode::on_frame(Runtime& rt, Envelope& env) {
  if (alive_ && link_->on_frame(rt, env)) return;
  switch (env.frame) {
    case Frame::Kill:
      if (alive_) crash(rt, env.host_down);
      return;
    case Frame::Restart:
      if (!alive_) {
        world_.directory.next_epoch(self_);
        world_.trace.event(rt.now(), config_.lane, EventType::Restart);
        on_start(rt);
      }
      return;
    case Frame::Deliver:
      break;
    default:
      env.status = HopStatus::Dropped;
      return;
  }
  if (!alive_) {
    env.status = HopStatus::Lost;
    if (env.owns_message) world_.ledger.lose(env.message->id, LossCause::ProcessCrash);
    return;
  }
  if (env.message->amqp.redelivered) ++stats_.redelivered;
  ExecutorJob job;
  job.request = std::move(env.message);
  job.delivery_tag = env.tag;
  job.queue = env.queue;
  job.queue_lane = env.from_lane;
  job.connection = link_->generation();
  job.arrived_at = rt.now();
  job.acked = config_.ack == ConsumerAckMode::Auto;
  if (config_.ack == ConsumerAckMode::BeforeProcessing) job.acked = settle(rt, job, Frame::Ack, false);
  world_.ledger.place(job.request->id, Place::ServerBacklog);
  executor_.submit(std::move(job));
  start_ready(rt);
}

bool ConsumerNode::settle(Runtime& rt, const ExecutorJob& job, Frame frame, bool requeue) {
  return link_->settle(rt, {frame, job.queue_lane, job.queue, job.delivery_tag, 0, requeue}, job.connection);
}

void ConsumerNode::start_ready(Runtime& rt) {
  for (JobId id : executor_.admit()) {
    ExecutorJob& job = executor_.job(id);
    job.started_at = rt.now();
    world_.ledger.place(job.request->id, Place::InService);
    start_cpu(rt, cpu_.request(id, config_.processing_time.sample(rng_) * rt.core_speed()));
  }
  report_levels(rt.now());
}

void ConsumerNode::start_cpu(Runtime& rt, const std::vector<std::pair<uint64_t, double>>& ready) {
  for (const auto& [id, flops] : ready) rt.start_work(flops, id);
}

void ConsumerNode::on_work_done(Runtime& rt, uint64_t tag) {
  start_cpu(rt, cpu_.release());
  ExecutorJob job = executor_.finish(tag);
  stats_.busy_time += rt.now() - job.started_at;
  const bool reject = config_.reject_probability > 0 && rng_.uniform01() < config_.reject_probability;
  if (reject && !job.acked) {
    ++stats_.rejected;
    // Rejected: the message is the broker's again (to requeue, dead-letter or drop). If the connection it came on
    // is gone, the broker has already requeued its own copy, and this one is dropped.
    world_.ledger.place(job.request->id, Place::QueueUnacked);
    if (!settle(rt, job, Frame::Reject, config_.reject_requeue))
      world_.ledger.drop(job.request->id, DropReason::Rejected);
  } else {
    ++stats_.handled;
    stats_.latency.add(rt.now() - job.request->created_at);
    world_.trace.event(rt.now(), config_.lane, EventType::Done, rt.now() - job.request->created_at);
    world_.ledger.consume(job.request->id);
    if (!job.acked) settle(rt, job, Frame::Ack, false);
  }
  start_ready(rt);
}

void ConsumerNode::crash(Runtime& rt, bool host_down) {
  alive_ = false;
  world_.directory.set_alive(self_, false);
  rt.cancel_all();
  cpu_.clear();
  for (ExecutorJob& job : executor_.take_all()) {
    if (!job.acked && job.connection == link_->generation() && link_->connected()) {
      world_.ledger.place(job.request->id, Place::QueueUnacked);  // the broker requeues it
    } else {
      world_.ledger.lose(job.request->id, LossCause::ProcessCrash);
      ++stats_.lost_in_crash;
    }
  }
  link_->on_crash(rt, host_down, LossCause::ProcessCrash);
  stats_.up_time += rt.now() - up_since_;
  world_.trace.event(rt.now(), config_.lane, host_down ? EventType::HostDown : EventType::Kill);
  world_.trace.event(rt.now(), config_.lane, EventType::Down, 0);
  report_levels(rt.now());
}

void ConsumerNode::on_timer(Runtime& rt, uint64_t tag) {
  link_->on_timer(rt, tag);
}

void ConsumerNode::report_levels(double now) {
  world_.trace.event(now, config_.lane, EventType::Busy, executor_.busy());
  world_.trace.event(now, config_.lane, EventType::Backlog, static_cast<int64_t>(executor_.backlog()));
  world_.series.level(now, config_.lane, SeriesLevel::Held, static_cast<double>(executor_.unacked()));
  world_.quiescence.set_busy(busy_, !executor_.empty());
}

void ConsumerNode::finish(double now) {
  if (alive_) stats_.up_time += now - up_since_;
}

}  // namespace buslab
