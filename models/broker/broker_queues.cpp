// BrokerNode, queue side: declaring, binding and deleting queues (x-expires, auto-delete, exclusive), consumers,
// dispatching deliveries, head expiry, acknowledgements and rejections.
#include "models/broker/broker_node.hpp"
#include "models/core/protocol_error.hpp"

namespace buslab {

using broker::QueueId;

BrokerNode::QueueSlot* BrokerNode::slot(QueueId queue) {
  return queues_.find(queue);
}

QueueId BrokerNode::declare_queue(const broker::QueueDecl& decl) {
  const QueueId id = router_.declare_queue(decl.name).value();
  if (!queues_.count(id)) {
    QueueSlot s;
    s.queue = std::make_unique<broker::Queue>(id, decl.name, queue_lane(decl.name), decl.options);
    s.stats = &world_.metrics.queue(config_.name + "/" + decl.name);
    s.stats->broker = config_.name;
    queues_.emplace(id, std::move(s));
  }
  for (const auto& binding : decl.bindings) bind_queue(id, binding);
  return id;
}

void BrokerNode::bind_queue(QueueId queue, const broker::BindingDecl& binding) {
  // The loader checked the bindings of the scenario; a binding to an exchange gone with a crash is left out,
  // as RabbitMQ refuses it (NOT_FOUND).
  const broker::Status status = router_.bind_queue(binding.exchange, queue, binding.key, binding.arguments);
  (void)status;
}

void BrokerNode::add_consumer(Runtime* rt, const broker::ConsumeSpec& spec, NodeId consumer, uint32_t epoch,
                              LaneId lane) {
  const QueueId id = declare_queue(spec.queue);
  QueueSlot& s = *slot(id);
  if (s.queue->options().exclusive && (s.owner == kNoNode || (s.owner == consumer && s.owner_epoch != epoch))) {
    // A restarted process declares its exclusive queue again. In oslo.messaging it has a new name (reply_<uuid>)
    // and the old one goes with the old connection; here names are stable, so the new connection takes the queue
    // over, and the old incarnation's consumers on it go now (their deliveries requeued, to the new one).
    if (s.owner == consumer) requeued(rt ? rt->now() : 0.0, id, s.queue->remove_consumers_of(consumer, s.owner_epoch));
    s.owner = consumer;
    s.owner_epoch = epoch;
  }
  s.queue->add_consumer(consumer, lane, spec.prefetch, spec.auto_ack, spec.priority, epoch);
  if (rt == nullptr) return;
  if (s.expiry_timer != 0) {
    rt->cancel_timer(s.expiry_timer);
    s.expiry_timer = 0;
  }
  dispatch(*rt, id);
}

void BrokerNode::after_consumer_change(Runtime& rt, QueueId id) {
  QueueSlot* s = slot(id);
  if (!s) return;
  broker::Queue& queue = *s->queue;
  if (queue.consumer_count() == 0) {
    if (queue.options().auto_delete && queue.ever_consumed()) {
      delete_queue(rt, id);
      return;
    }
    // x-expires counts from when the queue was last used: no consumer any more.
    if (queue.options().expires != kNever && s->expiry_timer == 0)
      s->expiry_timer = rt.set_timer(rt.now() + queue.options().expires, make_tag(TagKind::QueueExpiry, id));
  }
  dispatch(rt, id);
}

void BrokerNode::delete_queue(Runtime& rt, QueueId id) {
  QueueSlot* s = slot(id);
  if (!s) return;
  // The messages of a deleted queue are dropped, not dead-lettered (docs/semantics.md 1.4); those a consumer holds
  // stay the consumer's.
  for (MessagePtr& m : s->queue->take_all()) {
    world_.ledger.set_broker_copy(m->id, false);
    if (!world_.ledger.is_live(m->id)) continue;
    const Place place = world_.ledger.place_of(m->id);
    if (place == Place::QueueReady || place == Place::QueueUnacked) {
      world_.ledger.drop(m->id, DropReason::QueueDeleted);
      ++s->stats->dropped;
    }
  }
  ++s->stats->deleted;
  if (s->expiry_timer) rt.cancel_timer(s->expiry_timer);
  world_.trace.event(rt.now(), s->queue->lane(), EventType::Depth, 0);
  world_.series.level(rt.now(), s->queue->lane(), SeriesLevel::Unacked, 0);
  const broker::Status status = router_.delete_queue(id);
  (void)status;
  queues_.erase(id);
}

void BrokerNode::report_queue(double now, QueueId id) {
  QueueSlot* s = slot(id);
  if (!s) return;
  const broker::Queue& queue = *s->queue;
  world_.trace.event(now, queue.lane(), EventType::Depth, static_cast<int64_t>(queue.ready()));
  world_.trace.event(now, queue.lane(), EventType::Bytes, static_cast<int64_t>(queue.ready_bytes()));
  world_.series.level(now, queue.lane(), SeriesLevel::Unacked, static_cast<double>(queue.unacked()));
  s->stats->max_depth = std::max<uint64_t>(s->stats->max_depth, queue.ready());
  s->stats->max_bytes = std::max<uint64_t>(s->stats->max_bytes, queue.ready_bytes());
}

void BrokerNode::expire_head(Runtime& rt, QueueId id) {
  QueueSlot* s = slot(id);
  if (!s) return;
  for (broker::Departure& d : s->queue->take_expired_head(rt.now())) dead_letter(rt, id, std::move(d));
}

void BrokerNode::arm_ttl_timer(Runtime& rt, QueueId id) {
  QueueSlot* s = slot(id);
  if (!s) return;
  const double head = s->queue->head_expiry();
  // Expired messages leave when they reach the head: one timer, for the head's expiry, is enough.
  if (head != kNever && head != s->ttl_timer_at) {
    s->ttl_timer_at = head;
    rt.set_timer(head, make_tag(TagKind::QueueTtl, id));
  }
}

void BrokerNode::dispatch(Runtime& rt, QueueId id) {
  if (!life_.alive()) return;
  QueueSlot* s = slot(id);
  if (!s) return;
  broker::Queue& queue = *s->queue;
  expire_head(rt, id);
  while (auto delivery = queue.next_delivery()) {
    ++s->stats->delivered;
    if (delivery->message->amqp.redelivered) ++s->stats->redelivered;
    world_.ledger.place(delivery->message->id, Place::QueueUnacked);
    // Without auto-ack the queue keeps its copy until the acknowledgement.
    world_.ledger.set_broker_copy(delivery->message->id, !delivery->auto_ack);
    Job job;
    job.kind = JobKind::Deliver;
    job.flops = meter_.contended(cost_flops(config_.costs.deliver, delivery->message->wire_bytes),
                                 cost_op_of(*delivery->message));
    job.queue = id;
    job.delivery = std::make_unique<broker::Delivery>(std::move(*delivery));
    enqueue_job(std::move(job));
    expire_head(rt, id);
  }
  report_queue(rt.now(), id);
  arm_ttl_timer(rt, id);
  run_jobs(rt);
}

void BrokerNode::on_timer(Runtime& rt, uint64_t tag) {
  if (tag_kind(tag) != TagKind::QueueTtl && tag_kind(tag) != TagKind::QueueExpiry) unexpected_tag("timer", tag);
  const QueueId id = static_cast<QueueId>(tag_value(tag));
  QueueSlot* s = slot(id);
  if (!s || !life_.alive()) return;
  if (tag_kind(tag) == TagKind::QueueTtl) {
    s->ttl_timer_at = kNever;
    dispatch(rt, id);
  } else if (tag_kind(tag) == TagKind::QueueExpiry) {
    s->expiry_timer = 0;
    if (s->queue->consumer_count() == 0) delete_queue(rt, id);
  }
}

void BrokerNode::finish_deliver(Runtime& rt, Job& job) {
  broker::Delivery& d = *job.delivery;
  QueueSlot* s = slot(job.queue);
  if (!s) {
    // The queue was deleted while this delivery waited for the CPU.
    if (d.auto_ack && world_.ledger.is_live(d.message->id)) world_.ledger.drop(d.message->id, DropReason::QueueDeleted);
    return;
  }
  if (!s->queue->has_consumer(d.consumer) || (!d.auto_ack && !s->queue->awaits_ack(d.tag))) {
    // Its consumer went away while it waited for the CPU (the connection closed, and the queue took its
    // unacknowledged messages back): nothing is sent. Without acknowledgements the message had left the queue
    // for good, and is lost with the consumer.
    if (d.auto_ack && world_.ledger.is_live(d.message->id)) world_.ledger.lose(d.message->id, LossCause::ProcessCrash);
    return;
  }
  if (d.auto_ack) world_.ledger.place(d.message->id, Place::InTransit);
  EnvelopePtr env =
      message_frame(Frame::Deliver, HopKind::Delivery, s->queue->lane(), std::move(d.message), d.node, d.lane);
  env->to_epoch = d.epoch;  // down its consumer's connection, even one whose process has restarted since
  env->to_connection = true;
  env->queue = job.queue;
  env->tag = d.tag;
  // Without auto-ack the queue keeps the message until the ack: a lost delivery is requeued, not lost.
  env->owns_message = d.auto_ack;
  rt.send(std::move(env));
}

void BrokerNode::finish_ack(Runtime& rt, Job& job) {
  QueueSlot* s = slot(job.queue);
  if (!s) return;
  if (MessagePtr acked = s->queue->ack(job.tag)) {
    ++s->stats->acked;
    world_.ledger.set_broker_copy(acked->id, false);
  }
  dispatch(rt, job.queue);
}

void BrokerNode::finish_reject(Runtime& rt, Job& job) {
  QueueSlot* s = slot(job.queue);
  if (!s) return;
  Message* back = nullptr;
  std::optional<broker::Departure> gone = s->queue->reject(job.tag, job.requeue, &back);
  if (back) requeued(rt.now(), job.queue, {back});
  if (gone) {
    world_.ledger.set_broker_copy(gone->message->id, false);
    dead_letter(rt, job.queue, std::move(*gone));
  }
  dispatch(rt, job.queue);
}

void BrokerNode::requeued(double now, QueueId queue, const std::vector<Message*>& messages) {
  for (Message* m : messages) {
    world_.ledger.set_broker_copy(m->id, false);
    if (world_.ledger.is_live(m->id) && world_.ledger.place_of(m->id) == Place::QueueUnacked) {
      world_.ledger.place(m->id, Place::QueueReady);
    } else {
      // Its consumer had already taken it on (and ran or lost it): the broker's copy is now a second one, a
      // message of its own in the ledger. The trace shows it entering its queue under that id, as a `local` hop
      // from the queue to itself, so that every message a queue delivers has arrived in it (docs/trace-format.md).
      m->id = world_.ledger.create();
      world_.ledger.place(m->id, Place::QueueReady);
      const LaneId lane = slot(queue)->queue->lane();
      world_.trace.hop(m->id, m->rpc.call, HopKind::Local, lane, lane, now, now, m->wire_bytes, m->rpc.method,
                       HopStatus::Ok);
    }
  }
}

}  // namespace buslab
