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

}  // namespace

CallPath trace_call(const Trace& trace, const TraceIndex& index, uint64_t call) {
  CallPath path;
  path.call = call;
  path.row = index.call_row(call);
  if (path.row < 0) return path;
  const auto row = static_cast<size_t>(path.row);
  const Hops& h = trace.hops;
  const Calls& c = trace.calls;
  for (uint32_t i : index.call_hops(row)) path.hops.push_back(i);
  const int client = c.client[row];
  // Casts may leave the server unnamed (-1): take the server lane the call's last request or delivery reached.
  int server = c.server[row];
  if (server < 0)
    for (uint32_t i : path.hops)
      if (h.arrived(i) && trace.lanes[static_cast<size_t>(h.to[i])].kind == LaneKind::Server &&
          (trace.hop_kind(i) == HopKind::Request || trace.hop_kind(i) == HopKind::Delivery))
        server = h.to[i];
  path.t_start = c.t_start[row];

  const auto last_hop = [&](auto&& predicate) {
    long found = kNone;
    for (uint32_t i : path.hops)
      if (predicate(i)) found = i;
    return found;
  };
  const auto first_hop = [&](auto&& predicate) {
    for (uint32_t i : path.hops)
      if (predicate(i)) return static_cast<long>(i);
    return kNone;
  };
  const auto kind = [&](uint32_t i) { return trace.hop_kind(i); };

  // The request that reached the server that ran the call (the last one, after redeliveries).
  const long request = first_hop([&](uint32_t i) { return kind(i) == HopKind::Request && h.from[i] == client; });
  const long into_server = server < 0 ? kNone : last_hop([&](uint32_t i) {
    return h.to[i] == server && h.arrived(i) && (kind(i) == HopKind::Request || kind(i) == HopKind::Delivery);
  });
  const bool via_queue = into_server != kNone && kind(static_cast<uint32_t>(into_server)) == HopKind::Delivery;
  long routed = kNone;
  if (via_queue) {
    const int queue = h.from[static_cast<size_t>(into_server)];
    const double delivered = h.t_send[static_cast<size_t>(into_server)];
    routed = last_hop([&](uint32_t i) {
      return kind(i) == HopKind::Route && h.to[i] == queue && h.arrived(i) && h.t_recv[i] <= delivered;
    });
  }
  double service_start = NAN, service_end = NAN;
  for (uint32_t e : index.call_events(row)) {
    if (trace.events.lane[e] != server) continue;
    if (trace.event_type(e) == EventType::ServiceStart) service_start = trace.events.t[e], service_end = NAN;
    if (trace.event_type(e) == EventType::ServiceEnd) service_end = trace.events.t[e];
  }
  const long reply = server < 0 ? kNone : last_hop([&](uint32_t i) {
    return kind(i) == HopKind::Reply && h.from[i] == server && (std::isnan(service_end) || h.t_send[i] >= service_end);
  });
  const long into_client = last_hop([&](uint32_t i) {
    return h.to[i] == client && h.arrived(i) &&
           (kind(i) == HopKind::Reply || kind(i) == HopKind::Delivery || kind(i) == HopKind::Error);
  });
  const bool reply_via_queue = into_client != kNone && kind(static_cast<uint32_t>(into_client)) == HopKind::Delivery;
  long reply_routed = kNone;
  if (reply_via_queue) {
    const int queue = h.from[static_cast<size_t>(into_client)];
    reply_routed = last_hop([&](uint32_t i) {
      return kind(i) == HopKind::Route && h.to[i] == queue && h.arrived(i) &&
             h.t_recv[i] <= h.t_send[static_cast<size_t>(into_client)];
    });
  }

  // Milestones in the order a call passes them; each ends the segment named by its phase.
  std::vector<Milestone> m;
  const auto at = [&](Phase phase, double t, int lane) { m.push_back(Milestone{phase, t, lane}); };
  const auto hop_send = [&](long i) { return i == kNone ? NAN : h.t_send[static_cast<size_t>(i)]; };
  const auto hop_recv = [&](long i) { return i == kNone ? NAN : h.t_recv[static_cast<size_t>(i)]; };
  const auto hop_to = [&](long i) { return i == kNone ? -1 : h.to[static_cast<size_t>(i)]; };
  const auto hop_from = [&](long i) { return i == kNone ? -1 : h.from[static_cast<size_t>(i)]; };
  at(Phase::ClientSend, hop_send(request), client);
  at(Phase::RequestWire, hop_recv(request), hop_to(request));
  if (via_queue) {
    at(Phase::BrokerRoute, hop_recv(routed), hop_to(request));
    at(Phase::QueueWait, hop_send(into_server), hop_from(into_server));
    at(Phase::Delivery, hop_recv(into_server), server);
  }
  at(Phase::ServerBacklog, service_start, server);
  at(Phase::Service, service_end, server);
  at(Phase::ReplySend, hop_send(reply), server);
  if (reply_via_queue) {
    at(Phase::ReplyWire, hop_recv(reply_routed), hop_to(reply));
    at(Phase::ReplyQueueWait, hop_send(into_client), hop_from(into_client));
    at(Phase::ReplyDelivery, hop_recv(into_client), client);
  } else {
    at(Phase::ReplyWire, hop_recv(into_client), client);
  }
  const double t_end = c.t_end[row];
  const bool answered = into_client != kNone;
  at(answered ? Phase::ClientReceive : Phase::Unanswered, t_end, client);

  path.server = server;
  double t = path.t_start;
  for (const Milestone& stone : m) {
    if (std::isnan(stone.t) || stone.t < t) continue;  // not reached, or out of order (a retry): skip
    path.segments.push_back(PathSegment{stone.phase, t, stone.t, stone.lane < 0 ? client : stone.lane});
    t = stone.t;
  }
  path.t_end = t;
  return path;
}

}  // namespace buslab::tracefile
