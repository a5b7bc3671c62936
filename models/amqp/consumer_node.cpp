#include "models/amqp/consumer_node.hpp"

#include "models/core/protocol_error.hpp"

namespace buslab {

ConsumerNode::ConsumerNode(World& world, NodeId self, ConsumerConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      rng_(world.seed, "consumer/" + config_.name),
      executor_(config_.workers),
      cpu_(config_.workers),
      stats_(world.metrics.consumer(config_.name)),
      life_(world, self, config_.lane,
            {[this](Runtime& rt, bool host_down) { crash(rt, host_down); }, [this](Runtime& rt) { on_start(rt); }}) {
  stats_.queue = config_.queue;
  stats_.host = config_.host;
  stats_.workers = config_.workers;
  link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
}

void ConsumerNode::on_start(Runtime& rt) {
  life_.start(rt);
  link_->start(rt, !started_once_ && config_.connected_at_start);
  started_once_ = true;
}

void ConsumerNode::on_frame(Runtime& rt, Envelope& env) {
  if (life_.alive() && link_->on_frame(rt, env)) return;
  if (life_.on_kill_or_restart(rt, env)) return;
  if (!life_.alive()) {
    life_.lose_frame(env);
    return;
  }
  if (env.frame != Frame::Deliver || !env.message) unexpected_frame(env, world_.directory);
  if (env.message->amqp.redelivered) ++stats_.redelivered;
  ExecutorJob job = ExecutorJob::delivered(env, link_->generation(), rt.now());
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
    start_service_work(rt, cpu_.request(id, config_.processing_time.sample(rng_) * rt.core_speed()));
  }
  report_levels(rt.now());
}

void ConsumerNode::on_work_done(Runtime& rt, uint64_t tag) {
  if (tag_kind(tag) != TagKind::Service) unexpected_tag("work", tag);
  start_service_work(rt, cpu_.release());
  ExecutorJob job = executor_.finish(tag_value(tag));
  stats_.busy_time += rt.now() - job.started_at;
  const bool reject = config_.reject_probability > 0 && rng_.uniform01() < config_.reject_probability;
  if (reject && !job.acked) {
    ++stats_.rejected;
    // Rejected: the message is the broker's again (to requeue, dead-letter or drop). If the connection it came on
    // is gone, the broker has already requeued its own copy, and this one is dropped.
    if (world_.ledger.broker_copy(job.request->id) && settle(rt, job, Frame::Reject, config_.reject_requeue))
      world_.ledger.place(job.request->id, Place::QueueUnacked);
    else
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
  cpu_.clear();
  for (ExecutorJob& job : executor_.take_all()) {
    if (!job.acked && job.connection == link_->generation() && link_->connected() &&
        world_.ledger.broker_copy(job.request->id)) {
      world_.ledger.place(job.request->id, Place::QueueUnacked);  // the broker requeues it
    } else {
      world_.ledger.lose(job.request->id, LossCause::ProcessCrash);
      ++stats_.lost_in_crash;
    }
  }
  link_->on_crash(rt, host_down, LossCause::ProcessCrash);
  stats_.up_time = life_.up_time(rt.now());
  life_.mark_down(rt, host_down);
  report_levels(rt.now());
}

void ConsumerNode::on_timer(Runtime& rt, uint64_t tag) {
  if (!link_->on_timer(rt, tag)) unexpected_tag("timer", tag);
}

void ConsumerNode::report_levels(double now) {
  world_.trace.event(now, config_.lane, EventType::Busy, executor_.busy());
  world_.trace.event(now, config_.lane, EventType::Backlog, static_cast<int64_t>(executor_.backlog()));
  world_.series.level(now, config_.lane, SeriesLevel::Held, static_cast<double>(executor_.unacked()));
  world_.quiescence.set_busy(busy_, !executor_.empty());
}

void ConsumerNode::finish(double now) {
  if (life_.alive()) stats_.up_time = life_.up_time(now);
}

}  // namespace buslab
