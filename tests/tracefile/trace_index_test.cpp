#include <gtest/gtest.h>

#include <cmath>

#include "tracefile/lane_order.hpp"
#include "tracefile/level_series.hpp"
#include "tracefile/trace_index.hpp"
#include "tracefile/trace_reader.hpp"
#include "tests/support/sample_trace.hpp"

namespace buslab::tracefile {
namespace {

TEST(LevelSeries, ValueAtAndMaximumOverRanges) {
  LevelSeries s(0);
  s.add(1, 3);
  s.add(2, 7);
  s.add(2, 5);  // same instant: replaces
  s.add(4, 1);
  s.add(6, 9);
  s.finish();
  EXPECT_EQ(s.size(), 4u);
  EXPECT_EQ(s.at(0.5), 0);
  EXPECT_EQ(s.at(2), 5);
  EXPECT_EQ(s.at(5), 1);
  EXPECT_EQ(s.max_over(0, 0.5), 0);
  EXPECT_EQ(s.max_over(4.5, 5.5), 1);  // inside one step: the level in effect
  EXPECT_EQ(s.max_over(1.5, 4.5), 5);
  EXPECT_EQ(s.max_over(0, 10), 9);
  EXPECT_EQ(s.max(), 9);
}

TEST(LevelSeries, RangeMaximumMatchesAScan) {
  LevelSeries s;
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) {
    values.push_back(static_cast<double>((i * 7919) % 613));
    s.add(i, values.back());
  }
  s.finish();
  for (int a = 0; a < 1000; a += 37)
    for (int b = a; b < 1000; b += 53) {
      double expected = 0;
      for (int i = a; i <= b; ++i) expected = std::max(expected, values[static_cast<size_t>(i)]);
      EXPECT_EQ(s.max_over(a + 0.5, b + 0.5), expected) << a << ".." << b;
    }
}

class SampleIndex : public testing::Test {
 protected:
  Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  TraceIndex index{trace};
};

TEST_F(SampleIndex, HopsPerCallInTimeOrder) {
  const long row = index.call_row(1);
  ASSERT_EQ(row, 0);
  const auto hops = index.call_hops(static_cast<size_t>(row));
  EXPECT_EQ(hops.size(), 8u);  // request, route, delivery, ack, reply, route, delivery, ack
  for (uint32_t i : hops) EXPECT_EQ(trace.hops.call[i], 1u);
  EXPECT_EQ(index.call_hops(1).size(), 3u);
  EXPECT_EQ(index.call_events(0).size(), 2u);  // service start and end
  EXPECT_EQ(index.call_events(1).size(), 1u);  // the timeout
  EXPECT_EQ(index.call_row(99), -1);
}

TEST_F(SampleIndex, HopRangeCoversEveryHopInFlight) {
  // At t = 0.00055 only the first delivery (0.0005 -> 0.0006) is on the wire.
  const auto [first, last] = index.hop_range(0.00055, 0.00055);
  bool found = false;
  for (size_t i = first; i < last; ++i) found = found || i == 2;
  EXPECT_TRUE(found);
  for (size_t i = 0; i < trace.hops.size(); ++i) {
    const bool overlaps = trace.hops.t_send[i] <= 0.00055 && trace.hops.arrived(i) && trace.hops.t_recv[i] >= 0.00055;
    if (overlaps) {
      EXPECT_TRUE(i >= first && i < last) << i;
    }
  }
}

TEST_F(SampleIndex, LevelsDownIntervalsAndFaults) {
  EXPECT_EQ(index.depth(5).max(), 1);
  EXPECT_EQ(index.depth(5).at(0.0003), 1);
  EXPECT_EQ(index.depth(5).at(0.0006), 0);
  EXPECT_EQ(index.busy(9).at(0.001), 1);
  ASSERT_EQ(index.down(9).size(), 1u);
  EXPECT_DOUBLE_EQ(index.down(9)[0].t0, 0.0071);
  EXPECT_DOUBLE_EQ(index.down(9)[0].t1, 0.5);
  ASSERT_EQ(index.faults().size(), 2u);  // kill, restart
  EXPECT_EQ(trace.event_type(index.faults()[0]), EventType::Kill);
  ASSERT_EQ(index.timeouts().size(), 1u);
  EXPECT_EQ(index.activity(5, 0, 1), 5u);  // queue: routes in (2), deliveries out (2), an ack in
}

TEST(TraceIndex, HungDisconnectedAndBlockedAreSoftIntervals) {
  std::string text = testdata::sample_trace_json();
  text = testdata::replaced(text, "[0.5,9,\"restart\",0,0],",
                            "[0.6,9,\"hang\",0,0],[0.7,9,\"resume\",0,0],[0.7,9,\"disconnected\",0,0],"
                            "[0.8,9,\"connected\",1,0],[0.8,3,\"blocked\",0,0],[0.5,9,\"restart\",0,0],");
  const Trace trace = parse_trace(text, "t.json");  // out of time order: sorted on reading
  const TraceIndex index(trace);
  ASSERT_EQ(index.down(9).size(), 3u);
  EXPECT_TRUE(index.down(9)[0].hard);  // killed 0.0071 .. 0.5
  EXPECT_EQ(index.down(9)[1].reason, "hung");
  EXPECT_FALSE(index.down(9)[1].hard);
  EXPECT_DOUBLE_EQ(index.down(9)[1].t1, 0.7);
  EXPECT_EQ(index.down(9)[2].reason, "disconnected");
  ASSERT_EQ(index.down(3).size(), 1u);
  EXPECT_EQ(index.down(3)[0].reason, "publishers blocked");
  EXPECT_TRUE(std::isinf(index.down(3)[0].t1));  // never unblocked
  size_t hangs = 0;
  for (uint32_t e : index.faults()) hangs += trace.event_type(e) == EventType::Hang;
  EXPECT_EQ(hangs, 1u);
}

TEST_F(SampleIndex, LanesGroupedByHostClientsFirst) {
  ASSERT_EQ(index.hosts().size(), 3u);
  EXPECT_EQ(index.host_lanes(1).front(), 2);  // the host lane leads its group
  EXPECT_EQ(index.host_of(7), 1);
  const std::vector<int> order = lane_display_order(trace, index);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(LaneOrder, BrokerHostsBetweenClientsAndServers) {
  // The simulator registers server hosts before client hosts; the display puts clients on top anyway.
  std::string text = testdata::sample_trace_json();
  text = testdata::replaced(text, "{\"id\":0,\"name\":\"client1\",\"kind\":\"host\",\"host\":\"client1\"}",
                            "{\"id\":0,\"name\":\"compute1\",\"kind\":\"host\",\"host\":\"compute1\"}");
  text = testdata::replaced(text, "{\"id\":8,\"name\":\"compute1\",\"kind\":\"host\",\"host\":\"compute1\"}",
                            "{\"id\":8,\"name\":\"client1\",\"kind\":\"host\",\"host\":\"client1\"}");
  const Trace trace = parse_trace(text, "t.json");
  const TraceIndex index(trace);
  const std::vector<int> order = lane_display_order(trace, index);
  EXPECT_EQ(order, (std::vector<int>{8, 1, 2, 3, 4, 5, 6, 7, 0, 9}));
}

}  // namespace
}  // namespace buslab::tracefile
