#include "models/rpc/server_node.hpp"

#include <cmath>

#include "models/world/service_report.hpp"

namespace buslab {

ServerNode::ServerNode(World& world, NodeId self, ServerConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      rng_(world.seed, "server/" + config_.name),
      executor_(config_.workers),
      cpu_(config_.cpu_slots),
      stats_(world.metrics.server(config_.name)),
      life_(world, self, config_.lane,
            {[this](Runtime& rt, bool host_down) { crash(rt, host_down); }, [this](Runtime& rt) { on_start(rt); }}),
      meter_(config_.reference_flops, config_.jitter, world.seed, "server/cost/", config_.name, config_.contention),
      listen_(config_.accept_queue) {
  stats_.service = config_.service;
  stats_.host = config_.host;
  stats_.workers = config_.workers;
  stats_.host_cores = config_.host_cores;
  for (const auto& e : config_.endpoints) {
    EndpointSignature sig{e.name_space, e.version, {}};
    for (const auto& [name, m] : e.methods) sig.methods.push_back(name);
    signatures_.push_back(sig);
  }
  if (config_.brokered) {
    link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
    config_.caller.link = link_.get();
  }
  if (config_.report) {
    report_.emplace(*config_.report);
    world_.service_database.set_lane(config_.report->row, config_.lane);
  }
  bool calls_out = config_.report && config_.report->via_conductor;
  for (const auto& e : config_.endpoints)
    for (const auto& [name, m] : e.methods) calls_out = calls_out || !m.steps.empty();
  if (calls_out) {
    caller_ = std::make_unique<RpcCaller>(world_, self_, config_.caller);
    if (link_) {
      link_->set_on_sent([this](Runtime& rt, Message& m) {
        if (m.kind == MsgKind::Request) caller_->request_sent(rt, m);
      });
      link_->set_on_failed_publish([this](Runtime& rt, MessagePtr m) {
        if (m->kind == MsgKind::Request)
          caller_->request_failed(rt, std::move(m));
        else
          world_.ledger.drop(m->id, DropReason::Failed);
      });
    }
  } else if (link_) {
    link_->set_on_failed_publish([this](Runtime&, MessagePtr m) { world_.ledger.drop(m->id, DropReason::Failed); });
  }
  if (link_) link_->set_on_lost([this](Runtime& rt) { broker_lost(rt); });
}

void ServerNode::on_start(Runtime& rt) {
  if (starts_ == 0 && config_.start_at > rt.now()) {
    // A replica that starts later: until then it does not exist (nothing listens, its queues are not declared).
    rt.set_timer(config_.start_at, make_tag(TagKind::ProcessStart, 0));
    return;
  }
  start_now(rt);
}

void ServerNode::start_now(Runtime& rt) {
  life_.start(rt);
  hung_ = false;
  if (link_) {
    // A fanout queue of a new name at each start (the old one lingers until it expires, docs/semantics.md 2.2).
    link_->set_consumes(oslo::server_consumes(config_.queues, starts_));
    // A process started after the run began (restart, scale-out) connects and subscribes itself.
    link_->start(rt, starts_ == 0 && config_.connected_at_start && config_.start_at <= 0.0);
  }
  ++starts_;
  report_levels(rt.now());
  if (report_) {
    const double join = report_->plan().join;
    if (rt.now() >= join || world_.service_database.row(report_->plan().row).created)
      join_group(rt);
    else
      rt.set_timer(join, make_tag(TagKind::Report, 1));
  }
}

void ServerNode::join_group(Runtime& rt) {
  // The service creates its row as it saves any: nova-compute through the conductor, whose clock stamps created_at.
  world_.service_database.started(report_->plan().row, rt.now(),
                                  world_.clocks.reading(report_->plan().db_host, rt.now()));
  rt.set_timer(report_->first_due(rt.now()), make_tag(TagKind::Report, 0));
}

void ServerNode::begin_report(Runtime& rt) {
  const ReportPlan& plan = report_->plan();
  report_->begin(rt.now());
  world_.service_database.report_sent(plan.row);
  if (!plan.via_conductor) {
    rt.set_timer(rt.now() + plan.query_time, make_tag(TagKind::ReportCommit, 0));
    return;
  }
  // nova-compute has no database access: its service.save() is an object_action call to the conductor, which
  // writes the row with its own clock. A timeout is logged and reporting goes on.
  caller_->issue(rt, config_.report_call, "", [this](Runtime& rt2, const CallResult& result) {
    if (!life_.alive()) return;
    if (result.outcome != CallOutcome::Ok) world_.service_database.report_failed(report_->plan().row);
    report_done(rt2);
  });
}

void ServerNode::report_done(Runtime& rt) {
  rt.set_timer(report_->next_due(rt.now()), make_tag(TagKind::Report, 0));
}

void ServerNode::on_frame(Runtime& rt, Envelope& env) {
  if (life_.alive() && link_ && link_->on_frame(rt, env)) return;
  if (life_.on_kill_or_restart(rt, env) || on_fault_or_probe(rt, env)) return;
  // Requests reach a dead server too: its kernel answers for it (a reset), or its broker keeps them.
  if (env.frame == Frame::DirectRequest) return on_direct_request(rt, env);
  const bool reply = env.message && env.message->kind == MsgKind::Reply;
  if (env.frame == Frame::Deliver && !reply) return on_delivery(rt, env);
  if (!life_.alive()) {
    life_.lose_frame(env);
    return;
  }
  if (env.frame == Frame::Return && reply) return on_returned_reply(env);
  if (env.frame == Frame::Confirm && reply_confirms_.count(env.publish_seq)) return on_reply_confirm(rt, env);
  // The replies to its own calls, and its calls' handshakes: its caller's.
  if (caller_) {
    if (env.frame == Frame::Deliver) ack_reply_delivery(rt, env);
    if (caller_->on_frame(rt, env)) return;
  }
  unexpected_frame(env, world_.directory);
}

void ServerNode::on_returned_reply(Envelope& env) {
  // basic.return of its mandatory reply: the caller's reply queue is gone (the client died, or the broker
  // restarted without it). oslo logs it and gives the reply up; the caller, if alive, times out.
  ++stats_.replies_returned;
  world_.ledger.drop(env.message->id, DropReason::Returned);
  env.status = HopStatus::Dropped;
}

bool ServerNode::on_fault_or_probe(Runtime& rt, Envelope& env) {
  switch (env.frame) {
    case Frame::Hang:
      if (life_.alive() && !hung_) {
        hung_ = true;
        world_.trace.event(rt.now(), config_.lane, EventType::Hang);
      }
      return true;
    case Frame::Resume:
      if (life_.alive() && hung_) resume(rt);
      return true;
    case Frame::Syn:
      on_syn(rt, env);
      return true;
    case Frame::Heartbeat:
      // A stuck green-thread server cannot even answer heartbeats (docs/semantics.md 4.3).
      if (life_.alive() && !hung_) {
        rt.send(answer_to(env, Frame::Heartbeat, HopKind::Heartbeat, config_.lane));
      }
      return true;
    default:
      return false;
  }
}

void ServerNode::resume(Runtime& rt) {
  hung_ = false;
  world_.trace.event(rt.now(), config_.lane, EventType::Resume);
  std::vector<uint64_t> work, timers;
  work.swap(deferred_work_);
  timers.swap(deferred_timers_);
  for (uint64_t tag : work) on_work_done(rt, tag);
  for (uint64_t tag : timers) on_timer(rt, tag);
  pump(rt);
  accept_next(rt);
}

void ServerNode::on_direct_request(Runtime& rt, Envelope& env) {
  if (!life_.alive()) {
    // Sent on a connection opened before the process died: its kernel resets it at once.
    world_.ledger.drop(env.message->id, DropReason::Refused);
    env.status = HopStatus::Dropped;
    send_reset(rt, env.from_node, env.from_lane, env.message->rpc.call);
    return;
  }
  if (!listen_.has_room(waiting_connections())) {
    // Its handshake completes into a full accept queue: the kernel drops the ACK and keeps the connection
    // half-open; a retransmission will try again. (The request is counted at the server: its kernel holds the
    // connection, and a crash of the process resets it.)
    world_.ledger.place(env.message->id, Place::ServerBacklog);
    const uint64_t key = listen_.hold(std::move(env.message), rt.now());
    rt.set_timer(listen_.next_try(key), make_tag(TagKind::ListenRetry, key));
    update_busy();
    return;
  }
  enqueue_connection(rt, std::move(env.message), rt.now());
}

size_t ServerNode::waiting_connections() const {
  return executor_.backlog() + accept_queue_.size();
}

void ServerNode::enqueue_connection(Runtime& rt, MessagePtr request, double arrived_at) {
  ExecutorJob job;
  job.request = std::move(request);
  job.arrived_at = arrived_at;
  if (config_.accept_cost.zero()) {
    accept(rt, std::move(job));
    return;
  }
  world_.ledger.place(job.request->id, Place::ServerBacklog);
  accept_queue_.push_back(std::move(job));
  accept_next(rt);
  report_levels(rt.now());
}

void ServerNode::accept_next(Runtime& rt) {
  if (accepting_ || accept_queue_.empty() || hung_) return;
  accepting_ = std::move(accept_queue_.front());
  accept_queue_.pop_front();
  rt.start_work(meter_.flops(config_.accept_cost, 0.0) * config_.slowdown, make_tag(TagKind::AcceptWork, 0));
}

void ServerNode::send_reset(Runtime& rt, NodeId client, LaneId client_lane, CallId call) {
  EnvelopePtr reset = protocol_frame(Frame::Refused, HopKind::Error, client, config_.lane, client_lane);
  reset->call = call;
  rt.send(std::move(reset));
}

void ServerNode::on_listen_retry(Runtime& rt, uint64_t key) {
  if (!listen_.holds(key)) return;  // gone with a crash of the process
  if (listen_.has_room(waiting_connections())) {
    enqueue_connection(rt, listen_.release(key), rt.now());
    return;
  }
  const double at = listen_.next_try(key);
  if (at >= 0) {
    rt.set_timer(at, make_tag(TagKind::ListenRetry, key));
    return;
  }
  // The server gave the SYN-ACK up: the connection is gone, and the client's next retransmission is reset.
  MessagePtr request = listen_.release(key);
  world_.ledger.drop(request->id, DropReason::Refused);
  send_reset(rt, request->rpc.client_node, request->rpc.client_lane, request->rpc.call);
  update_busy();
}

void ServerNode::on_delivery(Runtime& rt, Envelope& env) {
  if (!life_.alive()) {
    // Unacknowledged deliveries stay the broker's: it requeues them when it notices the connection died.
    life_.lose_frame(env);
    return;
  }
  ExecutorJob job = ExecutorJob::delivered(env, link_->generation(), rt.now());
  if (config_.ack_before) {
    // oslo.messaging acknowledges before dispatching (amqpdriver.py, bug 1695746): from here on a crash
    // loses the request.
    send_ack(rt, job);
    job.acked = true;
  }
  accept(rt, std::move(job));
}

void ServerNode::on_syn(Runtime& rt, Envelope& env) {
  if (!life_.alive()) {
    // The host is up but nothing listens on the port: the kernel answers with a reset at once.
    send_reset(rt, env.from_node, env.from_lane, env.call);
    env.status = HopStatus::Dropped;
    return;
  }
  // A full accept queue (SimpleXMLRPCServer's request_queue_size = 5: six connections wait) drops the SYN: the
  // client's kernel will send it again. Handshakes in progress do not count (models/rpc/listen_queue.hpp).
  if (!listen_.has_room(waiting_connections())) {
    env.status = HopStatus::Dropped;
    return;
  }
  EnvelopePtr accepted = answer_to(env, Frame::SynAck, HopKind::Control, config_.lane);
  accepted->call = env.call;
  rt.send(std::move(accepted));
}

std::optional<int> ServerNode::cpu_work_at_most() const {
  // Its requests compute through the gate (cpu_slots at once); a threaded server's accepting thread computes beside
  // them, one connection at a time. A server whose methods call others also encodes and decodes those calls, beside
  // its requests' work: left unbounded.
  if (caller_) return std::nullopt;
  return config_.cpu_slots + (config_.accept_cost.zero() ? 0 : 1);
}

const MethodModel* ServerNode::method_of(const ExecutorJob& job) const {
  if (job.status != static_cast<int>(ReplyStatus::Ok)) return nullptr;
  return &config_.endpoints.at(job.endpoint).methods.at(job.request->rpc.method);
}

void ServerNode::accept(Runtime& rt, ExecutorJob job) {
  world_.ledger.place(job.request->id, Place::ServerBacklog);
  executor_.submit(std::move(job));
  pump(rt);
}

void ServerNode::pump(Runtime& rt) {
  if (!hung_)
    for (JobId id : executor_.admit()) begin(rt, id);
  report_levels(rt.now());
}

void ServerNode::begin(Runtime& rt, JobId id) {
  ExecutorJob& job = executor_.job(id);
  job.started_at = rt.now();
  const Message& request = *job.request;
  world_.ledger.place(request.id, Place::InService);
  world_.trace.event(rt.now(), config_.lane, EventType::ServiceStart, 0, request.rpc.call);
  const DispatchResult d = dispatch(signatures_, request.rpc.name_space, request.rpc.version, request.rpc.method);
  const double args = static_cast<double>(request.rpc.args_bytes);
  // The software (codec and library) grows with the host's contention; the method's own time does not.
  double software = config_.codec->decode_flops(request.rpc.args_bytes) + meter_.flops(config_.costs.receive, args) +
                    meter_.flops(config_.costs.dispatch, args);
  double method_flops = 0.0;
  if (d.status != DispatchStatus::Ok) {
    job.status = static_cast<int>(d.status == DispatchStatus::NoSuchMethod ? ReplyStatus::NoSuchMethod
                                                                           : ReplyStatus::UnsupportedVersion);
    job.reply_bytes = 64;  // the serialized exception
  } else {
    job.endpoint = static_cast<uint32_t>(d.endpoint);
    const MethodModel& method = *method_of(job);
    method_flops = method.service_time.sample(rng_) * rt.core_speed();
    job.reply_bytes = static_cast<uint64_t>(std::llround(method.reply_bytes.sample(rng_)));
    if (method.error_probability > 0 && rng_.uniform01() < method.error_probability)
      job.status = static_cast<int>(ReplyStatus::RemoteError);
  }
  if (request.rpc.mode == RpcMode::Call)
    software += config_.codec->encode_flops(job.reply_bytes) +
                meter_.flops(config_.costs.reply, static_cast<double>(job.reply_bytes));
  const CostOp op = request.rpc.mode == RpcMode::Call ? CostOp::Call : CostOp::Cast;
  const double flops = (meter_.contended(software, op) + method_flops) * config_.slowdown;
  job.cpu_seconds = flops / rt.core_speed();
  // oslo's dispatcher heartbeats a call whose caller set call_monitor_timeout, every floor(timeout) / 2 seconds
  // (at least 1 s; below, it only logs a warning) until the call is done (rpc/dispatcher.py _watchdog).
  const double beat = std::floor(request.rpc.call_monitor_timeout) / 2.0;
  if (config_.brokered && request.rpc.mode == RpcMode::Call && beat >= 1.0)
    rt.set_timer(rt.now() + beat, make_tag(TagKind::MonitorBeat, id));
  start_service_work(rt, cpu_.request(id, flops));
}

void ServerNode::on_work_done(Runtime& rt, uint64_t tag) {
  if (hung_) {
    deferred_work_.push_back(tag);
    return;
  }
  if (caller_ && caller_->on_work_done(rt, tag)) return;
  if (tag_kind(tag) == TagKind::AcceptWork) {
    // The accepting thread took the connection at the head of the queue: its request runs on a thread of its own.
    ExecutorJob job = std::move(*accepting_);
    accepting_.reset();
    accept(rt, std::move(job));
    accept_next(rt);
    return;
  }
  if (tag_kind(tag) != TagKind::Service) unexpected_tag("work", tag);
  start_service_work(rt, cpu_.release());
  const JobId id = tag_value(tag);
  if (!executor_.has(id)) return;
  stats_.cpu_time += executor_.job(id).cpu_seconds;  // counted once done: a crash cancels the rest
  after_cpu(rt, id);
}

void ServerNode::after_cpu(Runtime& rt, JobId id) {
  const MethodModel* method = method_of(executor_.job(id));
  const double wait = method ? method->io_time.sample(rng_) : 0.0;
  if (wait > 0) {
    rt.set_timer(rt.now() + wait, make_tag(TagKind::ServiceWait, id));
    return;
  }
  next_step(rt, id);
}

void ServerNode::on_timer(Runtime& rt, uint64_t tag) {
  if (link_ && link_->on_timer(rt, tag)) return;
  if (tag_kind(tag) == TagKind::ProcessStart) {
    start_now(rt);
    return;
  }
  if (hung_) {
    deferred_timers_.push_back(tag);
    return;
  }
  if (caller_ && caller_->on_timer(rt, tag)) return;
  if (report_ && tag_kind(tag) == TagKind::Report) {
    if (tag_value(tag) == 1)
      join_group(rt);
    else
      begin_report(rt);
    return;
  }
  if (report_ && tag_kind(tag) == TagKind::ReportCommit) {
    commit_report(world_, report_->plan().row, config_.host, rt.now(), report_->started());
    report_done(rt);
    return;
  }
  if (tag_kind(tag) == TagKind::MonitorBeat) return send_monitor_heartbeat(rt, tag_value(tag));
  if (tag_kind(tag) == TagKind::ListenRetry) return on_listen_retry(rt, tag_value(tag));
  if (tag_kind(tag) != TagKind::ServiceWait) unexpected_tag("timer", tag);
  if (executor_.has(tag_value(tag))) next_step(rt, tag_value(tag));
}

void ServerNode::send_monitor_heartbeat(Runtime& rt, JobId id) {
  if (!executor_.has(id) || executor_.job(id).replied || !life_.alive()) return;
  const Message& request = *executor_.job(id).request;
  // AMQPIncomingMessage.heartbeat(): an empty reply (ending=False) to the caller's reply queue.
  MessagePtr beat = reply_message(rt, request, 0);
  beat->rpc.heartbeat = true;
  link_->publish(rt, message_frame(Frame::Publish, HopKind::Heartbeat, config_.lane, std::move(beat)));
  rt.set_timer(rt.now() + std::floor(request.rpc.call_monitor_timeout) / 2.0, make_tag(TagKind::MonitorBeat, id));
}

void ServerNode::next_step(Runtime& rt, JobId id) {
  ExecutorJob& job = executor_.job(id);
  const MethodModel* method = method_of(job);
  if (!method || job.step >= method->steps.size()) {
    complete(rt, id);
    return;
  }
  const RpcRequestSpec& step = method->steps[job.step];
  caller_->issue(
      rt, step, job.selected,
      [this, id](Runtime& rt2, const CallResult& result) {
        if (!executor_.has(id)) return;
        ExecutorJob& j = executor_.job(id);
        if (!result.selected.empty()) j.selected = result.selected;
        if (result.outcome == CallOutcome::Timeout || result.outcome == CallOutcome::Error) {
          // The call raised (MessagingTimeout, a remote error): the method fails with it.
          j.status = static_cast<int>(ReplyStatus::RemoteError);
          complete(rt2, id);
          return;
        }
        ++j.step;
        next_step(rt2, id);
      },
      job.request->rpc.call);
}

void ServerNode::complete(Runtime& rt, JobId id) {
  ExecutorJob& job = executor_.job(id);
  const Message& request = *job.request;
  ++stats_.handled;
  world_.trace.event(rt.now(), config_.lane, EventType::ServiceEnd, 0, request.rpc.call);
  world_.trace.ran_by(request.rpc.call, config_.lane, rt.now());
  const MethodModel* method = method_of(job);
  if (method && !method->select.empty()) {
    // A scheduler-like method: it picks one of the replicas of `select`, in turn, and returns its name.
    const auto& replicas = world_.directory.replicas(method->select);
    if (!replicas.empty()) {
      size_t& turn = select_turn_[method->select];
      job.selected = world_.directory.name(replicas[turn % replicas.size()]);
      ++turn;
    }
  }
  if (request.rpc.service_row != 0 && job.status == static_cast<int>(ReplyStatus::Ok)) {
    // A nova heartbeat saved through this conductor: the row is stamped with this host's clock (docs/semantics.md 3.1).
    commit_report(world_, request.rpc.service_row, config_.host, rt.now(), request.created_at, request.rpc.call);
  }
  if (job.status != static_cast<int>(ReplyStatus::Ok)) ++stats_.failed;
  uint64_t confirm_seq = 0;
  if (request.rpc.mode == RpcMode::Call) {
    world_.ledger.consume(request.id);
    confirm_seq = reply(rt, job);
  } else if (job.status == static_cast<int>(ReplyStatus::Ok) ||
             job.status == static_cast<int>(ReplyStatus::RemoteError)) {
    // A cast whose method raised (a nova build whose save through the conductor timed out) was still consumed and
    // run: oslo logs the exception, and the server counts it failed.
    world_.ledger.consume(request.id);
  } else {
    // A cast that could not be dispatched is only logged by oslo: nobody hears of it.
    world_.ledger.drop(request.id, DropReason::Unsupported);
  }
  if (config_.brokered && !job.acked) send_ack(rt, job);
  if (confirm_seq) {
    // kombu's publish with confirm_publish blocks the worker until the broker confirms the reply.
    job.replied = true;
    job.reply_seq = confirm_seq;
    reply_confirms_[confirm_seq] = id;
    report_levels(rt.now());
    return;
  }
  release(rt, id);
}

void ServerNode::release(Runtime& rt, JobId id) {
  // Its worker was busy until now: through the wait for its reply's confirm too, when there was one.
  stats_.busy_time += rt.now() - executor_.finish(id).started_at;
  pump(rt);
}

void ServerNode::on_reply_confirm(Runtime& rt, const Envelope& env) {
  auto it = reply_confirms_.find(env.publish_seq);
  const JobId id = it->second;
  reply_confirms_.erase(it);
  if (executor_.has(id)) release(rt, id);
}

void ServerNode::broker_lost(Runtime& rt) {
  if (caller_) caller_->broker_lost(rt);
  // The confirms of replies published on the lost connection will not come (kombu raises; oslo gives up the
  // reply). Replies published from now on wait in the outbox and keep their worker until confirmed.
  std::vector<JobId> freed;
  for (const auto& [seq, id] : reply_confirms_) freed.push_back(id);
  reply_confirms_.clear();
  for (JobId id : freed)
    if (executor_.has(id)) release(rt, id);
}

MessagePtr ServerNode::reply_message(Runtime& rt, const Message& request, uint64_t bytes) {
  auto reply = std::make_unique<Message>();
  reply->id = world_.ledger.create();
  reply->kind = MsgKind::Reply;
  reply->created_at = rt.now();
  reply->rpc = request.rpc;
  reply->rpc.server_lane = config_.lane;
  reply->rpc.args_bytes = bytes;
  reply->wire_bytes = config_.codec->wire_bytes(bytes);
  if (config_.brokered) {
    // Through the default exchange to the caller's reply queue.
    const oslo::Address address = oslo::reply_address(request.rpc.reply_queue);
    reply->amqp.exchange = address.exchange;
    reply->amqp.routing_key = address.routing_key;
  }
  return reply;
}

uint64_t ServerNode::reply(Runtime& rt, const ExecutorJob& job) {
  const Message& request = *job.request;
  MessagePtr reply = reply_message(rt, request, job.reply_bytes);
  reply->rpc.status = static_cast<ReplyStatus>(job.status);
  reply->rpc.selected = job.selected;
  const HopKind hop = job.status == static_cast<int>(ReplyStatus::Ok) ? HopKind::Reply : HopKind::Error;
  if (config_.brokered) {
    // Replies are published mandatory (oslo reply()).
    reply->amqp.mandatory = true;
    // It waits in the outbox while the broker is away.
    EnvelopePtr publish = message_frame(Frame::Publish, hop, config_.lane, std::move(reply));
    if (config_.reply_confirm_publish) publish->publish_seq = link_->next_publish_seq();
    const uint64_t seq = publish->publish_seq;
    link_->publish(rt, std::move(publish));
    update_busy();
    return seq;
  }
  world_.ledger.place(reply->id, Place::InTransit);
  rt.send(message_frame(Frame::DirectReply, hop, config_.lane, std::move(reply), request.rpc.client_node,
                        request.rpc.client_lane));
  return 0;
}

void ServerNode::send_ack(Runtime& rt, const ExecutorJob& job) {
  link_->settle(rt, {Frame::Ack, job.queue_lane, job.queue, job.delivery_tag, job.request->rpc.call, false},
                job.connection);
}

void ServerNode::ack_reply_delivery(Runtime& rt, const Envelope& delivery) {
  // The reply waiter acknowledges each reply on receipt (oslo ReplyWaiter).
  link_->settle(rt, {Frame::Ack, delivery.from_lane, delivery.queue, delivery.tag, delivery.message->rpc.call, false},
                link_->generation());
}

void ServerNode::crash(Runtime& rt, bool host_down) {
  hung_ = false;
  deferred_work_.clear();
  deferred_timers_.clear();
  cpu_.clear();
  std::vector<ExecutorJob> held = executor_.take_all();
  if (caller_) caller_->crash(rt);  // after the jobs are gone: their calls' callbacks find nothing to go on with
  reply_confirms_.clear();
  // Connections its kernel still held: the listening socket closes with the process (or its host).
  if (accepting_) held.push_back(std::move(*accepting_));
  accepting_.reset();
  for (ExecutorJob& job : accept_queue_) held.push_back(std::move(job));
  accept_queue_.clear();
  for (MessagePtr& request : listen_.take_all()) {
    ExecutorJob job;
    job.request = std::move(request);
    held.push_back(std::move(job));
  }
  for (ExecutorJob& job : held) {
    if (job.replied) continue;  // done and replied to: only its worker was still held
    if (config_.brokered && !job.acked && link_->connected() && job.connection == link_->generation() &&
        world_.ledger.broker_copy(job.request->id)) {
      // Still unacknowledged on a live connection: the broker holds it and will deliver it again. (Unless the
      // broker died at the same time, or deleted the queue: then the server's copy was the last.)
      world_.ledger.place(job.request->id, Place::QueueUnacked);
    } else {
      world_.ledger.lose(job.request->id, LossCause::ProcessCrash);
      ++stats_.lost_in_crash;
    }
  }
  stats_.up_time = life_.up_time(rt.now());
  if (report_ && world_.service_database.row(report_->plan().row).created)
    world_.service_database.died(report_->plan().row, rt.now());
  life_.mark_down(rt, host_down);
  if (link_) link_->on_crash(rt, host_down, LossCause::ProcessCrash);
  report_levels(rt.now());
}

void ServerNode::report_levels(double now) {
  world_.trace.event(now, config_.lane, EventType::Busy, executor_.busy());
  world_.trace.event(now, config_.lane, EventType::Backlog, static_cast<int64_t>(waiting_connections()));
  if (config_.brokered)
    world_.series.level(now, config_.lane, SeriesLevel::Held, static_cast<double>(executor_.unacked()));
  update_busy();
}

void ServerNode::update_busy() {
  world_.quiescence.set_busy(busy_, !executor_.empty() || accepting_ || !accept_queue_.empty() || listen_.size() > 0 ||
                                        (link_ && link_->held() > 0));
}

size_t ServerNode::requests_held() const {
  return executor_.messages_held() + (accepting_ ? 1 : 0) + accept_queue_.size() + listen_.size();
}

size_t ServerNode::messages_in_hand() const {
  return (link_ ? link_->held() : 0) + (caller_ ? caller_->messages_in_hand() : 0);
}

void ServerNode::held_messages(std::vector<MsgId>& ids) const {
  executor_.held_messages(ids);
  if (accepting_) ids.push_back(accepting_->request->id);
  for (const ExecutorJob& job : accept_queue_) ids.push_back(job.request->id);
  listen_.held_messages(ids);
  if (link_) link_->held_messages(ids);
  if (caller_) caller_->held_messages(ids);
}

void ServerNode::finish(double now) {
  if (life_.alive()) stats_.up_time = life_.up_time(now);
}

}  // namespace buslab
