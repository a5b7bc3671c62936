// nova's servicegroup DB driver (docs/semantics.md 3.1) against states worked out by hand: elapsed from the
// reader's clock and the writer's stamp, abs() against service_down_time, the 50-60 s a dead service stays up,
// skews either way, NTP steps, the down-time override, the column's whole seconds.
#include <gtest/gtest.h>

#include "models/servicegroup/liveness.hpp"
#include "models/servicegroup/report_loop.hpp"
#include "models/servicegroup/service_db.hpp"

namespace buslab {
namespace {

// A row written every 10 s from 5 s (nova's schedule), commits taking no time, the writer's clock `skew` ahead,
// until `last` (inclusive).
ServiceDatabase reporting_every_10s(double skew, double last, double precision = 1.0) {
  ServiceDatabase db;
  db.configure(precision, 10.0);
  const uint32_t id = db.add("nova-network", "compute1", "internal", false, false);
  db.started(id, 0.0, 0.0 + skew);
  for (double t = 5.0; t <= last; t += 10.0) db.write(id, t, t + skew, t);
  return db;
}

TEST(ServiceGroup, DownTimeNotAboveTheIntervalIsRaisedAsNovaDoes) {
  EXPECT_DOUBLE_EQ(effective_down_time(60.0, 10.0), 60.0);
  EXPECT_DOUBLE_EQ(effective_down_time(10.0, 10.0), 25.0);  // int(2.5 * 10)
  EXPECT_DOUBLE_EQ(effective_down_time(3.0, 3.0), 7.0);     // int(7.5)
  EXPECT_DOUBLE_EQ(effective_down_time(5.0, 3.0), 5.0);     // above the interval: kept
}

TEST(ServiceGroup, IsUpComparesTheAbsoluteElapsedTime) {
  EXPECT_TRUE(is_up(100.0, 40.0, 60.0, false));    // elapsed 60: still up (<=)
  EXPECT_FALSE(is_up(100.5, 40.0, 60.0, false));   // 60.5
  EXPECT_TRUE(is_up(100.0, 137.74, 60.0, false));  // -37.74: the seed's negative elapsed, up thanks to abs()
  EXPECT_FALSE(is_up(100.0, 170.0, 60.0, false));  // -70: a live service shown down
  EXPECT_FALSE(is_up(100.0, 100.0, 60.0, true));   // forced_down wins
}

TEST(ServiceGroup, TheColumnKeepsWholeSeconds) {
  ServiceDatabase db;
  db.configure(1.0, 10.0);
  EXPECT_DOUBLE_EQ(db.stored(12.7), 12.0);
  EXPECT_DOUBLE_EQ(db.stored(-0.3), -1.0);
  db.configure(0.0, 10.0);
  EXPECT_DOUBLE_EQ(db.stored(12.7), 12.7);
}

TEST(ServiceGroup, AWriterClockAheadGivesANegativeElapsedYetUp) {
  // Stamps from a clock 40 s ahead, read on an exact clock 2.26 s after the 55 s report: 57.26 - 95.
  const ServiceDatabase db = reporting_every_10s(40.0, 55.0);
  const RowView v = view_at(db.row(1), HostClock(), 60.0, 57.26);
  EXPECT_TRUE(v.exists && v.reported);
  EXPECT_DOUBLE_EQ(v.updated_at, 95.0);
  EXPECT_NEAR(v.elapsed, -37.74, 1e-9);
  EXPECT_TRUE(v.up);
  EXPECT_EQ(v.report_count, 6u);
  // Up from the creation on (|0 - 40| <= 60) and never down.
  const auto changes = state_changes(db.row(1), HostClock(), 60.0, 60.0);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].up);
}

TEST(ServiceGroup, ASkewBeyondTheDownTimeShowsALiveServiceDown) {
  const ServiceDatabase db = reporting_every_10s(70.0, 95.0);
  const auto changes = state_changes(db.row(1), HostClock(), 60.0, 100.0);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_FALSE(changes[0].up);
  EXPECT_NEAR(view_at(db.row(1), HostClock(), 60.0, 97.0).elapsed, -68.0, 1e-9);
}

TEST(ServiceGroup, AReaderBehindSeesTheSameAsAWriterAhead) {
  const ServiceDatabase db = reporting_every_10s(0.0, 95.0);
  const HostClock behind(ClockSpec{-70.0, 0.0, 0.0});
  EXPECT_FALSE(view_at(db.row(1), behind, 60.0, 97.0).up);
  EXPECT_DOUBLE_EQ(view_at(db.row(1), behind, 60.0, 97.0).elapsed, 97.0 - 70.0 - 95.0);
}

TEST(ServiceGroup, ADeadServiceStaysUpUntilItsLastReportIsServiceDownTimeOld) {
  // Reports at 5, 15, 25; dies at 27; the reader sees 25 until its clock reads 85: up 58 s after the death.
  ServiceDatabase db = reporting_every_10s(0.0, 25.0);
  db.died(1, 27.0);
  const auto changes = state_changes(db.row(1), HostClock(), 60.0, 200.0);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_TRUE(changes[0].up);
  EXPECT_DOUBLE_EQ(changes[1].t, 85.0);
  EXPECT_FALSE(changes[1].up);
  EXPECT_DOUBLE_EQ(longest_up_while_dead(db.row(1), changes, 200.0), 58.0);
  // A restart at 50 ends the time it was shown up while dead.
  db.started(1, 50.0, 50.0);
  EXPECT_DOUBLE_EQ(longest_up_while_dead(db.row(1), changes, 200.0), 23.0);
}

TEST(ServiceGroup, AStampInTheFutureComesUpOnceTheReaderCatchesUp) {
  // One report stamped 100 at 0 (a clock 100 s ahead): up while t - 100 is within [-60, 60].
  ServiceDatabase db;
  db.configure(0.0, 10.0);
  db.add("nova-cert", "h", "internal", false, false);
  db.started(1, 0.0, 100.0);
  const auto changes = state_changes(db.row(1), HostClock(), 60.0, 200.0);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_FALSE(changes[0].up);
  EXPECT_DOUBLE_EQ(changes[1].t, 40.0);
  EXPECT_TRUE(changes[1].up);
  EXPECT_DOUBLE_EQ(changes[2].t, 160.0);
  EXPECT_FALSE(changes[2].up);
}

TEST(ServiceGroup, AFastReaderClockDeclaresDeathEarlier) {
  // Last heartbeat stamped 0 at 0; a reader 1000 ppm fast reads 60 at 60 / 1.001 s.
  ServiceDatabase db;
  db.configure(0.0, 10.0);
  db.add("nova-cert", "h", "internal", false, false);
  db.started(1, 0.0, 0.0);
  const auto changes = state_changes(db.row(1), HostClock(ClockSpec{0.0, 1000.0, 0.0}), 60.0, 100.0);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_NEAR(changes[1].t, 60.0 / 1.001, 1e-9);
}

TEST(ServiceGroup, AnNtpStepOfTheReaderChangesTheVerdict) {
  // Reader 70 s behind, NTP every 64 s; heartbeat stamped 0 at 0. Before the step it reads t - 70: up from 10;
  // at 64 it is stepped to 64, more than 60 after the heartbeat: down.
  ServiceDatabase db;
  db.configure(0.0, 10.0);
  db.add("nova-cert", "h", "internal", false, false);
  db.started(1, 0.0, 0.0);
  const auto changes = state_changes(db.row(1), HostClock(ClockSpec{-70.0, 0.0, 64.0}), 60.0, 100.0);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_FALSE(changes[0].up);
  EXPECT_DOUBLE_EQ(changes[1].t, 10.0);
  EXPECT_DOUBLE_EQ(changes[2].t, 64.0);
  EXPECT_FALSE(changes[2].up);
}

TEST(ServiceGroup, ForcedDownIsDownWhateverTheHeartbeats) {
  ServiceDatabase db;
  db.configure(1.0, 10.0);
  db.add("nova-compute", "compute1", "nova", false, true);
  db.started(1, 0.0, 0.0);
  db.write(1, 5.0, 5.0, 5.0);
  const auto changes = state_changes(db.row(1), HostClock(), 60.0, 30.0);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_FALSE(changes[0].up);
  EXPECT_FALSE(view_at(db.row(1), HostClock(), 60.0, 6.0).up);
}

TEST(ServiceGroup, ALateReportIsOneCommittedAfterTheNextWasDue) {
  ServiceDatabase db;
  db.configure(1.0, 10.0);
  db.add("nova-compute", "compute1", "nova", false, false);
  db.started(1, 0.0, 0.0);
  db.write(1, 5.2, 5.2, 5.0);     // 0.2 s
  db.write(1, 35.0, 35.0, 15.0);  // 20 s after it began: late
  EXPECT_EQ(db.row(1).reports_late, 1u);
  EXPECT_EQ(db.row(1).report_count, 2u);
  EXPECT_DOUBLE_EQ(longest_report_gap(db.row(1), 40.0), 35.0 - 5.2);
  // The same (binary, host) is one row.
  EXPECT_EQ(db.add("nova-compute", "compute1", "nova", false, false), 1u);
}

TEST(ServiceGroup, ReportsFollowAFixedIntervalFromTheStartOfTheLast) {
  ReportLoop loop(ReportPlan{1, "compute1", 10.0, 5.0, true, 0.0, 0.0, "controller"});
  EXPECT_DOUBLE_EQ(loop.first_due(0.0), 5.0);
  loop.begin(5.0);
  EXPECT_DOUBLE_EQ(loop.next_due(5.3), 15.0);  // a quick report: 10 s after the last began
  loop.begin(15.0);
  EXPECT_DOUBLE_EQ(loop.next_due(75.0), 75.0);  // a report that timed out after 60 s: the next at once
}

}  // namespace
}  // namespace buslab
