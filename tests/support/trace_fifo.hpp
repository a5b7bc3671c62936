#pragma once
// FIFO per queue, read from a trace.json alone: an oracle apart from the queue's own check (models/broker/queue.cpp
// checks its sequence numbers on every first delivery; this one sees only what the trace recorded).
//
// For each queue lane, every message's first delivery out of it (a `delivery` hop from the queue) is paired with
// its arrival in it (the `route` hop into the queue that brought it, its t_recv). A message delivered strictly
// later than another must not have arrived strictly earlier. Instants shared by several arrivals, or by several
// deliveries, do not order them (the trace keeps no finer order), so ties pass. Redeliveries (a second delivery
// hop of the same message out of the same queue) are not first deliveries: a requeued message goes back to its
// place and may overtake, as AMQP says. So is the broker's copy of a delivery its consumer had already taken on
// (docs/trace-format.md: it enters its queue under a new id, by a `local` hop from the queue to itself): it is
// checked to have arrived, not for its order.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "tracefile/trace_model.hpp"

namespace buslab::testing {

struct FifoCheck {
  size_t queues = 0;            // queue lanes that delivered at least one message
  size_t first_deliveries = 0;  // pairs (arrival, first delivery) checked
  std::string violation;        // the first one found, or empty
};

// One observation: at `at` (a delivery, a routing) the message `msg` went, having come in at `order` (its
// arrival, its sending).
struct Passage {
  double at;
  double order;
  uint64_t msg;
  bool operator<(const Passage& o) const { return std::tie(at, order, msg) < std::tie(o.at, o.order, o.msg); }
};

// The first passage (sorted by `at`) whose `order` is below that of a passage at a strictly earlier instant: what
// overtook (first) and what it overtook (second). Passages at one instant are not ordered among themselves.
inline std::optional<std::pair<Passage, Passage>> first_overtaking(std::vector<Passage>& passages) {
  std::sort(passages.begin(), passages.end());
  Passage latest_before{0, -std::numeric_limits<double>::infinity(), 0}, latest = latest_before;
  for (size_t i = 0; i < passages.size(); ++i) {
    if (i > 0 && passages[i].at > passages[i - 1].at && latest.order > latest_before.order) latest_before = latest;
    if (passages[i].order < latest_before.order) return std::make_pair(passages[i], latest_before);
    if (passages[i].order > latest.order) latest = passages[i];
  }
  return std::nullopt;
}

inline FifoCheck check_fifo_per_queue(const tracefile::Trace& trace) {
  using namespace tracefile;
  const Hops& h = trace.hops;
  const auto kind = [&](size_t i) { return static_cast<HopKind>(h.kind[i]); };
  const auto is_queue = [&](int32_t lane) {
    return lane >= 0 && static_cast<size_t>(lane) < trace.lanes.size() && trace.lanes[lane].kind == LaneKind::Queue;
  };
  // (queue, msg) -> when it arrived in the queue; (queue, msg) -> when it first left it.
  std::map<std::pair<int32_t, uint64_t>, double> arrived, first_out;
  std::set<std::pair<int32_t, uint64_t>> requeued_copies;
  for (size_t i = 0; i < h.size(); ++i) {
    if (h.msg[i] == 0) continue;
    if (kind(i) == HopKind::Route && is_queue(h.to[i]) && h.arrived(i))
      arrived.emplace(std::make_pair(h.to[i], h.msg[i]), h.t_recv[i]);
    else if (kind(i) == HopKind::Local && is_queue(h.to[i]) && h.from[i] == h.to[i])
      requeued_copies.emplace(h.to[i], h.msg[i]);
    else if (kind(i) == HopKind::Delivery && is_queue(h.from[i]))
      first_out.emplace(std::make_pair(h.from[i], h.msg[i]), h.t_send[i]);  // hops are in t_send order: first wins
  }
  std::map<int32_t, std::vector<Passage>> per_queue;  // queue -> (delivered, arrived, msg)
  FifoCheck out;
  for (const auto& [key, delivered] : first_out) {
    if (requeued_copies.count(key)) continue;
    const auto in = arrived.find(key);
    if (in == arrived.end()) {
      // A message delivered out of a queue it never arrived in is a hole in the trace itself.
      out.violation = fmt::format("queue {}: message {} delivered at {:.9f} s with no route hop into it",
                                  trace.lanes[key.first].name, key.second, delivered);
      return out;
    }
    per_queue[key.first].push_back({delivered, in->second, key.second});
  }
  for (auto& [queue, passages] : per_queue) {
    ++out.queues;
    out.first_deliveries += passages.size();
    if (const auto overtaking = first_overtaking(passages)) {
      const auto& [late, early] = *overtaking;
      out.violation = fmt::format(
          "queue {}: a message that arrived at {:.9f} s was first delivered at {:.9f} s, after one that arrived "
          "later, at {:.9f} s (not FIFO)",
          trace.lanes[queue].name, late.order, late.at, early.order);
      return out;
    }
  }
  return out;
}

// AMQP's other ordering promise, one channel's messages through one exchange into one queue keep their order
// (docs/semantics.md 1.5), read from the trace alone: for each sender and queue, the messages the sender published
// (a `request` or `reply` hop into an exchange) reach the queue (the `route` hop into it under the same id) in the
// order they were sent, by the hop's t_send. Messages sent at one instant (a reconnect's buffered burst) are not
// ordered here: the trace keeps no finer order of sends than their instant (tests/engine/sim_channel_order_test.cpp
// orders such a burst by message id). Instants shared by several routings do not order them either. Copies of a message
// routed to several queues have ids of their own and are not followed.
inline FifoCheck check_channel_order(const tracefile::Trace& trace) {
  using namespace tracefile;
  const Hops& h = trace.hops;
  const auto lane_kind = [&](int32_t lane) {
    return lane >= 0 && static_cast<size_t>(lane) < trace.lanes.size() ? trace.lanes[lane].kind : LaneKind::Other;
  };
  struct Sent {
    int32_t sender;
    int32_t exchange;
    double t_send;
  };
  std::map<uint64_t, Sent> sent;  // msg -> its publish
  for (size_t i = 0; i < h.size(); ++i) {
    const auto kind = static_cast<HopKind>(h.kind[i]);
    if (h.msg[i] != 0 && (kind == HopKind::Request || kind == HopKind::Reply) &&
        lane_kind(h.to[i]) == LaneKind::Exchange)
      sent.emplace(h.msg[i], Sent{h.from[i], h.to[i], h.t_send[i]});
  }
  std::map<std::pair<int32_t, int32_t>, std::vector<Passage>> flows;  // (sender, queue) -> (routed, sent, msg)
  for (size_t i = 0; i < h.size(); ++i) {
    if (static_cast<HopKind>(h.kind[i]) != HopKind::Route || lane_kind(h.to[i]) != LaneKind::Queue) continue;
    const auto it = sent.find(h.msg[i]);
    // Only routings by the exchange it was published to: a dead-lettered message is republished by the broker.
    if (it == sent.end() || it->second.exchange != h.from[i]) continue;
    flows[{it->second.sender, h.to[i]}].push_back({h.t_send[i], it->second.t_send, h.msg[i]});
  }
  FifoCheck out;
  for (auto& [flow, routed] : flows) {
    ++out.queues;
    out.first_deliveries += routed.size();
    if (const auto overtaking = first_overtaking(routed)) {
      const auto& [late, early] = *overtaking;
      out.violation = fmt::format(
          "{} -> queue {}: message {} sent at {:.9f} s was routed at {:.9f} s, after message {} sent later "
          "(at {:.9f} s): one channel's messages overtook each other",
          trace.lanes[flow.first].name, trace.lanes[flow.second].name, late.msg, late.order, late.at, early.msg,
          early.order);
      return out;
    }
  }
  return out;
}

}  // namespace buslab::testing
