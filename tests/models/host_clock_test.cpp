// Host clocks against readings computed by hand: offset, drift in ppm, NTP steps back to true time.
#include "models/core/host_clock.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace buslab {
namespace {

TEST(HostClock, AnUnskewedClockReadsTrueTime) {
  const HostClock clock;
  EXPECT_DOUBLE_EQ(clock.reading(0.0), 0.0);
  EXPECT_DOUBLE_EQ(clock.reading(1234.5), 1234.5);
  EXPECT_TRUE(std::isinf(clock.segment_at(10.0).end));
}

TEST(HostClock, AnOffsetShiftsEveryReading) {
  const HostClock ahead(ClockSpec{40.0, 0.0, 0.0});
  EXPECT_DOUBLE_EQ(ahead.reading(100.0), 140.0);
  const HostClock behind(ClockSpec{-37.74, 0.0, 0.0});
  EXPECT_NEAR(behind.reading(60.0), 22.26, 1e-12);
  EXPECT_NEAR(behind.error(5000.0), -37.74, 1e-12);
}

TEST(HostClock, DriftAddsMillionthsPerSecond) {
  // 50 ppm from -2 s: after 1000 s the clock has gained 50 ms.
  const HostClock clock(ClockSpec{-2.0, 50.0, 0.0});
  EXPECT_NEAR(clock.reading(1000.0), 998.05, 1e-9);
  EXPECT_NEAR(clock.error(86400.0), -2.0 + 4.32, 1e-9);  // a day at 50 ppm: 4.32 s
}

TEST(HostClock, NtpStepsTheClockToTrueTimeAtEachInterval) {
  // 40 s ahead, 100 ppm fast, NTP every 64 s.
  const HostClock clock(ClockSpec{40.0, 100.0, 64.0});
  EXPECT_NEAR(clock.reading(10.0), 50.001, 1e-9);
  EXPECT_NEAR(clock.reading(63.999), 104.0053999, 1e-9);    // 63.999 + 40 + 6.3999 ms
  EXPECT_DOUBLE_EQ(clock.reading(64.0), 64.0);              // stepped: the offset is gone
  EXPECT_NEAR(clock.reading(100.0), 100.0036, 1e-9);        // 36 s of drift since the step
  EXPECT_NEAR(clock.reading(128.0 + 50.0), 178.005, 1e-9);  // stepped again at 128
  const HostClock::Segment s = clock.segment_at(70.0);
  EXPECT_DOUBLE_EQ(s.start, 64.0);
  EXPECT_DOUBLE_EQ(s.end, 128.0);
  EXPECT_NEAR(s.reading(70.0), clock.reading(70.0), 1e-12);
}

TEST(HostClocks, HostsWithoutAClockReadTrueTime) {
  HostClocks clocks;
  clocks.set("compute1", ClockSpec{40.0, 0.0, 0.0});
  EXPECT_DOUBLE_EQ(clocks.reading("compute1", 20.0), 60.0);
  EXPECT_DOUBLE_EQ(clocks.reading("controller", 20.0), 20.0);
}

}  // namespace
}  // namespace buslab
