#include "models/rpc/client_node.hpp"

#include <cmath>

namespace buslab {

namespace {

// Timer and work tags carry their purpose in the top byte and a call id below.
enum TagKind : uint64_t { kArrival = 1, kTimeout = 2, kEncode = 3, kDecode = 4 };
constexpr int kTagShift = 56;
uint64_t make_tag(TagKind kind, CallId call) {
  return (static_cast<uint64_t>(kind) << kTagShift) | call;
}
TagKind tag_kind(uint64_t tag) {
  return static_cast<TagKind>(tag >> kTagShift);
}
CallId tag_call(uint64_t tag) {
  return tag & ((uint64_t{1} << kTagShift) - 1);
}

Rng client_rng(const World& world, const ClientConfig& config, const char* purpose) {
  return Rng(world.seed, "client/" + config.name + "/" + purpose);
}

}  // namespace

ClientNode::ClientNode(World& world, NodeId self, ClientConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      arrival_rng_(client_rng(world, config_, "arrivals")),
      payload_rng_(client_rng(world, config_, "payload")),
      choice_rng_(client_rng(world, config_, "server-choice")),
      arrivals_(config_.arrival, config_.start, config_.stop),
      picker_(config_.server_choice, config_.brokered ? 1 : config_.replicas.size(), config_.fixed_replica,
              choice_rng_),
      stats_(world.metrics.client(config_.group, config_.method)) {
  if (!config_.brokered) return;
  link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
  link_->set_on_sent([this](Runtime& rt, Message& request) { request_sent(rt, request); });
  link_->set_on_failed_publish([this](Runtime& rt, MessagePtr request) { request_failed(rt, std::move(request)); });
}

void ClientNode::on_start(Runtime& rt) {
  world_.trace.event(rt.now(), config_.lane, EventType::Up, 1);
  if (link_) link_->start(rt, config_.connected_at_start);
  if (arrivals_.closed_loop()) {
    if (config_.start < config_.stop)
      for (int i = 0; i < arrivals_.initial_burst(); ++i) rt.set_timer(config_.start, make_tag(kArrival, 0));
    return;
  }
  schedule_next_open(rt);
}

void ClientNode::schedule_next_open(Runtime& rt) {
  const double next = arrivals_.next_open(arrival_rng_);
  if (next != kNever) rt.set_timer(next, make_tag(kArrival, 0));
}

void ClientNode::on_timer(Runtime& rt, uint64_t tag) {
  if (link_ && link_->on_timer(rt, tag)) return;
  switch (tag_kind(tag)) {
    case kArrival:
      issue(rt);
      if (!arrivals_.closed_loop()) schedule_next_open(rt);
      return;
    case kTimeout: {
      const CallId call_id = tag_call(tag);
      auto it = calls_.find(call_id);
      if (it == calls_.end() || !it->second.awaiting_reply) return;
      ++stats_.timed_out;
      world_.trace.event(rt.now(), config_.lane, EventType::Timeout, 0, call_id);
      end_call(rt, call_id, CallOutcome::Timeout, "", kNoLane);
      return;
    }
    default:
      return;
  }
}

void ClientNode::issue(Runtime& rt) {
  const CallId call_id = world_.trace.begin_call(config_.lane, config_.method, config_.mode, rt.now());
  ++stats_.sent;
  Call& call = calls_[call_id];
  call.issued_at = rt.now();
  auto request = std::make_unique<Message>();
  request->id = world_.ledger.create();
  request->kind = MsgKind::Request;
  request->created_at = rt.now();
  request->rpc.call = call_id;
  request->rpc.method = config_.method;
  request->rpc.mode = config_.mode;
  request->rpc.client_node = self_;
  request->rpc.client_lane = config_.lane;
  request->rpc.reply_queue = config_.reply_queue;
  request->rpc.args_bytes = static_cast<uint64_t>(std::llround(config_.payload_bytes.sample(payload_rng_)));
  request->wire_bytes = config_.codec->wire_bytes(request->rpc.args_bytes);
  const double flops = config_.codec->encode_flops(request->rpc.args_bytes);
  call.request = std::move(request);
  update_busy();
  rt.start_work(flops, make_tag(kEncode, call_id));
}

void ClientNode::on_work_done(Runtime& rt, uint64_t tag) {
  const CallId call_id = tag_call(tag);
  auto it = calls_.find(call_id);
  if (it == calls_.end()) return;
  Call& call = it->second;
  if (tag_kind(tag) == kEncode) {
    send_request(rt, call);
    return;
  }
  // Reply decoded: the call is done.
  const Message& reply = *call.reply;
  world_.ledger.consume(reply.id);
  ++stats_.completed;
  stats_.latency.add(rt.now() - call.issued_at);
  end_call(rt, call_id, CallOutcome::Ok, "", reply.rpc.server_lane);
}

void ClientNode::send_request(Runtime& rt, Call& call) {
  MessagePtr request = std::move(call.request);
  auto env = std::make_unique<Envelope>();
  env->hop = HopKind::Request;
  env->from_lane = config_.lane;
  env->bytes = request->wire_bytes;
  env->owns_message = true;
  if (config_.brokered) {
    request->amqp.exchange = config_.exchange;
    request->amqp.routing_key = config_.routing_key;
    env->frame = Frame::Publish;
    env->message = std::move(request);
    // The link sends it now, or holds it while the broker is away (oslo's publish blocks until it reconnects);
    // request_sent() runs when it leaves.
    link_->publish(rt, std::move(env));
    update_busy();
    return;
  }
  const NodeId server = config_.replicas[picker_.pick(choice_rng_)];
  env->frame = Frame::DirectRequest;
  env->to_node = server;
  env->to_lane = world_.directory.lane(server);
  world_.ledger.place(request->id, Place::InTransit);
  request_sent(rt, *request);
  env->message = std::move(request);
  rt.send(std::move(env));
}

void ClientNode::request_sent(Runtime& rt, Message& request) {
  const CallId call_id = request.rpc.call;
  auto it = calls_.find(call_id);
  if (it == calls_.end()) return;
  request.rpc.deadline = rt.now() + config_.timeout;
  if (config_.mode == RpcMode::Cast) {
    // Fire and forget: a cast is done once it is handed to the transport.
    ++stats_.completed;
    end_call(rt, call_id, CallOutcome::Sent, "", kNoLane);
    return;
  }
  // oslo publishes a call with expiration = its timeout, so the broker drops it once nobody waits for it, and
  // starts the reply timer once the request is out (rpc/client.py, amqpdriver.py _send).
  if (config_.brokered) request.amqp.expires_at = rt.now() + config_.timeout;
  Call& call = it->second;
  call.awaiting_reply = true;
  call.timeout_timer = rt.set_timer(rt.now() + config_.timeout, make_tag(kTimeout, call_id));
}

void ClientNode::request_failed(Runtime& rt, MessagePtr request) {
  // retry=0, or the reconnection attempts ran out: MessageDeliveryFailure.
  world_.ledger.drop(request->id, DropReason::Failed);
  ++stats_.failed;
  ++stats_.failures["delivery_failure"];
  end_call(rt, request->rpc.call, CallOutcome::Error, "delivery_failure", kNoLane);
}

void ClientNode::on_frame(Runtime& rt, Envelope& env) {
  if (alive_ && link_ && link_->on_frame(rt, env)) return;
  if (env.frame == Frame::Kill) {
    if (alive_) crash(rt, env.host_down);
    return;
  }
  if (env.frame == Frame::Restart) {
    if (!alive_) restart(rt);
    return;
  }
  if (!alive_) {
    env.status = HopStatus::Lost;
    if (env.owns_message && env.message) world_.ledger.lose(env.message->id, LossCause::ProcessCrash);
    return;
  }
  switch (env.frame) {
    case Frame::DirectReply:
    case Frame::Deliver:
      on_reply(rt, env);
      return;
    case Frame::Refused: {
      auto it = calls_.find(env.call);
      if (it == calls_.end() || !it->second.awaiting_reply) return;
      rt.cancel_timer(it->second.timeout_timer);
      ++stats_.failed;
      ++stats_.failures["refused"];
      end_call(rt, env.call, CallOutcome::Error, "refused", kNoLane);
      return;
    }
    default:
      env.status = HopStatus::Dropped;
      return;
  }
}

void ClientNode::on_reply(Runtime& rt, Envelope& env) {
  if (env.frame == Frame::Deliver) acknowledge(rt, env);  // oslo's reply waiter acks each reply on receipt
  const CallId call_id = env.message->rpc.call;
  auto it = calls_.find(call_id);
  if (it == calls_.end() || !it->second.awaiting_reply) {
    // The call already ended (timed out): the reply has nobody to go to.
    ++stats_.late_replies;
    world_.ledger.drop(env.message->id, DropReason::LateReply);
    env.status = HopStatus::Dropped;
    return;
  }
  Call& call = it->second;
  call.awaiting_reply = false;
  rt.cancel_timer(call.timeout_timer);
  world_.ledger.place(env.message->id, Place::Receiver);
  const double flops = config_.codec->decode_flops(env.message->rpc.args_bytes);
  call.reply = std::move(env.message);
  rt.start_work(flops, make_tag(kDecode, call_id));
}

void ClientNode::acknowledge(Runtime& rt, const Envelope& delivery) {
  auto ack = std::make_unique<Envelope>();
  ack->frame = Frame::Ack;
  ack->hop = HopKind::Ack;
  ack->from_lane = config_.lane;
  ack->to_lane = delivery.from_lane;
  ack->bytes = kFrameBytes;
  ack->queue = delivery.queue;
  ack->tag = delivery.tag;
  ack->call = delivery.message ? delivery.message->rpc.call : 0;
  link_->acknowledge(rt, std::move(ack), link_->generation());
}

void ClientNode::end_call(Runtime& rt, CallId call_id, CallOutcome outcome, const std::string& error, LaneId server) {
  world_.trace.end_call(call_id, rt.now(), outcome, server, error);
  calls_.erase(call_id);
  update_busy();
  if (arrivals_.closed_loop()) {
    const double next = arrivals_.next_closed(rt.now(), arrival_rng_);
    if (next != kNever) rt.set_timer(next, make_tag(kArrival, 0));
  }
}

void ClientNode::crash(Runtime& rt, bool host_down) {
  alive_ = false;
  world_.directory.set_alive(self_, false);
  rt.cancel_all();
  // Calls in hand die with the process; their requests or replies still in its memory are lost.
  while (!calls_.empty()) {
    auto it = calls_.begin();
    if (it->second.request) world_.ledger.lose(it->second.request->id, LossCause::ProcessCrash);
    if (it->second.reply) world_.ledger.lose(it->second.reply->id, LossCause::ProcessCrash);
    ++stats_.failed;
    ++stats_.failures["client_crashed"];
    world_.trace.end_call(it->first, rt.now(), CallOutcome::Error, kNoLane, "client_crashed");
    calls_.erase(it);
  }
  update_busy();
  world_.trace.event(rt.now(), config_.lane, host_down ? EventType::HostDown : EventType::Kill);
  world_.trace.event(rt.now(), config_.lane, EventType::Down, 0);
  if (link_) link_->on_crash(rt, host_down, LossCause::ProcessCrash);
}

void ClientNode::restart(Runtime& rt) {
  world_.directory.next_epoch(self_);
  world_.directory.set_alive(self_, true);
  alive_ = true;
  world_.trace.event(rt.now(), config_.lane, EventType::Restart);
  world_.trace.event(rt.now(), config_.lane, EventType::Up, 1);
  if (link_) link_->start(rt, false);  // a new connection: it consumes its reply queue again
  // Requests that would have been issued while it was down are not issued.
  if (arrivals_.closed_loop()) {
    if (rt.now() < config_.stop)
      for (int i = 0; i < arrivals_.initial_burst(); ++i) rt.set_timer(rt.now(), make_tag(kArrival, 0));
    return;
  }
  double next = arrivals_.next_open(arrival_rng_);
  while (next != kNever && next < rt.now()) next = arrivals_.next_open(arrival_rng_);
  if (next != kNever) rt.set_timer(next, make_tag(kArrival, 0));
}

size_t ClientNode::messages_in_hand() const {
  size_t held = 0;
  for (const auto& [id, call] : calls_) held += (call.request ? 1 : 0) + (call.reply ? 1 : 0);
  return held + (link_ ? link_->held() : 0);
}

void ClientNode::update_busy() {
  world_.quiescence.set_busy(busy_, !calls_.empty());
}

}  // namespace buslab
