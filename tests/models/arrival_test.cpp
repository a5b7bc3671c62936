#include <gtest/gtest.h>

#include <cmath>

#include "models/process/arrival.hpp"
#include "models/rpc/server_choice.hpp"

namespace buslab {

TEST(Arrival, FixedSendsItsCountAtItsIntervalAndStopsAtTheEnd) {
  ArrivalSpec spec;
  spec.kind = ArrivalKind::Fixed;
  spec.count = 5;
  spec.interval = 0.5;
  Rng rng(1, "a");
  ArrivalProcess all(spec, 1.0, 100.0);
  std::vector<double> times;
  for (double t = all.next_open(rng); t != kNever; t = all.next_open(rng)) times.push_back(t);
  EXPECT_EQ(times, (std::vector<double>{1.0, 1.5, 2.0, 2.5, 3.0}));
  ArrivalProcess cut(spec, 1.0, 2.2);
  int n = 0;
  for (double t = cut.next_open(rng); t != kNever; t = cut.next_open(rng)) ++n;
  EXPECT_EQ(n, 3);
}

TEST(Arrival, PoissonHasItsRate) {
  ArrivalSpec spec;
  spec.kind = ArrivalKind::Poisson;
  spec.rate = 200;
  Rng rng(1, "p");
  ArrivalProcess p(spec, 0.0, 100.0);
  int n = 0;
  for (double t = p.next_open(rng); t != kNever; t = p.next_open(rng)) ++n;
  EXPECT_NEAR(n, 20000, 3 * std::sqrt(20000.0));
}

TEST(Arrival, ClosedLoopWaitsItsThinkTime) {
  ArrivalSpec spec;
  spec.kind = ArrivalKind::Closed;
  spec.outstanding = 3;
  spec.think = Distribution::constant(0.25);
  Rng rng(1, "c");
  ArrivalProcess c(spec, 0.0, 10.0);
  EXPECT_TRUE(c.closed_loop());
  EXPECT_EQ(c.initial_burst(), 3);
  EXPECT_EQ(c.next_open(rng), kNever);
  EXPECT_DOUBLE_EQ(c.next_closed(2.0, rng), 2.25);
  EXPECT_EQ(c.next_closed(9.9, rng), kNever);
}

TEST(Arrival, ARestartStartsEveryClosedSlotAtOnceAndSkipsTheOpenRequestsItMissed) {
  ArrivalSpec closed;
  closed.kind = ArrivalKind::Closed;
  closed.outstanding = 3;
  Rng rng(1, "c");
  ArrivalProcess c(closed, 0.0, 10.0);
  EXPECT_EQ(c.after_restart(4.0, rng), (std::vector<double>{4.0, 4.0, 4.0}));
  EXPECT_TRUE(c.after_restart(10.0, rng).empty());  // past its stop
  ArrivalSpec fixed;
  fixed.kind = ArrivalKind::Fixed;
  fixed.count = 6;
  fixed.interval = 1.0;
  ArrivalProcess f(fixed, 0.0, 10.0);
  EXPECT_EQ(f.after_restart(3.5, rng), (std::vector<double>{4.0}));  // 0, 1, 2 and 3 were missed
  EXPECT_EQ(f.next_open(rng), 5.0);
  EXPECT_TRUE(f.after_restart(7.0, rng).empty());  // its six requests are done
}

TEST(ServerPicker, RoundRobinVisitsEveryReplicaInTurn) {
  Rng rng(4, "rr");
  ServerPicker picker(ServerChoice::RoundRobin, 3, 0, rng);
  const size_t first = picker.pick(rng);
  EXPECT_EQ(picker.pick(rng), (first + 1) % 3);
  EXPECT_EQ(picker.pick(rng), (first + 2) % 3);
  EXPECT_EQ(picker.pick(rng), first);
}

TEST(ServerPicker, FixedAlwaysPicksItsReplicaAndRandomReachesAll) {
  Rng rng(4, "f");
  ServerPicker fixed(ServerChoice::Fixed, 4, 2, rng);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(fixed.pick(rng), 2u);
  ServerPicker random(ServerChoice::Random, 4, 0, rng);
  std::vector<int> hits(4, 0);
  for (int i = 0; i < 4000; ++i) ++hits[random.pick(rng)];
  for (int h : hits) EXPECT_NEAR(h, 1000, 150);
  EXPECT_THROW(ServerPicker(ServerChoice::Fixed, 2, 5, rng), std::invalid_argument);
}

}  // namespace buslab
