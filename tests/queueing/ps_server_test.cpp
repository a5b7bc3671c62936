// Processor sharing against completion times computed by hand: with k jobs on n cores each job gets min(1, n/k) of
// a core.
#include "sim/queueing/ps_server.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace buslab::queueing {
namespace {

// Runs the server until it is empty; the time and tag of each completion.
std::vector<std::pair<double, uint64_t>> run_out(PsServer& ps) {
  std::vector<std::pair<double, uint64_t>> ends;
  std::vector<PsServer::Job> done;
  for (double t = ps.next_completion(); ps.in_service() > 0; t = ps.next_completion()) {
    ps.take_done(t, done);
    for (const auto& job : done) ends.emplace_back(t, job.tag);
  }
  return ends;
}

TEST(PsServer, OneCoreSharedEquallyThenAlone) {
  // Jobs of 2 and 1 units on one core of speed 1: each at 1/2 until the short one ends at t=2 (1 unit at 1/2 per
  // second); the long one then has 1 unit left at full speed: t=3.
  PsServer ps(1, 1.0);
  ps.add(0, 2.0, 0, 1);
  ps.add(0, 1.0, 0, 2);
  const auto ends = run_out(ps);
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_DOUBLE_EQ(ends[0].first, 2.0);
  EXPECT_EQ(ends[0].second, 2u);
  EXPECT_DOUBLE_EQ(ends[1].first, 3.0);
}

TEST(PsServer, ArrivalInTheMiddleSlowsTheFirst) {
  // A (1 unit) alone from 0 to 0.5 does half its work; with B (1 unit, from 0.5) both run at 1/2: A ends at 1.5;
  // B has done 0.5 by then and does the rest alone: 2.0.
  PsServer ps(1, 1.0);
  ps.add(0, 1.0, 0, 1);
  ps.add(0.5, 1.0, 0, 2);
  const auto ends = run_out(ps);
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_DOUBLE_EQ(ends[0].first, 1.5);
  EXPECT_DOUBLE_EQ(ends[1].first, 2.0);
}

TEST(PsServer, NCoresGiveEachJobAtMostOneCore) {
  // 2 cores of 10 units/s, jobs of 10, 20 and 30 units at t=0: three jobs share 2 cores, 20/3 units/s each, until
  // the first ends (10 units: t=1.5); then two jobs, one core each (10/s): the second has 10 left (t=2.5), the
  // third 20, then alone on one core, never faster than one core: 10 more at t=2.5, 10 more at t=3.5.
  PsServer ps(2, 10.0);
  ps.add(0, 10.0, 0, 1);
  ps.add(0, 20.0, 0, 2);
  ps.add(0, 30.0, 0, 3);
  EXPECT_DOUBLE_EQ(ps.rate(), 20.0 / 3);
  const auto ends = run_out(ps);
  ASSERT_EQ(ends.size(), 3u);
  EXPECT_DOUBLE_EQ(ends[0].first, 1.5);
  EXPECT_DOUBLE_EQ(ends[1].first, 2.5);
  EXPECT_DOUBLE_EQ(ends[2].first, 3.5);
}

TEST(PsServer, FewerJobsThanCoresRunAtFullSpeed) {
  PsServer ps(4, 2.0);
  ps.add(0, 4.0, 0, 1);
  ps.add(1, 4.0, 0, 2);
  ps.add(1, 2.0, 0, 3);
  const auto ends = run_out(ps);
  ASSERT_EQ(ends.size(), 3u);
  EXPECT_DOUBLE_EQ(ends[0].first, 2.0);  // job 3: 2 units at 2/s from t=1
  EXPECT_DOUBLE_EQ(ends[1].first, 2.0);  // job 1: 4 units at 2/s from t=0
  EXPECT_DOUBLE_EQ(ends[2].first, 3.0);
}

TEST(PsServer, EqualJobsStartedTogetherEndTogetherInStartOrder) {
  PsServer ps(1, 1.0);
  for (uint64_t tag = 1; tag <= 3; ++tag) ps.add(0, 1.0, 0, tag);
  std::vector<PsServer::Job> done;
  const double t = ps.next_completion();
  EXPECT_DOUBLE_EQ(t, 3.0);
  ps.take_done(t, done);
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[0].tag, 1u);
  EXPECT_EQ(done[2].tag, 3u);
}

TEST(PsServer, RemovedJobsGiveTheirShareBack) {
  // Two jobs of 2 units on one core; at t=1 the owner of the first dies: the second has done 0.5 and does its
  // remaining 1.5 alone: t=2.5.
  PsServer ps(1, 1.0);
  ps.add(0, 2.0, 7, 1);
  ps.add(0, 2.0, 8, 2);
  ps.remove_owner(1.0, 7);
  EXPECT_EQ(ps.in_service(), 1);
  const auto ends = run_out(ps);
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_EQ(ends[0].second, 2u);
  EXPECT_DOUBLE_EQ(ends[0].first, 2.5);
}

}  // namespace
}  // namespace buslab::queueing
