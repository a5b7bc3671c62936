#include "models/rpc/client_node.hpp"

#include "models/core/protocol_error.hpp"

namespace buslab {

namespace {

constexpr uint64_t kArrivalTag = make_tag(TagKind::Arrival, 0);

}  // namespace

ClientNode::ClientNode(World& world, NodeId self, ClientConfig config)
    : world_(world),
      self_(self),
      config_(std::move(config)),
      arrival_rng_(world.seed, "client/" + config_.name + "/arrivals"),
      arrivals_(config_.arrival, config_.start, config_.stop),
      life_(world, self, config_.lane,
            {[this](Runtime& rt, bool host_down) { crash(rt, host_down); }, [this](Runtime& rt) { restart(rt); }}) {
  for (const auto& step : config_.steps) stats_.push_back(&world.metrics.client(config_.group, step.method));
  if (config_.brokered) {
    link_ = std::make_unique<BrokerLink>(world_, self_, config_.lane, config_.link);
    config_.caller.link = link_.get();
  }
  caller_ = std::make_unique<RpcCaller>(world_, self_, config_.caller);
  caller_->on_late_reply = [this](const std::string& method) {
    ++world_.metrics.client(config_.group, method).late_replies;
  };
  caller_->on_retry = [this](const std::string& method) { ++world_.metrics.client(config_.group, method).retried; };
  if (link_) {
    link_->set_on_sent([this](Runtime& rt, Message& request) { caller_->request_sent(rt, request); });
    link_->set_on_failed_publish(
        [this](Runtime& rt, MessagePtr request) { caller_->request_failed(rt, std::move(request)); });
    link_->set_on_lost([this](Runtime& rt) { caller_->broker_lost(rt); });
  }
}

void ClientNode::on_start(Runtime& rt) {
  life_.start(rt);
  if (link_) link_->start(rt, config_.connected_at_start);
  if (arrivals_.closed_loop()) {
    for (const double at : arrivals_.first_closed(arrival_rng_)) rt.set_timer(at, kArrivalTag);
    return;
  }
  schedule_next_open(rt);
}

void ClientNode::schedule_next_open(Runtime& rt) {
  const double next = arrivals_.next_open(arrival_rng_);
  if (next != kNever) rt.set_timer(next, kArrivalTag);
}

void ClientNode::on_timer(Runtime& rt, uint64_t tag) {
  if (link_ && link_->on_timer(rt, tag)) return;
  if (caller_->on_timer(rt, tag)) return;
  if (tag != kArrivalTag) unexpected_tag("timer", tag);
  if (!life_.alive()) return;
  begin_session(rt);
  if (!arrivals_.closed_loop()) schedule_next_open(rt);
}

void ClientNode::begin_session(Runtime& rt) {
  const uint64_t session = next_session_++;
  sessions_[session] = 0;
  update_busy();
  issue_step(rt, session);
}

void ClientNode::issue_step(Runtime& rt, uint64_t session) {
  const size_t step = sessions_.at(session);
  ++stats_[step]->sent;
  caller_->issue(rt, config_.steps[step], "",
                 [this, session](Runtime& rt2, const CallResult& result) { step_done(rt2, session, result); });
}

void ClientNode::step_done(Runtime& rt, uint64_t session, const CallResult& result) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  ClientMethodStats& stats = *stats_[it->second];
  switch (result.outcome) {
    case CallOutcome::Ok:
      ++stats.completed;
      stats.latency.add(result.latency);
      break;
    case CallOutcome::Sent:
      ++stats.completed;
      break;
    case CallOutcome::Confirmed:
      // A cast that waited for the broker's confirm took a round trip: its latency is oslo's cast() time.
      ++stats.completed;
      stats.latency.add(result.latency);
      break;
    case CallOutcome::Timeout:
      ++stats.timed_out;
      break;
    case CallOutcome::Error:
      ++stats.failed;
      ++stats.failures[result.error];
      break;
    case CallOutcome::Pending:
      break;
  }
  if (!life_.alive()) {
    sessions_.erase(it);
    return;
  }
  // The next request of the script, whatever this one's outcome (a script catching its errors).
  if (++it->second < config_.steps.size()) {
    issue_step(rt, session);
    return;
  }
  sessions_.erase(it);
  update_busy();
  if (arrivals_.closed_loop()) {
    const double next = arrivals_.next_closed(rt.now(), arrival_rng_);
    if (next != kNever) rt.set_timer(next, kArrivalTag);
  }
}

void ClientNode::on_work_done(Runtime& rt, uint64_t tag) {
  if (!caller_->on_work_done(rt, tag)) unexpected_tag("work", tag);
}

void ClientNode::on_frame(Runtime& rt, Envelope& env) {
  if (life_.alive() && link_ && link_->on_frame(rt, env)) return;
  if (life_.on_kill_or_restart(rt, env)) return;
  if (!life_.alive()) {
    life_.lose_frame(env);
    return;
  }
  if (env.frame == Frame::Deliver && env.message && env.message->kind == MsgKind::Reply && link_) {
    // oslo's reply waiter acknowledges each reply on receipt.
    link_->settle(rt, {Frame::Ack, env.from_lane, env.queue, env.tag, env.message->rpc.call, false},
                  link_->generation());
  }
  if (!caller_->on_frame(rt, env)) unexpected_frame(env, world_.directory);
}

void ClientNode::crash(Runtime& rt, bool host_down) {
  // Calls in hand die with the process ("crashed"); the messages it held are lost.
  caller_->crash(rt);
  sessions_.clear();
  if (link_) link_->on_crash(rt, host_down, LossCause::ProcessCrash);
  update_busy();
  life_.mark_down(rt, host_down);
}

void ClientNode::restart(Runtime& rt) {
  life_.start(rt);
  if (link_) link_->start(rt, false);  // a new connection: it consumes its reply queue again
  // Requests that would have been issued while it was down are not issued.
  for (const double at : arrivals_.after_restart(rt.now(), arrival_rng_)) rt.set_timer(at, kArrivalTag);
}

void ClientNode::finish() {
  for (const RpcRequestSpec* spec : caller_->requests_in_hand())
    ++world_.metrics.client(config_.group, spec->method).pending;
}

void ClientNode::held_messages(std::vector<MsgId>& ids) const {
  caller_->held_messages(ids);
  if (link_) link_->held_messages(ids);
}

size_t ClientNode::messages_in_hand() const {
  return caller_->messages_in_hand() + (link_ ? link_->held() : 0);
}

void ClientNode::update_busy() {
  world_.quiescence.set_busy(busy_, !sessions_.empty());
}

}  // namespace buslab
