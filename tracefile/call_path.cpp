#include "tracefile/call_path.hpp"

#include <cmath>

namespace buslab::tracefile {

const char* to_string(Phase phase) {
  switch (phase) {
    case Phase::ClientSend:
      return "client send";
    case Phase::RequestWire:
      return "request on the wire";
    case Phase::BrokerRoute:
      return "broker routing";
    case Phase::QueueWait:
      return "queue wait";
    case Phase::Delivery:
      return "delivery";
    case Phase::ServerBacklog:
      return "server backlog";
    case Phase::Service:
      return "service";
    case Phase::ReplySend:
      return "reply send";
    case Phase::ReplyWire:
      return "reply on the wire";
    case Phase::ReplyQueueWait:
      return "reply queue wait";
    case Phase::ReplyDelivery:
      return "reply delivery";
    case Phase::ClientReceive:
      return "client receive";
    case Phase::Unanswered:
      return "no reply";
  }
  return "?";
}

namespace {

constexpr long kNone = -1;

// The end of a segment: the phase that ends there, when, and where it was spent.
struct Milestone {
  Phase phase;
  double t = NAN;
  int lane = -1;
};

// The hops and events of one call that mark where its time went; kNone where the call did not get that far.
struct Landmarks {
  int client = -1;
  int server = -1;
  long request = kNone;      // the client's request
  long routed = kNone;       // the broker routing it into the queue it was delivered from
  long into_server = kNone;  // the request or delivery that reached the server that ran it
  long reply = kNone;        // the server's reply
  long reply_routed = kNone;
  long into_client = kNone;  // the reply (or error) that reached the client
  bool via_queue = false, reply_via_queue = false;
  double service_start = NAN, service_end = NAN;
};

// Searches the hops of one call, in time order.
class CallHops {
 public:
  CallHops(const Trace& trace, const std::vector<uint32_t>& hops) : trace_(trace), hops_(hops) {}

  template <typename Predicate>
  long first(Predicate&& predicate) const {
    for (uint32_t i : hops_)
      if (predicate(i)) return static_cast<long>(i);
    return kNone;
  }
  template <typename Predicate>
  long last(Predicate&& predicate) const {
    long found = kNone;
    for (uint32_t i : hops_)
      if (predicate(i)) found = i;
    return found;
  }
  HopKind kind(long i) const { return trace_.hop_kind(static_cast<size_t>(i)); }
  // The last routing into the queue that hop `delivery` left from, before it left.
  long routing_into_queue_of(long delivery) const {
    const Hops& h = trace_.hops;
    const int queue = h.from[static_cast<size_t>(delivery)];
    const double delivered = h.t_send[static_cast<size_t>(delivery)];
    return last([&](uint32_t i) {
      return kind(i) == HopKind::Route && h.to[i] == queue && h.arrived(i) && h.t_recv[i] <= delivered;
    });
  }

 private:
  const Trace& trace_;
  const std::vector<uint32_t>& hops_;
};

// Casts may leave the server unnamed (-1): take the server lane the call's last request or delivery reached.
int server_of(const Trace& trace, size_t row, const std::vector<uint32_t>& hops) {
  int server = trace.calls.server[row];
  if (server >= 0) return server;
  const Hops& h = trace.hops;
  for (uint32_t i : hops)
    if (h.arrived(i) && trace.lanes[static_cast<size_t>(h.to[i])].kind == LaneKind::Server &&
        (trace.hop_kind(i) == HopKind::Request || trace.hop_kind(i) == HopKind::Delivery))
      server = h.to[i];
  return server;
}

Landmarks find_landmarks(const Trace& trace, const TraceIndex& index, size_t row, const std::vector<uint32_t>& hops) {
  const Hops& h = trace.hops;
  const CallHops find(trace, hops);
  Landmarks l;
  l.client = trace.calls.client[row];
  l.server = server_of(trace, row, hops);
  const int client = l.client, server = l.server;
  // The request that reached the server that ran the call (the last one, after redeliveries).
  l.request = find.first([&](uint32_t i) { return find.kind(i) == HopKind::Request && h.from[i] == client; });
  if (server >= 0)
    l.into_server = find.last([&](uint32_t i) {
      return h.to[i] == server && h.arrived(i) &&
             (find.kind(i) == HopKind::Request || find.kind(i) == HopKind::Delivery);
    });
  l.via_queue = l.into_server != kNone && find.kind(l.into_server) == HopKind::Delivery;
  if (l.via_queue) l.routed = find.routing_into_queue_of(l.into_server);
  for (uint32_t e : index.call_events(row)) {
    if (trace.events.lane[e] != server) continue;
    if (trace.event_type(e) == EventType::ServiceStart) l.service_start = trace.events.t[e], l.service_end = NAN;
    if (trace.event_type(e) == EventType::ServiceEnd) l.service_end = trace.events.t[e];
  }
  if (server >= 0)
    l.reply = find.last([&](uint32_t i) {
      return find.kind(i) == HopKind::Reply && h.from[i] == server &&
             (std::isnan(l.service_end) || h.t_send[i] >= l.service_end);
    });
  l.into_client = find.last([&](uint32_t i) {
    const HopKind k = find.kind(i);
    return h.to[i] == client && h.arrived(i) && (k == HopKind::Reply || k == HopKind::Delivery || k == HopKind::Error);
  });
  l.reply_via_queue = l.into_client != kNone && find.kind(l.into_client) == HopKind::Delivery;
  if (l.reply_via_queue) l.reply_routed = find.routing_into_queue_of(l.into_client);
  return l;
}

// Milestones in the order a call passes them; each ends the segment named by its phase.
std::vector<Milestone> milestones(const Trace& trace, const Landmarks& l, double t_end) {
  const Hops& h = trace.hops;
  std::vector<Milestone> m;
  const auto at = [&](Phase phase, double t, int lane) { m.push_back(Milestone{phase, t, lane}); };
  const auto hop_send = [&](long i) { return i == kNone ? NAN : h.t_send[static_cast<size_t>(i)]; };
  const auto hop_recv = [&](long i) { return i == kNone ? NAN : h.t_recv[static_cast<size_t>(i)]; };
  const auto hop_to = [&](long i) { return i == kNone ? -1 : h.to[static_cast<size_t>(i)]; };
  const auto hop_from = [&](long i) { return i == kNone ? -1 : h.from[static_cast<size_t>(i)]; };
  at(Phase::ClientSend, hop_send(l.request), l.client);
  at(Phase::RequestWire, hop_recv(l.request), hop_to(l.request));
  if (l.via_queue) {
    at(Phase::BrokerRoute, hop_recv(l.routed), hop_to(l.request));
    at(Phase::QueueWait, hop_send(l.into_server), hop_from(l.into_server));
    at(Phase::Delivery, hop_recv(l.into_server), l.server);
  }
  at(Phase::ServerBacklog, l.service_start, l.server);
  at(Phase::Service, l.service_end, l.server);
  at(Phase::ReplySend, hop_send(l.reply), l.server);
  if (l.reply_via_queue) {
    at(Phase::ReplyWire, hop_recv(l.reply_routed), hop_to(l.reply));
    at(Phase::ReplyQueueWait, hop_send(l.into_client), hop_from(l.into_client));
    at(Phase::ReplyDelivery, hop_recv(l.into_client), l.client);
  } else {
    at(Phase::ReplyWire, hop_recv(l.into_client), l.client);
  }
  at(l.into_client != kNone ? Phase::ClientReceive : Phase::Unanswered, t_end, l.client);
  return m;
}

}  // namespace

CallPath trace_call(const Trace& trace, const TraceIndex& index, uint64_t call) {
  CallPath path;
  path.call = call;
  path.row = index.call_row(call);
  if (path.row < 0) return path;
  const auto row = static_cast<size_t>(path.row);
  for (uint32_t i : index.call_hops(row)) path.hops.push_back(i);
  const Landmarks landmarks = find_landmarks(trace, index, row, path.hops);
  path.server = landmarks.server;
  path.t_start = trace.calls.t_start[row];
  double t = path.t_start;
  for (const Milestone& stone : milestones(trace, landmarks, trace.calls.t_end[row])) {
    if (std::isnan(stone.t) || stone.t < t) continue;  // not reached, or out of order (a retry): skip
    path.segments.push_back(PathSegment{stone.phase, t, stone.t, stone.lane < 0 ? landmarks.client : stone.lane});
    t = stone.t;
  }
  path.t_end = t;
  return path;
}

}  // namespace buslab::tracefile
