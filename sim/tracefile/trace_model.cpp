#include "sim/tracefile/trace_model.hpp"

#include <algorithm>
#include <iterator>

namespace buslab::tracefile {

namespace {

constexpr const char* kHopKindNames[] = {"request", "route",  "delivery",  "reply", "ack",     "nack",
                                         "confirm", "return", "heartbeat", "error", "control", "local"};
constexpr const char* kStatusNames[] = {"ok", "lost", "dropped"};
constexpr const char* kEventNames[] = {
    "up",           "down",    "depth",     "busy",    "backlog",   "service_start", "service_end", "timeout",
    "kill",         "restart", "host_down", "host_up", "link_down", "link_up",       "scale_out",   "connected",
    "disconnected", "blocked", "unblocked", "bytes",   "hang",      "resume"};

static_assert(std::size(kHopKindNames) == static_cast<size_t>(HopKind::Other), "a name per known hop kind");
static_assert(std::size(kEventNames) == static_cast<size_t>(EventType::Other), "a name per known event type");

}  // namespace

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
    case LaneKind::Other:
      break;
  }
  return "other";
}

const char* to_string(HopKind kind) {
  const auto i = static_cast<size_t>(kind);
  return i < std::size(kHopKindNames) ? kHopKindNames[i] : "other";
}

const char* to_string(EventType type) {
  const auto i = static_cast<size_t>(type);
  return i < std::size(kEventNames) ? kEventNames[i] : "other";
}

LaneKind lane_kind_from(std::string_view name) {
  for (int k = 0; k < static_cast<int>(LaneKind::Other); ++k)
    if (name == to_string(static_cast<LaneKind>(k))) return static_cast<LaneKind>(k);
  return LaneKind::Other;
}

bool is_fault(EventType type) {
  switch (type) {
    case EventType::Kill:
    case EventType::Restart:
    case EventType::HostDown:
    case EventType::HostUp:
    case EventType::LinkDown:
    case EventType::LinkUp:
    case EventType::ScaleOut:
    case EventType::Hang:
    case EventType::Resume:
      return true;
    default:
      return false;
  }
}

uint32_t StringTable::intern(const std::string& name) {
  const auto it = index_.find(name);
  if (it != index_.end()) return it->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.push_back(name);
  index_.emplace(name, id);
  return id;
}

Trace::Trace() {
  for (const char* name : kHopKindNames) hop_kinds.intern(name);
  for (const char* name : kStatusNames) hop_statuses.intern(name);
  for (const char* name : kEventNames) event_types.intern(name);
  methods.intern("");
}

std::string Trace::title() const {
  std::string title = scenario.empty() ? path : scenario;
  if (!variant.empty()) title += " / " + variant;
  return title;
}

void Trace::compute_span() {
  double lo = INFINITY, hi = -INFINITY;
  const auto widen = [&](double t) {
    if (std::isnan(t)) return;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  };
  for (size_t i = 0; i < hops.size(); ++i) {
    widen(hops.t_send[i]);
    widen(hops.t_recv[i]);
  }
  for (double t : events.t) widen(t);
  for (size_t i = 0; i < calls.size(); ++i) {
    widen(calls.t_start[i]);
    widen(calls.t_end[i]);
  }
  if (lo > hi) lo = hi = 0;  // an empty trace
  t_begin = lo;
  t_end = hi;
}

}  // namespace buslab::tracefile
