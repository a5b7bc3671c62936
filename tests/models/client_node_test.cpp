// ClientNode's closed-loop start, driven through the fake runtime: its first requests start at seeded dates spread
// over [start, start + stagger), drawn from the instance's own stream, so a seed gives the same dates every run.
#include <gtest/gtest.h>

#include <algorithm>

#include "models/rpc/client_node.hpp"
#include "tests/support/node_test.hpp"

namespace buslab {

namespace {

class ClosedClientTest : public testing::NodeTest<ClientNode> {
 protected:
  ClosedClientTest() : NodeTest("c-1") {}
  void make(uint64_t seed, double stagger, double stop = 100.0) {
    w.world.seed = seed;
    ClientConfig c;
    c.name = "c-1";
    c.group = "c";
    c.lane = self_lane();
    RpcRequestSpec step;
    step.service = "svc";
    step.method = "m";
    c.steps = {step};
    c.arrival.kind = ArrivalKind::Closed;
    c.arrival.outstanding = 3;
    c.arrival.stagger = stagger;
    c.start = 2.0;
    c.stop = stop;
    c.brokered = true;
    c.link = w.link_to({mq});
    c.caller.name = "c-1";
    c.caller.lane = c.lane;
    c.caller.codec = &testing::kPlainCodec;
    c.caller.reply_queue = "reply_c-1";
    start(c);
  }
  // The dates of the arrival timers set so far, in the order they were set.
  std::vector<double> arrival_dates() const {
    std::vector<double> dates;
    for (const auto& [id, timer] : w.rt.timers)
      if (timer.second == make_tag(TagKind::Arrival, 0)) dates.push_back(timer.first);
    return dates;
  }
  // The arrival timers are set at exactly these dates, in this order.
  void expect_arrivals(const std::vector<double>& expected) const {
    const std::vector<double> dates = arrival_dates();
    ASSERT_EQ(dates.size(), expected.size());
    for (size_t i = 0; i < dates.size(); ++i) EXPECT_DOUBLE_EQ(dates[i], expected[i]) << "slot " << i;
  }
  uint64_t sent() { return w.world.metrics.client("c", "m").sent; }
};

}  // namespace

// The expected dates are 2 s + 10 ms x u, u the first three uniform01() of the stream "client/c-1/arrivals" under
// the seed, computed outside buslab by a Python transcription of models/core/rng.cpp (FNV-1a of the name, xor the
// seed times 0x9E3779B97F4A7C15, splitmix64 seeding, xoshiro256**, the top 53 bits).
const std::vector<double> kSeed1Dates = {2.0080258570516722, 2.0051522335102474, 2.0064219010164024};

TEST_F(ClosedClientTest, FirstRequestsStartAtDatesDrawnFromTheInstancesSeededStream) {
  make(1, 0.010);
  expect_arrivals(kSeed1Dates);
  // Each request begins at its own date, not together.
  w.rt.fire_timers(*node, 2.006);
  EXPECT_EQ(sent(), 1u);
  w.rt.fire_timers(*node, 2.0065);
  EXPECT_EQ(sent(), 2u);
  w.rt.fire_timers(*node, 2.0100);
  EXPECT_EQ(sent(), 3u);
}

TEST_F(ClosedClientTest, AnotherSeedDrawsOtherDates) {
  make(2, 0.010);
  expect_arrivals({2.0017667196263913, 2.00333189096643, 2.0027417113633024});
  EXPECT_NE(arrival_dates(), kSeed1Dates);
}

TEST_F(ClosedClientTest, NoStaggerStartsEveryRequestAtTheStart) {
  make(1, 0.0);
  expect_arrivals({2.0, 2.0, 2.0});
  w.rt.fire_timers(*node, 2.0);
  EXPECT_EQ(sent(), 3u);
}

TEST_F(ClosedClientTest, ADateAtOrPastTheStopIsNotIssued) {
  make(1, 0.010, 2.006);  // only the date 2.00515 falls before the stop
  const std::vector<double> dates = arrival_dates();
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_DOUBLE_EQ(dates[0], 2.0051522335102474);
}

}  // namespace buslab
