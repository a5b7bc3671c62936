#include "models/rpc/rpc_caller.hpp"

#include <cmath>

#include "models/rpc/linux_timers.hpp"

namespace buslab {

namespace {

const char* status_error(ReplyStatus status) {
  switch (status) {
    case ReplyStatus::Ok:
      return "";
    case ReplyStatus::NoSuchMethod:
      return "NoSuchMethod";
    case ReplyStatus::UnsupportedVersion:
      return "UnsupportedVersion";
    case ReplyStatus::RemoteError:
      return "RemoteError";
  }
  return "?";
}

}  // namespace

RpcCaller::RpcCaller(World& world, NodeId self, CallerConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      payload_rng_(world.seed, "caller/" + config_.name + "/payload"),
      choice_rng_(world.seed, "caller/" + config_.name + "/server-choice"),
      meter_(config_.reference_flops, config_.jitter, world.seed, "caller/cost/", config_.name, config_.contention) {
  for (const auto& [service, direct] : config_.direct)
    pickers_.emplace(service, ServerPicker(direct.choice, direct.replicas.size(), direct.fixed, choice_rng_));
}

const CallerCosts& RpcCaller::costs_of(const RpcRequestSpec& spec) const {
  static const CallerCosts none;
  auto it = config_.costs.find(spec.service);
  return it == config_.costs.end() ? none : it->second;
}

const DirectService* RpcCaller::direct_of(const RpcRequestSpec& spec) const {
  auto it = config_.direct.find(spec.service);
  return it == config_.direct.end() ? nullptr : &it->second;
}

void RpcCaller::issue(Runtime& rt, const RpcRequestSpec& spec, const std::string& selected, CallDone done,
                      CallId parent) {
  const CallId call = world_.trace.begin_call(config_.lane, spec.method, spec.mode, rt.now(), parent, spec.service);
  Pending& p = calls_[call];
  p.call = call;
  p.spec = &spec;
  p.done = std::move(done);
  p.issued_at = rt.now();
  p.retries_left = spec.retries;
  p.selected = selected;
  if (spec.target.fanout && spec.mode == RpcMode::Call) {
    // oslo refuses a fanout call before sending anything (rpc/client.py): there would be many replies.
    finish(rt, call, CallOutcome::Error, "InvalidTarget", kNoLane, "");
    return;
  }
  p.request = make_request(rt, call, p);
  const uint64_t args = p.request->rpc.args_bytes;
  const CallerCosts& costs = costs_of(spec);
  const bool is_call = spec.mode == RpcMode::Call;
  const double library = meter_.flops(is_call ? costs.send_call : costs.send_cast, static_cast<double>(args));
  rt.start_work(meter_.contended(config_.codec->encode_flops(args) + library, is_call ? CostOp::Call : CostOp::Cast),
                make_tag(TagKind::CallEncode, call));
}

MessagePtr RpcCaller::make_request(Runtime& rt, CallId call, const Pending& p) {
  const RpcRequestSpec& spec = *p.spec;
  auto m = std::make_unique<Message>();
  m->id = world_.ledger.create();
  m->kind = MsgKind::Request;
  m->created_at = rt.now();
  m->rpc.call = call;
  m->rpc.method = spec.method;
  m->rpc.name_space = spec.target.name_space;
  m->rpc.version = spec.target.version;
  m->rpc.mode = spec.mode;
  m->rpc.client_node = self_;
  m->rpc.client_lane = config_.lane;
  m->rpc.reply_queue = config_.reply_queue;
  m->rpc.args_bytes = static_cast<uint64_t>(std::llround(spec.args_bytes.sample(payload_rng_)));
  m->rpc.attempt = p.attempt;
  m->rpc.service_row = spec.service_row;
  if (spec.mode == RpcMode::Call && !direct_of(spec)) m->rpc.call_monitor_timeout = spec.call_monitor_timeout;
  m->wire_bytes = config_.codec->wire_bytes(m->rpc.args_bytes);
  return m;
}

bool RpcCaller::on_work_done(Runtime& rt, uint64_t tag) {
  if (tag_kind(tag) != TagKind::CallEncode && tag_kind(tag) != TagKind::CallDecode) return false;
  const CallId call = tag_value(tag);
  auto it = calls_.find(call);
  if (it == calls_.end()) return true;
  Pending& p = it->second;
  if (tag_kind(tag) == TagKind::CallEncode) {
    send(rt, call, p);
    return true;
  }
  // Decoded: the call is done.
  const Message& reply = *p.reply;
  const auto status = reply.rpc.status;
  const LaneId server = reply.rpc.server_lane;
  const std::string selected = reply.rpc.selected;
  world_.ledger.consume(reply.id);
  if (status == ReplyStatus::Ok)
    finish(rt, call, CallOutcome::Ok, "", server, selected);
  else
    finish(rt, call, CallOutcome::Error, status_error(status), server, "");
  return true;
}

void RpcCaller::send(Runtime& rt, CallId call, Pending& p) {
  if (direct_of(*p.spec))
    send_direct(rt, call, p);
  else
    send_brokered(rt, p);
}

void RpcCaller::send_brokered(Runtime& rt, Pending& p) {
  const RpcTarget& target = p.spec->target;
  MessagePtr request = std::move(p.request);
  // The rabbit driver's addressing (docs/semantics.md 2.3): the topic exchange with the topic, or topic.server;
  // fanout casts go to the topic's fanout exchange.
  const std::string server = target.server == kSelectedServer ? p.selected : target.server;
  const oslo::Address address = oslo::request_address(target, server, config_.control_exchange);
  request->amqp.exchange = address.exchange;
  request->amqp.routing_key = address.routing_key;
  EnvelopePtr publish = message_frame(Frame::Publish, HopKind::Request, config_.lane, std::move(request));
  if (config_.confirm_publish) {
    publish->publish_seq = config_.link->next_publish_seq();
    confirms_[publish->publish_seq] = p.call;
  }
  // request_sent() runs when it actually leaves.
  config_.link->publish(rt, std::move(publish));
}

void RpcCaller::send_direct(Runtime& rt, CallId call, Pending& p) {
  const DirectService& direct = *direct_of(*p.spec);
  const std::string server = p.spec->target.server == kSelectedServer ? p.selected : p.spec->target.server;
  if (p.replica == kNoNode) {
    p.replica = server.empty() ? direct.replicas[pickers_.at(p.spec->service).pick(choice_rng_)]
                               : world_.directory.find(server);
  }
  Channel& channel = channels_[p.replica];
  // A connection to an earlier incarnation of the server is gone: the next write would be reset, so it
  // reconnects first.
  // ZeroMQ connects in the background and never reports a failure: a heartbeat protocol just sends.
  const bool reusable =
      direct.protocol->heartbeat > 0 || (direct.protocol->connection == DirectProtocol::Connection::KeepAlive &&
                                         channel.open && channel.epoch == world_.directory.epoch(p.replica));
  if (!reusable) {
    send_syn(rt, call, p);
    return;
  }
  send_on_connection(rt, p);
}

void RpcCaller::send_on_connection(Runtime& rt, Pending& p) {
  const DirectService& direct = *direct_of(*p.spec);
  Channel& channel = channels_[p.replica];
  MessagePtr request = std::move(p.request);
  world_.ledger.place(request->id, Place::InTransit);
  if (!p.timer_started) request_sent(rt, *request);
  rt.send(message_frame(Frame::DirectRequest, HopKind::Request, config_.lane, std::move(request), p.replica,
                        world_.directory.lane(p.replica)));
  if (p.spec->mode == RpcMode::Cast) {
    // A direct cast is done once written to its connection.
    finish(rt, p.call, CallOutcome::Sent, "", kNoLane, "");
    return;
  }
  if (direct.protocol->heartbeat > 0) {
    ++channel.calls;
    if (!channel.ticking) {
      channel.ticking = true;
      rt.set_timer(rt.now() + direct.protocol->heartbeat, make_tag(TagKind::Heartbeat, p.replica));
    }
  }
}

void RpcCaller::send_syn(Runtime& rt, CallId call, Pending& p) {
  EnvelopePtr syn =
      protocol_frame(Frame::Syn, HopKind::Control, p.replica, config_.lane, world_.directory.lane(p.replica));
  syn->call = call;
  rt.send(std::move(syn));
  // The call's timeout counts from its first connection attempt (a socket timeout covers the connect).
  if (!p.timer_started) request_sent(rt, *p.request);
  const auto& retries = direct_of(*p.spec)->protocol->syn_retries;
  if (p.syn_attempt < retries.size())
    p.syn_timer = rt.set_timer(linux_timer_fires(rt.now(), retries[p.syn_attempt]), make_tag(TagKind::SynRetry, call));
}

void RpcCaller::request_sent(Runtime& rt, Message& request) {
  auto it = calls_.find(request.rpc.call);
  if (it == calls_.end()) return;
  Pending& p = it->second;
  if (p.timer_started) return;
  p.timer_started = true;
  request.rpc.deadline = rt.now() + p.spec->timeout;
  if (p.spec->mode == RpcMode::Cast) {
    // Fire and forget: a cast is done once it is handed to the transport (direct: once its connection opens), or
    // once the broker confirms it (oslo's confirm_publish).
    if (!direct_of(*p.spec) && !config_.confirm_publish)
      finish(rt, request.rpc.call, CallOutcome::Sent, "", kNoLane, "");
    return;
  }
  // oslo publishes a call with expiration = its timeout, so the broker drops it once nobody waits for it, and
  // starts the reply timer once the request is out (rpc/client.py, amqpdriver.py _send).
  if (!direct_of(*p.spec)) request.amqp.expires_at = rt.now() + p.spec->timeout;
  start_timeout(rt, request.rpc.call, p);
}

void RpcCaller::start_timeout(Runtime& rt, CallId call, Pending& p) {
  p.awaiting = true;
  p.timeout_timer = rt.set_timer(rt.now() + p.spec->timeout, make_tag(TagKind::CallTimeout, call));
  if (p.spec->call_monitor_timeout > 0 && !direct_of(*p.spec)) arm_monitor(rt, call, p);
}

void RpcCaller::arm_monitor(Runtime& rt, CallId call, Pending& p) {
  if (p.monitor_timer) rt.cancel_timer(p.monitor_timer);
  p.monitor_timer = rt.set_timer(rt.now() + p.spec->call_monitor_timeout, make_tag(TagKind::CallMonitor, call));
}

void RpcCaller::request_failed(Runtime& rt, MessagePtr request) {
  // retry=0, or the reconnection attempts ran out: MessageDeliveryFailure.
  world_.ledger.drop(request->id, DropReason::Failed);
  if (calls_.count(request->rpc.call))
    finish(rt, request->rpc.call, CallOutcome::Error, "delivery_failure", kNoLane, "");
}

bool RpcCaller::on_timer(Runtime& rt, uint64_t tag) {
  const TagKind kind = tag_kind(tag);
  if (kind == TagKind::Heartbeat) {
    heartbeat_tick(rt, static_cast<NodeId>(tag_value(tag)));
    return true;
  }
  if (kind != TagKind::SynRetry && kind != TagKind::CallTimeout && kind != TagKind::CallMonitor) return false;
  const CallId call = tag_value(tag);
  auto it = calls_.find(call);
  if (it == calls_.end()) return true;
  Pending& p = it->second;
  if (kind == TagKind::SynRetry) {
    // No answer to the SYN: a full accept queue drops it silently; the client's kernel sends it again.
    ++p.syn_attempt;
    send_syn(rt, call, p);
    return true;
  }
  if (!p.awaiting) return true;
  if (kind == TagKind::CallMonitor) {
    // oslo's ReplyWaiter: no heartbeat nor reply within call_monitor_timeout raises MessagingTimeout.
    p.monitor_timer = 0;
    rt.cancel_timer(p.timeout_timer);
  }
  timed_out(rt, call, p);
  return true;
}

void RpcCaller::timed_out(Runtime& rt, CallId call, Pending& p) {
  if (p.monitor_timer) rt.cancel_timer(p.monitor_timer);
  p.monitor_timer = 0;
  if (p.retries_left > 0) {
    // A retry is a new message: if the first one is only late, the method runs twice.
    --p.retries_left;
    ++p.attempt;
    if (on_retry) on_retry(p.spec->method);
    p.timer_started = false;
    p.awaiting = false;
    if (p.request) world_.ledger.drop(p.request->id, DropReason::Failed);  // never got a connection
    p.request = make_request(rt, call, p);
    p.replica = kNoNode;
    p.syn_attempt = 0;
    send(rt, call, p);
    return;
  }
  world_.trace.event(rt.now(), config_.lane, EventType::Timeout, 0, call);
  finish(rt, call, CallOutcome::Timeout, "timeout", kNoLane, "");
}

void RpcCaller::on_confirm(Runtime& rt, const Envelope& env) {
  auto it = confirms_.find(env.publish_seq);
  const CallId call = it->second;
  confirms_.erase(it);
  auto pending = calls_.find(call);
  if (pending == calls_.end() || pending->second.spec->mode != RpcMode::Cast) return;  // a call waits for its reply
  if (env.nack) {
    finish(rt, call, CallOutcome::Error, "nacked", kNoLane, "");
    return;
  }
  finish(rt, call, CallOutcome::Confirmed, "", kNoLane, "");
}

void RpcCaller::broker_lost(Runtime& rt) {
  std::vector<CallId> casts;
  for (const auto& [seq, call] : confirms_) {
    auto it = calls_.find(call);
    if (it != calls_.end() && it->second.spec->mode == RpcMode::Cast && !it->second.request) casts.push_back(call);
  }
  confirms_.clear();
  for (CallId call : casts) finish(rt, call, CallOutcome::Sent, "", kNoLane, "");
}

bool RpcCaller::on_frame(Runtime& rt, Envelope& env) {
  switch (env.frame) {
    case Frame::Confirm:
      if (!confirms_.count(env.publish_seq)) return false;  // another publisher of this process's
      on_confirm(rt, env);
      return true;
    case Frame::DirectReply:
      on_reply(rt, env);
      return true;
    case Frame::Deliver:
      if (!env.message || env.message->kind != MsgKind::Reply) return false;
      on_reply(rt, env);
      return true;
    case Frame::SynAck: {
      auto it = calls_.find(env.call);
      if (it == calls_.end() || !it->second.request) return true;
      Pending& p = it->second;
      if (p.syn_timer) rt.cancel_timer(p.syn_timer);
      Channel& channel = channels_[p.replica];
      channel.open = true;
      channel.epoch = world_.directory.epoch(p.replica);
      // A connection per call (HTTP/1.0) closes with its call.
      const bool per_call = direct_of(*p.spec)->protocol->connection == DirectProtocol::Connection::PerCall;
      send_on_connection(rt, p);
      if (per_call) channel.open = false;
      return true;
    }
    case Frame::Refused: {
      if (env.call == 0) return false;  // a broker connection attempt, the link's
      auto it = calls_.find(env.call);
      if (it == calls_.end()) return true;
      if (direct_of(*it->second.spec)->protocol->heartbeat > 0 && !it->second.request) {
        // ZeroMQ hides a reset connection: it reconnects in the background and the request is silently gone;
        // only the missing heartbeats tell the caller (docs/semantics.md 4.3).
        connection_closed(it->second.replica);
        return true;
      }
      if (it->second.syn_timer) rt.cancel_timer(it->second.syn_timer);
      if (it->second.request) world_.ledger.drop(it->second.request->id, DropReason::Refused);
      it->second.request.reset();
      connection_closed(it->second.replica);
      finish(rt, env.call, CallOutcome::Error, "refused", kNoLane, "");
      return true;
    }
    case Frame::Heartbeat: {
      auto it = channels_.find(env.from_node);
      if (it != channels_.end()) it->second.heard = rt.now();
      return true;
    }
    default:
      return false;
  }
}

void RpcCaller::on_reply(Runtime& rt, Envelope& env) {
  const CallId call = env.message->rpc.call;
  auto it = calls_.find(call);
  const bool current = it != calls_.end() && it->second.awaiting && env.message->rpc.attempt == it->second.attempt;
  if (env.message->rpc.heartbeat) {
    // A call-monitor heartbeat: the server is still at it; the monitor starts again. One for a call that ended
    // has nobody to tell.
    if (current) {
      world_.ledger.consume(env.message->id);
      if (it->second.monitor_timer) arm_monitor(rt, call, it->second);
    } else {
      world_.ledger.drop(env.message->id, DropReason::LateReply);
      env.status = HopStatus::Dropped;
    }
    return;
  }
  if (!current) {
    // The call already ended (timed out), or this answers an attempt it gave up on: nobody waits for it.
    if (on_late_reply) on_late_reply(env.message->rpc.method);
    world_.ledger.drop(env.message->id, DropReason::LateReply);
    env.status = HopStatus::Dropped;
    return;
  }
  Pending& p = it->second;
  p.awaiting = false;
  rt.cancel_timer(p.timeout_timer);
  if (p.monitor_timer) rt.cancel_timer(p.monitor_timer);
  p.monitor_timer = 0;
  if (p.replica != kNoNode) {
    auto ch = channels_.find(p.replica);
    if (ch != channels_.end() && ch->second.calls > 0) --ch->second.calls;
  }
  world_.ledger.place(env.message->id, Place::Receiver);
  const uint64_t bytes = env.message->rpc.args_bytes;
  const double flops = meter_.contended(
      config_.codec->decode_flops(bytes) + meter_.flops(costs_of(*p.spec).receive_reply, static_cast<double>(bytes)),
      CostOp::Call);
  p.reply = std::move(env.message);
  rt.start_work(flops, make_tag(TagKind::CallDecode, call));
}

// Ticks come every period from the first, so a silence since the first tick is a sum of periods: exactly two of
// them must not count as more than two, whichever way the engine's floating-point clock rounds their sum.
constexpr double kTickSlack = 1e-9;

void RpcCaller::heartbeat_tick(Runtime& rt, NodeId replica) {
  Channel& channel = channels_[replica];
  if (channel.calls <= 0) {
    channel.ticking = false;
    channel.heard = -1.0;
    return;
  }
  const double period = [&] {
    for (const auto& [service, direct] : config_.direct)
      for (NodeId r : direct.replicas)
        if (r == replica) return direct.protocol->heartbeat;
    return 5.0;
  }();
  // zerorpc sets its reference time at the first tick, then gives up after two periods without a heartbeat:
  // a dead server is noticed about four periods after the call (docs/semantics.md 4.3).
  if (channel.heard < 0) {
    channel.heard = rt.now();
  } else if (rt.now() - channel.heard > 2 * period + kTickSlack) {
    std::vector<CallId> lost;
    for (const auto& [call, p] : calls_)
      if (p.replica == replica && p.awaiting) lost.push_back(call);
    for (CallId call : lost) {
      rt.cancel_timer(calls_.at(call).timeout_timer);
      finish(rt, call, CallOutcome::Error, "LostRemote", kNoLane, "");
    }
    channel.calls = 0;
    channel.ticking = false;
    channel.heard = -1.0;
    return;
  }
  rt.send(protocol_frame(Frame::Heartbeat, HopKind::Heartbeat, replica, config_.lane, world_.directory.lane(replica)));
  rt.set_timer(rt.now() + period, make_tag(TagKind::Heartbeat, replica));
}

void RpcCaller::connection_closed(NodeId replica) {
  auto it = channels_.find(replica);
  if (it != channels_.end()) it->second.open = false;
}

void RpcCaller::finish(Runtime& rt, CallId call, CallOutcome outcome, const std::string& error, LaneId server,
                       const std::string& selected) {
  auto it = calls_.find(call);
  if (it == calls_.end()) return;
  Pending p = std::move(it->second);
  calls_.erase(it);
  world_.trace.end_call(call, rt.now(), outcome, server, outcome == CallOutcome::Error ? error : "");
  CallResult result;
  result.call = call;
  result.spec = p.spec;
  result.outcome = outcome;
  result.error = error;
  result.server = server;
  result.latency = rt.now() - p.issued_at;
  result.selected = selected;
  // A request still in hand never left (no connection): its sender gives it up.
  if (p.request && world_.ledger.is_live(p.request->id)) world_.ledger.drop(p.request->id, DropReason::Failed);
  if (p.done) p.done(rt, result);
}

void RpcCaller::crash(Runtime& rt) {
  while (!calls_.empty()) {
    auto it = calls_.begin();
    const CallId call = it->first;
    if (it->second.reply) world_.ledger.lose(it->second.reply->id, LossCause::ProcessCrash);
    if (it->second.request) world_.ledger.lose(it->second.request->id, LossCause::ProcessCrash);
    it->second.reply.reset();
    it->second.request.reset();
    finish(rt, call, CallOutcome::Error, "crashed", kNoLane, "");
  }
  channels_.clear();
  confirms_.clear();
}

std::vector<const RpcRequestSpec*> RpcCaller::requests_in_hand() const {
  std::vector<const RpcRequestSpec*> specs;
  for (const auto& [call, p] : calls_) specs.push_back(p.spec);
  return specs;
}

void RpcCaller::held_messages(std::vector<MsgId>& ids) const {
  for (const auto& [call, p] : calls_) {
    if (p.request) ids.push_back(p.request->id);
    if (p.reply) ids.push_back(p.reply->id);
  }
}

size_t RpcCaller::messages_in_hand() const {
  size_t held = 0;
  for (const auto& [call, p] : calls_) held += (p.request ? 1 : 0) + (p.reply ? 1 : 0);
  return held;
}

}  // namespace buslab
