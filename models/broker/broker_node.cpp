#include "models/broker/broker_node.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/core/protocol_error.hpp"

namespace buslab {

using broker::QueueId;

BrokerNode::BrokerNode(World& world, NodeId self, BrokerConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      stats_(world.metrics.broker(config_.name)),
      life_(world, self, config_.lane,
            {[this](Runtime& rt, bool host_down) { crash(rt, host_down); }, [this](Runtime& rt) { restart(rt); }}),
      meter_(config_.reference_flops, config_.jitter, world.seed, "broker/", config_.name, config_.contention) {
  stats_.host = config_.host;
  exchange_lanes_[""] = world_.trace.add_lane(
      LaneInfo{config_.name + "/x/(default)", LaneKind::Exchange, config_.host, config_.name, "", 0});
  declare_boot_topology(false);
}

void BrokerNode::declare_exchange(const broker::ExchangeDecl& decl) {
  const broker::Status status = router_.declare_exchange(decl.name, decl.type, decl.options);
  // A redeclaration with other properties is refused by RabbitMQ (PRECONDITION_FAILED) and the first one stays;
  // the scenario loader already refuses such conflicts among its own declarations.
  (void)status;
  exchange_lane(decl.name);
}

void BrokerNode::declare_boot_topology(bool durable_only) {
  for (const auto& decl : config_.exchanges)
    if (!durable_only || decl.options.durable) declare_exchange(decl);
  for (const auto& decl : config_.queues)
    if (!durable_only || decl.options.durable) declare_queue(decl);
  for (const auto& b : config_.exchange_bindings) {
    const broker::Status status = router_.bind_exchange(b.source, b.destination, b.key, b.arguments);
    (void)status;  // missing ends after a restart (a transient exchange) leave the binding out, as in RabbitMQ
  }
}

LaneId BrokerNode::exchange_lane(const std::string& exchange) {
  auto it = exchange_lanes_.find(exchange);
  if (it != exchange_lanes_.end()) return it->second;
  const LaneId lane = world_.trace.add_lane(
      LaneInfo{config_.name + "/x/" + exchange, LaneKind::Exchange, config_.host, config_.name, "", 0});
  exchange_lanes_[exchange] = lane;
  return lane;
}

LaneId BrokerNode::queue_lane(const std::string& queue) {
  auto it = queue_lanes_.find(queue);
  if (it != queue_lanes_.end()) return it->second;
  const LaneId lane =
      world_.trace.add_lane(LaneInfo{config_.name + "/q/" + queue, LaneKind::Queue, config_.host, config_.name, "", 0});
  queue_lanes_[queue] = lane;
  return lane;
}

void BrokerNode::connect_at_start(NodeId peer, const std::vector<broker::ExchangeDecl>& exchanges,
                                  const std::vector<broker::QueueDecl>& queues) {
  connections_.emplace(peer, world_.directory.epoch(peer));
  for (const auto& decl : exchanges) declare_exchange(decl);
  for (const auto& decl : queues) declare_queue(decl);
}

void BrokerNode::consume_at_start(const broker::ConsumeSpec& spec, NodeId consumer, LaneId lane) {
  add_consumer(nullptr, spec, consumer, world_.directory.epoch(consumer), lane);
}

void BrokerNode::on_start(Runtime& rt) {
  life_.start(rt);
  for (auto& [id, s] : queues_) {
    report_queue(rt.now(), id);
    // x-expires counts from the start for a queue nobody consumes yet.
    if (s.queue->consumer_count() == 0 && s.queue->options().expires != kNever && s.expiry_timer == 0)
      s.expiry_timer = rt.set_timer(rt.now() + s.queue->options().expires, make_tag(TagKind::QueueExpiry, id));
    arm_ttl_timer(rt, id);
  }
}

void BrokerNode::on_frame(Runtime& rt, Envelope& env) {
  if (life_.on_kill_or_restart(rt, env)) return;
  if (!life_.alive()) {
    // The host is up but the broker process is gone: its kernel refuses new connections at once; anything sent on
    // an old connection is lost with it.
    if (env.frame == Frame::Connect) {
      rt.send(answer_to(env, Frame::Refused, HopKind::Error, config_.lane));
      env.status = HopStatus::Dropped;
      return;
    }
    if (life_.lose_frame(env, LossCause::BrokerCrash)) ++stats_.lost_in_crash;
    return;
  }
  switch (env.frame) {
    case Frame::Connect:
      on_connect(rt, env);
      return;
    case Frame::Publish:
      on_publish(rt, env);
      return;
    case Frame::Ack:
    case Frame::Reject: {
      Job job;
      job.kind = env.frame == Frame::Ack ? JobKind::Ack : JobKind::Reject;
      job.flops = meter_.contended(cost_flops(config_.costs.ack, 0), acked_op(env.queue, env.tag));
      job.queue = env.queue;
      job.tag = env.tag;
      job.requeue = env.requeue;
      submit(rt, std::move(job));
      return;
    }
    case Frame::Consume:
      if (connections_.count({env.from_node, env.from_epoch}) && env.consume)
        add_consumer(&rt, *env.consume, env.from_node, env.from_epoch, env.from_lane);
      return;
    case Frame::ConnectionLost:
      connection_lost(rt, env.peer, env.peer_epoch);
      return;
    default:
      unexpected_frame(env, world_.directory);
  }
}

void BrokerNode::on_connect(Runtime& rt, Envelope& env) {
  // A process that restarted may connect before the broker has noticed that its earlier incarnation's connection
  // died (a host going down is noticed only at the heartbeat timeout): that one lasts, with its consumers and
  // their unacknowledged deliveries, until then, as in RabbitMQ, which cannot tell it is the same process.
  connections_.emplace(env.from_node, env.peer_epoch);
  ++stats_.connections;
  if (env.declares)
    for (const auto& decl : *env.declares) declare_exchange(decl);
  if (env.queue_declares)
    for (const auto& decl : *env.queue_declares) declare_queue(decl);
  send_frame(rt, Frame::ConnectOk, HopKind::Control, env.from_node, env.from_lane, 0, false);
}

void BrokerNode::send_frame(Runtime& rt, Frame frame, HopKind hop, NodeId to, LaneId to_lane, uint64_t publish_seq,
                            bool nack) {
  EnvelopePtr env = protocol_frame(frame, hop, to, config_.lane, to_lane);
  env->publish_seq = publish_seq;
  env->nack = nack;
  rt.send(std::move(env));
}

void BrokerNode::on_publish(Runtime& rt, Envelope& env) {
  ++stats_.publishes;
  world_.ledger.place(env.message->id, Place::Broker);
  if (blocked_) {
    // connection.blocked: RabbitMQ stops reading from publishing connections; the publish waits, unprocessed.
    held_publishes_.push_back(publish_job(env));
    update_busy(rt.now());
    return;
  }
  submit(rt, publish_job(env));
}

double BrokerNode::cost_flops(const SoftwareCost& cost, uint64_t bytes) {
  return meter_.flops(cost, static_cast<double>(bytes));
}

CostOp BrokerNode::acked_op(QueueId queue, uint64_t tag) {
  const QueueSlot* s = slot(queue);
  const Message* message = s ? s->queue->unacked_message(tag) : nullptr;
  return message ? cost_op_of(*message) : CostOp::Cast;  // an unknown tag: an error the ack job reports
}

BrokerNode::Job BrokerNode::publish_job(Envelope& publish) {
  Job job;
  job.kind = JobKind::Publish;
  const Message& message = *publish.message;
  const BrokerCosts& costs = config_.costs;
  // Routing costs per destination queue (a fanout to N queues writes N copies: docs/profiles.md `broker.route`),
  // counted by routing the message now as it will be routed when its job ends; an unroutable one still costs the
  // lookup of one.
  double queues = 1.0;
  if (!costs.route.zero()) {
    (void)router_.route(message.amqp.exchange, message.amqp.routing_key, message.amqp.headers, route_count_);
    queues = static_cast<double>(std::max<size_t>(1, route_count_.size()));
  }
  job.flops = cost_flops(costs.publish, message.wire_bytes) + queues * cost_flops(costs.route, message.wire_bytes);
  // A publish that asks for a confirm costs the broker the confirm too; oslo's messages (RPC requests and
  // replies) cost what the raw operations do not explain (docs/profiles.md `broker.oslo_extra`).
  if (publish.publish_seq > 0) job.flops += cost_flops(costs.confirm, message.wire_bytes);
  if (message.rpc.call != 0) job.flops += cost_flops(costs.oslo_extra, message.wire_bytes);
  job.flops = meter_.contended(job.flops, cost_op_of(message));
  job.publisher = publish.from_node;
  job.from_lane = publish.from_lane;
  job.publish_seq = publish.publish_seq;
  job.message = std::move(publish.message);
  return job;
}

void BrokerNode::submit(Runtime& rt, Job job) {
  enqueue_job(std::move(job));
  run_jobs(rt);
}

uint64_t BrokerNode::process_of(const Job& job) {
  // Publishes belong to their publisher's channel. Deliveries and acknowledgements are not sequenced: RabbitMQ's
  // channel and queue processes do those too, but without its credit-based flow control (which slows publishers
  // when one falls behind) a saturated process would only build a backlog (docs/semantics.md 1.5).
  return job.kind == JobKind::Publish ? static_cast<uint64_t>(job.publisher) + 1 : kNoProcess;
}

void BrokerNode::enqueue_job(Job job) {
  const uint64_t process = process_of(job);
  if (process == kNoProcess || active_processes_.insert(process).second) {
    waiting_.push_back(std::move(job));
    return;
  }
  behind_[process].push_back(std::move(job));
  ++jobs_behind_;
}

void BrokerNode::release_process(const Job& finished) {
  const uint64_t process = process_of(finished);
  if (process == kNoProcess) return;
  auto it = behind_.find(process);
  if (it == behind_.end()) {
    active_processes_.erase(process);
    return;
  }
  waiting_.push_back(std::move(it->second.front()));
  it->second.pop_front();
  --jobs_behind_;
  if (it->second.empty()) behind_.erase(it);
}

void BrokerNode::run_jobs(Runtime& rt) {
  // At most one job per core: the broker's operations queue for its CPU like RabbitMQ's schedulers.
  while (!waiting_.empty() && running_.size() < static_cast<size_t>(config_.cores)) {
    const uint64_t job = next_job_++;
    const double flops = waiting_.front().flops;
    running_.emplace_back(job, std::move(waiting_.front()));
    waiting_.pop_front();
    rt.start_work(flops, make_tag(TagKind::BrokerJob, job));
  }
  update_busy(rt.now());
}

void BrokerNode::on_work_done(Runtime& rt, uint64_t tag) {
  if (tag_kind(tag) == TagKind::DiskWrite) {
    disk_write_done(rt, tag_value(tag));
    update_busy(rt.now());
    return;
  }
  if (tag_kind(tag) != TagKind::BrokerJob) unexpected_tag("work", tag);
  const uint64_t key = tag_value(tag);
  auto it = std::lower_bound(running_.begin(), running_.end(), key,
                             [](const std::pair<uint64_t, Job>& entry, uint64_t k) { return entry.first < k; });
  if (it == running_.end() || it->first != key) return;
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
    case JobKind::Reject:
      finish_reject(rt, job);
      break;
  }
  release_process(job);
  check_memory(rt);
  run_jobs(rt);
}

uint64_t BrokerNode::memory_used() const {
  uint64_t bytes = 0;
  for (const auto& [id, s] : queues_) bytes += s.queue->ready_bytes() + s.queue->unacked_bytes();
  for (const auto& [tag, job] : running_)
    if (job.kind == JobKind::Publish) bytes += job.message->wire_bytes;
  for_each_queued_job([&](const Job& job) {
    if (job.kind == JobKind::Publish) bytes += job.message->wire_bytes;
  });
  for (const auto& held : held_publishes_) bytes += held.message->wire_bytes;
  return bytes;
}

void BrokerNode::check_memory(Runtime& rt) {
  if (config_.memory_high_watermark == 0) return;
  const uint64_t used = memory_used();
  stats_.max_memory_bytes = std::max(stats_.max_memory_bytes, used);
  if (!blocked_ && used >= config_.memory_high_watermark) {
    blocked_ = true;
    blocked_since_ = rt.now();
    world_.trace.event(rt.now(), config_.lane, EventType::Blocked, static_cast<int64_t>(used));
    return;
  }
  if (blocked_ && used < config_.memory_high_watermark) {
    blocked_ = false;
    stats_.blocked_time += rt.now() - blocked_since_;
    world_.trace.event(rt.now(), config_.lane, EventType::Unblocked, static_cast<int64_t>(used));
    // The held publishes are read again, in order, until the alarm goes off again.
    while (!held_publishes_.empty() && !blocked_) {
      enqueue_job(std::move(held_publishes_.front()));
      held_publishes_.pop_front();
    }
  }
}

void BrokerNode::connection_lost(Runtime& rt, NodeId peer, uint32_t epoch) {
  // Only the connection of that incarnation: one that has reconnected since is another connection.
  if (!connections_.erase({peer, epoch})) return;
  std::vector<QueueId> owned, touched;
  for (auto& [id, s] : queues_) {
    if (s.owner == peer && s.owner_epoch == epoch) owned.push_back(id);
    const auto requeued_messages = s.queue->remove_consumers_of(peer, epoch);
    requeued(rt.now(), id, requeued_messages);
    touched.push_back(id);
  }
  // An exclusive queue goes with the connection that owns it.
  for (QueueId id : owned) delete_queue(rt, id);
  for (QueueId id : touched)
    if (queues_.count(id)) after_consumer_change(rt, id);
}

void BrokerNode::lose_in_crash(MessagePtr& message) {
  if (message && world_.ledger.is_live(message->id)) {
    world_.ledger.lose(message->id, LossCause::BrokerCrash);
    ++stats_.lost_in_crash;
  }
}

void BrokerNode::crash(Runtime& rt, bool host_down) {
  ++stats_.crashes;
  drop_jobs_in_crash(rt);
  lose_queues_in_crash(rt);
  // Transient exchanges are gone after a restart too.
  for (const auto& decl : config_.exchanges)
    if (!decl.options.durable) (void)router_.delete_exchange(decl.name);
  // Connected processes learn it from a reset, or from missed heartbeats when the whole host died.
  for (const auto& [peer, epoch] : connections_) {
    EnvelopePtr lost =
        protocol_frame(Frame::BrokerLost, HopKind::Error, peer, config_.lane, world_.directory.lane(peer));
    lost->peer = self_;
    lost->to_epoch = epoch;  // down that connection: a later incarnation has its own
    lost->to_connection = true;
    if (host_down)
      world_.control->post(peer, std::move(lost), rt.now() + config_.heartbeat_timeout);  // a local event, later
    else
      rt.send(std::move(lost));
  }
  connections_.clear();
  life_.mark_down(rt, host_down);
  update_busy(rt.now());
}

void BrokerNode::drop_jobs_in_crash(Runtime& rt) {
  // Publishes not yet routed die with the process, and so do deliveries without acknowledgement not yet sent
  // (they had left their queue for good; the others are still the queue's).
  auto lose_held = [&](Job& job) {
    if (job.kind == JobKind::Publish) lose_in_crash(job.message);
    if (job.kind == JobKind::Deliver && job.delivery->auto_ack) lose_in_crash(job.delivery->message);
  };
  for (auto& [tag, job] : running_) lose_held(job);
  for (auto& job : waiting_) lose_held(job);
  for (auto& [process, jobs] : behind_)
    for (auto& job : jobs) lose_held(job);
  for (auto& held : held_publishes_) lose_in_crash(held.message);
  running_.clear();
  waiting_.clear();
  behind_.clear();
  active_processes_.clear();
  jobs_behind_ = 0;
  held_publishes_.clear();
  writes_.clear();
  confirms_.clear();  // publishers never hear about these: their publishes are unconfirmed
  if (blocked_) stats_.blocked_time += rt.now() - blocked_since_;
  blocked_ = false;
}

void BrokerNode::lose_queues_in_crash(Runtime& rt) {
  // A durable queue keeps the persistent messages already on disk (unacknowledged ones become ready again,
  // redelivered); everything else, and every transient queue, is lost (docs/semantics.md 1.4, 1.11).
  std::vector<QueueId> transient;
  for (auto& [id, s] : queues_) {
    broker::Queue& queue = *s.queue;
    std::vector<broker::ConsumerId> consumers;
    for (const auto& c : queue.consumers()) consumers.push_back(c.id);
    for (broker::ConsumerId consumer : consumers) requeued(rt.now(), id, queue.remove_consumer(consumer));
    if (!queue.options().durable) {
      transient.push_back(id);
      continue;
    }
    // Every delivery is back in the ready list now; keep the persistent messages already written to disk.
    for (MessagePtr& m :
         queue.take_ready_if([&](const Message& m) { return !m.amqp.persistent || unwritten_.count(m.id) > 0; }))
      lose_in_crash(m);
    report_queue(rt.now(), id);
  }
  for (QueueId id : transient) {
    for (MessagePtr& m : queues_.at(id).queue->take_all()) {
      world_.ledger.set_broker_copy(m->id, false);
      const bool broker_owned = world_.ledger.is_live(m->id) && (world_.ledger.place_of(m->id) == Place::QueueReady ||
                                                                 world_.ledger.place_of(m->id) == Place::QueueUnacked);
      if (broker_owned) lose_in_crash(m);
    }
    delete_queue(rt, id);
  }
  unwritten_.clear();
}

void BrokerNode::restart(Runtime& rt) {
  // The definitions come back: durable ones survived, transient ones are declared again from the boot file.
  declare_boot_topology(false);
  on_start(rt);
}

void BrokerNode::update_busy(double now) {
  world_.quiescence.set_busy(busy_, !waiting_.empty() || jobs_behind_ > 0 || !running_.empty() || !writes_.empty() ||
                                        !held_publishes_.empty());
  world_.series.level(now, config_.lane, SeriesLevel::Cpu,
                      static_cast<double>(running_.size()) / static_cast<double>(config_.cores));
  world_.series.level(now, config_.lane, SeriesLevel::Waiting, static_cast<double>(waiting_.size() + jobs_behind_));
}

uint64_t BrokerNode::ready_messages() const {
  uint64_t n = 0;
  for (const auto& [id, s] : queues_) n += s.queue->ready();
  return n;
}

uint64_t BrokerNode::unacked_messages() const {
  uint64_t n = 0;
  for (const auto& [id, s] : queues_) n += s.queue->unacked();
  return n;
}

uint64_t BrokerNode::unrouted_messages() const {
  uint64_t n = held_publishes_.size();
  for (const auto& [tag, job] : running_) n += job.kind == JobKind::Publish ? 1 : 0;
  for_each_queued_job([&](const Job& job) { n += job.kind == JobKind::Publish ? 1 : 0; });
  return n;
}

void BrokerNode::delivery_copies(std::vector<MsgId>& ids) const {
  for (const auto& [id, s] : queues_) s.queue->unacked_messages(ids);
  const auto unsent = [&](const Job& job) {
    if (job.kind == JobKind::Deliver && job.delivery->auto_ack && job.delivery->message)
      ids.push_back(job.delivery->message->id);
  };
  for (const auto& [tag, job] : running_) unsent(job);
  for_each_queued_job(unsent);
}

std::vector<uint64_t> BrokerNode::ready_order(const std::string& queue) const {
  for (const auto& [id, s] : queues_)
    if (s.queue->name() == queue) return s.queue->ready_sequence();
  return {};
}

void BrokerNode::finish(double now) {
  for (auto& [id, s] : queues_) {
    for (broker::Departure& d : s.queue->take_expired(now)) {
      ++s.stats->expired;
      world_.ledger.expire(d.message->id);
    }
    s.stats->remaining = s.queue->ready() + s.queue->unacked();
  }
  if (blocked_) stats_.blocked_time += now - blocked_since_;
}

}  // namespace buslab
