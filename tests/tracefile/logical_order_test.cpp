// The logical view's order: every arrival after its send, each lane's events in their own order, steps 1..N all
// used (evenly spaced), idle time squeezed out; on the sample trace whose every hop is known.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/support/sample_trace.hpp"
#include "tracefile/logical_order.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

TEST(LogicalOrder, HappenedBeforeEvenlySpaced) {
  const Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  const LogicalOrder order = logical_order(trace, 0, 2);
  ASSERT_EQ(order.hops.size(), trace.hops.size());
  ASSERT_EQ(order.events.size(), 3u);  // the kill, the restart, the timeout
  std::set<uint32_t> used;
  std::map<int, std::vector<std::pair<double, uint32_t>>> per_lane;  // lane -> (time, step)
  for (const LogicalHop& h : order.hops) {
    used.insert(h.send_step);
    per_lane[trace.hops.from[h.hop]].emplace_back(trace.hops.t_send[h.hop], h.send_step);
    if (!trace.hops.arrived(h.hop)) {
      EXPECT_EQ(h.recv_step, 0u) << "hop " << h.hop << " never arrived";
      continue;
    }
    EXPECT_GT(h.recv_step, h.send_step) << "hop " << h.hop;
    used.insert(h.recv_step);
    per_lane[trace.hops.to[h.hop]].emplace_back(trace.hops.t_recv[h.hop], h.recv_step);
  }
  for (const LogicalEvent& e : order.events) used.insert(e.step);
  EXPECT_EQ(used.size(), order.steps);  // no step left empty
  EXPECT_EQ(*used.begin(), 1u);
  EXPECT_EQ(*used.rbegin(), order.steps);
  for (auto& [lane, list] : per_lane) {
    std::sort(list.begin(), list.end());
    for (size_t i = 1; i < list.size(); ++i) EXPECT_GT(list[i].second, list[i - 1].second) << "lane " << lane;
  }
  // The call's path, step by step: request client->exchange (1, 2), route exchange->queue (3, 4), delivery
  // queue->server (5, 6).
  EXPECT_EQ(order.hops[0].send_step, 1u);
  EXPECT_EQ(order.hops[0].recv_step, 2u);
  EXPECT_EQ(order.hops[1].send_step, 3u);
  EXPECT_EQ(order.hops[2].recv_step, 6u);
  // The restart comes half a second after everything else, yet only a step later: idle time is squeezed out.
  EXPECT_EQ(order.events[1].step, order.events[0].step + 1);
}

TEST(LogicalOrder, OnlyTheStretchAsked) {
  const Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  const LogicalOrder order = logical_order(trace, 0.007, 0.008);
  ASSERT_EQ(order.hops.size(), 3u);  // call 2's request, route and lost delivery
  EXPECT_EQ(order.hops[0].hop, 9u);
  ASSERT_EQ(order.events.size(), 1u);  // the kill at 7.1 ms
  // 3 sends and 2 arrivals in a chain; the kill, on a lane nothing had happened on yet, is concurrent with the
  // request's send and shares its step.
  EXPECT_EQ(order.steps, 5u);
  EXPECT_EQ(order.events[0].step, 1u);
}

}  // namespace
}  // namespace buslab::tracefile
