#include "models/rpc/server_node.hpp"

#include <cmath>

namespace buslab {

ServerNode::ServerNode(World& world, NodeId self, ServerConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      rng_(world.seed, "server/" + config_.name),
      executor_(config_.workers, config_.cpu_slots),
      stats_(world.metrics.server(config_.name)) {
  stats_.service = config_.service;
  stats_.host = config_.host;
  stats_.workers = config_.workers;
  reply_sizes_.resize(static_cast<size_t>(config_.cpu_slots), 0);
  if (config_.brokered) link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
}

void ServerNode::on_start(Runtime& rt) {
  alive_ = true;
  up_since_ = rt.now();
  world_.directory.set_alive(self_, true);
  world_.trace.event(rt.now(), config_.lane, EventType::Up, 1);
  // A process started after the run began (restart, scale-out) connects and subscribes to its queues itself.
  if (link_) link_->start(rt, !started_once_ && config_.connected_at_start);
  started_once_ = true;
}

void ServerNode::on_frame(Runtime& rt, Envelope& env) {
  if (alive_ && link_ && link_->on_frame(rt, env)) return;
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
    case Frame::DirectRequest: {
      if (!alive_) {
        // The host is up but nothing listens on the port: the kernel answers with a reset at once.
        world_.ledger.drop(env.message->id, DropReason::Refused);
        env.status = HopStatus::Dropped;
        auto refused = std::make_unique<Envelope>();
        refused->frame = Frame::Refused;
        refused->hop = HopKind::Error;
        refused->to_node = env.message->rpc.client_node;
        refused->from_lane = config_.lane;
        refused->to_lane = env.message->rpc.client_lane;
        refused->bytes = kFrameBytes;
        refused->call = env.message->rpc.call;
        rt.send(std::move(refused));
        return;
      }
      ExecutorJob job;
      job.request = std::move(env.message);
      job.arrived_at = rt.now();
      accept(rt, std::move(job));
      return;
    }
    case Frame::Deliver: {
      if (!alive_) {
        // Unacknowledged deliveries stay the broker's: it requeues them when it notices the connection died.
        env.status = HopStatus::Lost;
        if (env.owns_message) world_.ledger.lose(env.message->id, LossCause::ProcessCrash);
        return;
      }
      ExecutorJob job;
      job.request = std::move(env.message);
      job.delivery_tag = env.tag;
      job.queue = env.queue;
      job.queue_lane = env.from_lane;
      job.connection = link_->generation();
      job.arrived_at = rt.now();
      if (config_.ack_before) {
        // oslo.messaging acknowledges before dispatching (amqpdriver.py, bug 1695746): from here on a crash
        // loses the request.
        send_ack(rt, job, env.from_lane);
        job.acked = true;
      }
      accept(rt, std::move(job));
      return;
    }
    default:
      env.status = HopStatus::Dropped;
      return;
  }
}

void ServerNode::accept(Runtime& rt, ExecutorJob job) {
  world_.ledger.place(job.request->id, Place::ServerBacklog);
  executor_.submit(std::move(job));
  start_ready(rt);
}

void ServerNode::start_ready(Runtime& rt) {
  for (int slot : executor_.start_ready()) {
    ExecutorJob& job = executor_.job(slot);
    job.started_at = rt.now();
    const Message& request = *job.request;
    world_.ledger.place(request.id, Place::InService);
    world_.trace.event(rt.now(), config_.lane, EventType::ServiceStart, 0, request.rpc.call);
    const MethodModel& method = config_.methods.at(request.rpc.method);
    double flops = config_.codec->decode_flops(request.rpc.args_bytes);
    flops += method.service_time.sample(rng_) * rt.core_speed();
    uint64_t reply_bytes = 0;
    if (request.rpc.mode == RpcMode::Call) {
      reply_bytes = static_cast<uint64_t>(std::llround(method.reply_bytes.sample(rng_)));
      flops += config_.codec->encode_flops(reply_bytes);
    }
    reply_sizes_[static_cast<size_t>(slot)] = reply_bytes;
    rt.start_work(flops, static_cast<uint64_t>(slot));
  }
  report_levels(rt.now());
}

void ServerNode::on_work_done(Runtime& rt, uint64_t tag) {
  const int slot = static_cast<int>(tag);
  ExecutorJob job = executor_.finish(slot);
  const Message& request = *job.request;
  ++stats_.handled;
  stats_.busy_time += rt.now() - job.started_at;
  world_.trace.event(rt.now(), config_.lane, EventType::ServiceEnd, 0, request.rpc.call);
  world_.ledger.consume(request.id);
  if (request.rpc.mode == RpcMode::Call) reply(rt, job, reply_sizes_[static_cast<size_t>(slot)]);
  if (config_.brokered && !job.acked) send_ack(rt, job, job.queue_lane);
  start_ready(rt);
}

void ServerNode::reply(Runtime& rt, const ExecutorJob& job, uint64_t result_bytes) {
  const Message& request = *job.request;
  auto reply = std::make_unique<Message>();
  reply->id = world_.ledger.create();
  reply->kind = MsgKind::Reply;
  reply->created_at = rt.now();
  reply->rpc = request.rpc;
  reply->rpc.server_lane = config_.lane;
  reply->rpc.args_bytes = result_bytes;
  reply->wire_bytes = config_.codec->wire_bytes(result_bytes);
  auto env = std::make_unique<Envelope>();
  env->hop = HopKind::Reply;
  env->bytes = reply->wire_bytes;
  env->from_lane = config_.lane;
  env->owns_message = true;
  if (config_.brokered) {
    // Replies go through the default exchange to the caller's reply queue, published mandatory (oslo reply()).
    reply->amqp.exchange = "";
    reply->amqp.routing_key = request.rpc.reply_queue;
    reply->amqp.mandatory = true;
    env->frame = Frame::Publish;
    env->message = std::move(reply);
    link_->publish(rt, std::move(env));  // waits in the outbox while the broker is away
    update_busy();
    return;
  }
  env->frame = Frame::DirectReply;
  env->to_node = request.rpc.client_node;
  env->to_lane = request.rpc.client_lane;
  world_.ledger.place(reply->id, Place::InTransit);
  env->message = std::move(reply);
  rt.send(std::move(env));
}

void ServerNode::send_ack(Runtime& rt, const ExecutorJob& job, LaneId queue_lane) {
  auto ack = std::make_unique<Envelope>();
  ack->frame = Frame::Ack;
  ack->hop = HopKind::Ack;
  ack->from_lane = config_.lane;
  ack->to_lane = queue_lane;
  ack->bytes = kFrameBytes;
  ack->queue = job.queue;
  ack->tag = job.delivery_tag;
  ack->call = job.request->rpc.call;
  link_->acknowledge(rt, std::move(ack), job.connection);
}

void ServerNode::crash(Runtime& rt, bool host_down) {
  alive_ = false;
  world_.directory.set_alive(self_, false);
  rt.cancel_all();
  for (ExecutorJob& job : executor_.take_all()) {
    if (config_.brokered && !job.acked && job.connection == link_->generation() && link_->connected()) {
      // Still unacknowledged on a live connection: the broker holds it and will deliver it again.
      world_.ledger.place(job.request->id, Place::QueueUnacked);
    } else {
      world_.ledger.lose(job.request->id, LossCause::ProcessCrash);
      ++stats_.lost_in_crash;
    }
  }
  stats_.up_time += rt.now() - up_since_;
  world_.trace.event(rt.now(), config_.lane, host_down ? EventType::HostDown : EventType::Kill);
  world_.trace.event(rt.now(), config_.lane, EventType::Down, 0);
  if (link_) link_->on_crash(rt, host_down, LossCause::ProcessCrash);
  report_levels(rt.now());
}

void ServerNode::on_timer(Runtime& rt, uint64_t tag) {
  if (link_) link_->on_timer(rt, tag);
}

void ServerNode::report_levels(double now) {
  world_.trace.event(now, config_.lane, EventType::Busy, executor_.busy());
  world_.trace.event(now, config_.lane, EventType::Backlog, static_cast<int64_t>(executor_.backlog()));
  update_busy();
}

void ServerNode::update_busy() {
  world_.quiescence.set_busy(busy_, !executor_.empty() || (link_ && link_->held() > 0));
}

void ServerNode::finish(double now) {
  if (alive_) stats_.up_time += now - up_since_;
}

}  // namespace buslab
