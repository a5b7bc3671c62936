#include "models/accounting/trace_log.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace buslab {

const char* to_string(LaneKind kind) {
  switch (kind) {
    case LaneKind::Host:
      return "host";
    case LaneKind::Client:
      return "client";
    case LaneKind::Server:
      return "server";
    case LaneKind::Broker:
      return "broker";
    case LaneKind::Exchange:
      return "exchange";
    case LaneKind::Queue:
      return "queue";
  }
  return "?";
}

const char* to_string(EventType type) {
  switch (type) {
    case EventType::Up:
      return "up";
    case EventType::Down:
      return "down";
    case EventType::Depth:
      return "depth";
    case EventType::Busy:
      return "busy";
    case EventType::Backlog:
      return "backlog";
    case EventType::ServiceStart:
      return "service_start";
    case EventType::ServiceEnd:
      return "service_end";
    case EventType::Timeout:
      return "timeout";
    case EventType::Kill:
      return "kill";
    case EventType::Restart:
      return "restart";
    case EventType::HostDown:
      return "host_down";
    case EventType::HostUp:
      return "host_up";
    case EventType::LinkDown:
      return "link_down";
    case EventType::LinkUp:
      return "link_up";
    case EventType::ScaleOut:
      return "scale_out";
    case EventType::Connected:
      return "connected";
    case EventType::Disconnected:
      return "disconnected";
    case EventType::Blocked:
      return "blocked";
    case EventType::Unblocked:
      return "unblocked";
    case EventType::Bytes:
      return "bytes";
    case EventType::Hang:
      return "hang";
    case EventType::Resume:
      return "resume";
    case EventType::Done:
      return "done";
    case EventType::Lost:
      return "lost";
    case EventType::Report:
      return "report";
  }
  return "?";
}

const char* to_string(HopKind kind) {
  switch (kind) {
    case HopKind::Request:
      return "request";
    case HopKind::Route:
      return "route";
    case HopKind::Delivery:
      return "delivery";
    case HopKind::Reply:
      return "reply";
    case HopKind::Ack:
      return "ack";
    case HopKind::Nack:
      return "nack";
    case HopKind::Confirm:
      return "confirm";
    case HopKind::Return:
      return "return";
    case HopKind::Heartbeat:
      return "heartbeat";
    case HopKind::Error:
      return "error";
    case HopKind::Control:
      return "control";
    case HopKind::Local:
      return "local";
  }
  return "?";
}

const char* to_string(HopStatus status) {
  switch (status) {
    case HopStatus::Ok:
      return "ok";
    case HopStatus::Lost:
      return "lost";
    case HopStatus::Dropped:
      return "dropped";
  }
  return "?";
}

LaneId TraceLog::add_lane(LaneInfo info) {
  lanes_.push_back(std::move(info));
  return static_cast<LaneId>(lanes_.size() - 1);
}

uint32_t TraceLog::method_index(const std::string& method) {
  auto [it, inserted] = method_ids_.try_emplace(method, static_cast<uint32_t>(methods_.size()));
  if (inserted) methods_.push_back(method);
  return it->second;
}

TraceLog::HopHeader TraceLog::header(const Envelope& env) {
  HopHeader h;
  if (!recording_) return h;
  if (const Message* m = env.message.get()) {
    h.msg = m->id;
    h.call = m->rpc.call;
    h.method = method_index(m->rpc.method);
  } else {
    h.call = env.call;
  }
  return h;
}

void TraceLog::hop(const Envelope& env, double t_recv) {
  hop(header(env), env, t_recv);
}

void TraceLog::hop(const HopHeader& header, const Envelope& env, double t_recv) {
  if (!recording_ || env.hop == HopKind::Local) return;  // local control frames never cross the network
  hops_.push_back(HopRecord{header.msg, header.call, env.sent_at, t_recv, env.bytes, env.from_lane, env.to_lane,
                            header.method, env.hop, env.status});
}

void TraceLog::hop(MsgId msg, CallId call, HopKind kind, LaneId from, LaneId to, double t_send, double t_recv,
                   uint64_t bytes, const std::string& method, HopStatus status) {
  if (!recording_) return;
  hops_.push_back(HopRecord{msg, call, t_send, t_recv, bytes, from, to, method_index(method), kind, status});
}

void TraceLog::event(double t, LaneId lane, EventType type, double value, CallId call) {
  if (observer_) observer_->on_event(t, lane, type, value);
  if (!recording_) return;
  const bool level =
      type == EventType::Depth || type == EventType::Busy || type == EventType::Backlog || type == EventType::Bytes;
  if (level) {
    const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(lane)) << 8) | static_cast<uint8_t>(type);
    auto it = last_level_.find(key);
    if (it != last_level_.end()) {
      EventRecord& last = events_[it->second];
      if (last.t == t) {
        last.value = value;
        return;
      }
      if (last.value == value) return;  // no change to draw
    }
    last_level_[key] = events_.size();
  }
  events_.push_back(EventRecord{t, lane, type, value, call});
}

CallId TraceLog::begin_call(LaneId client, const std::string& method, RpcMode mode, double t, CallId parent,
                            const std::string& service) {
  const CallId id = ++last_call_;
  CallRecord rec{
      id, client, method_index(method), mode, t, std::numeric_limits<double>::quiet_NaN(), CallOutcome::Pending,
      {}, kNoLane};
  rec.parent = parent;
  if (parent == 0) {
    rec.root = id;
  } else if (recording_ && parent <= calls_.size()) {
    rec.root = calls_[parent - 1].root;
  } else {
    // Unrecorded: the parent's tree is known while the parent is open; the trace, which would show it, is not written.
    rec.root = tally_.root_of(parent);
  }
  auto [it, added] = service_ids_.try_emplace(service, static_cast<uint32_t>(services_.size()));
  if (added) services_.push_back(service);
  rec.service = it->second;
  tally_.begin(id, parent, service, method, mode, t);
  if (observer_) observer_->on_call_begin(t, client, rec.method);
  if (recording_)
    calls_.push_back(std::move(rec));
  else
    pending_calls_.emplace(id, std::move(rec));
  return id;
}

CallRecord* TraceLog::find_call(CallId call) {
  if (call == 0 || call > last_call_) throw std::out_of_range("no call " + std::to_string(call) + " in the trace");
  if (recording_) return &calls_[call - 1];
  auto it = pending_calls_.find(call);
  return it == pending_calls_.end() ? nullptr : &it->second;
}

void TraceLog::end_call(CallId call, double t, CallOutcome outcome, LaneId server, const std::string& error) {
  CallRecord* rec = find_call(call);
  if (rec == nullptr) throw std::logic_error("call " + std::to_string(call) + " ended twice");
  rec->t_end = t;
  rec->outcome = outcome;
  if (server != kNoLane) rec->server = server;  // a timed-out call keeps the server that ran it, if one did
  rec->error = error;
  tally_.end(call, t, outcome);
  if (observer_) observer_->on_call_end(t, *rec);
  if (!recording_) pending_calls_.erase(call);
}

void TraceLog::ran_by(CallId call, LaneId server, double t) {
  if (call == 0 || call > last_call_) return;  // not an RPC call (e.g. a plain AMQP message)
  tally_.ran(call, t);
  // Unrecorded and already ended (a timed-out call whose server finished later): nothing keeps it any more.
  if (CallRecord* rec = find_call(call)) rec->server = server;
}

bool TraceLog::call_pending(CallId call) const {
  if (call == 0 || call > last_call_) throw std::out_of_range("no call " + std::to_string(call) + " in the trace");
  if (recording_) return calls_[call - 1].outcome == CallOutcome::Pending;
  return pending_calls_.count(call) > 0;
}

}  // namespace buslab
