#include <gtest/gtest.h>

#include <cmath>

#include "tracefile/time_format.hpp"

namespace buslab::tracefile {
namespace {

TEST(TimeTicks, UnitFollowsTheZoom) {
  EXPECT_STREQ(plan_ticks(0, 10, 1000).unit, "s");
  EXPECT_STREQ(plan_ticks(0, 0.010, 1000).unit, "ms");
  EXPECT_STREQ(plan_ticks(0, 10e-6, 1000).unit, "us");
  EXPECT_STREQ(plan_ticks(0, 10e-9, 1000).unit, "ns");
}

TEST(TimeTicks, StepsAreOneTwoFiveAndLabelsDoNotTouch) {
  const TickPlan p = plan_ticks(0, 10, 1000);
  EXPECT_DOUBLE_EQ(p.step, 1);
  EXPECT_EQ(p.majors.size(), 11u);
  EXPECT_EQ(tick_label(p.majors[3], p), "3 s");
  const TickPlan q = plan_ticks(2.5, 2.5 + 0.0037, 800);
  EXPECT_STREQ(q.unit, "ms");
  EXPECT_DOUBLE_EQ(q.step, 0.0005);
  EXPECT_EQ(tick_label(q.majors[0], q), "2500.0 ms");
  // Far from zero, long labels push ticks apart.
  const TickPlan far = plan_ticks(1000, 1000 + 1e-5, 1000);
  const double gap_px = far.step / 1e-5 * 1000;
  EXPECT_GE(gap_px, 7.0 * static_cast<double>(tick_label(far.majors.back(), far).size()));
}

TEST(TimeTicks, TicksLandOnMultiplesWithoutDrift) {
  const TickPlan p = plan_ticks(0.3, 0.9, 600);
  for (double t : p.majors) EXPECT_NEAR(std::remainder(t, p.step), 0, 1e-12);
  for (size_t i = 1; i < p.majors.size(); ++i) EXPECT_NEAR(p.majors[i] - p.majors[i - 1], p.step, 1e-12);
  EXPECT_FALSE(p.minors.empty());
  EXPECT_EQ(tick_label(0, plan_ticks(-1, 1, 500)), "0.0 s");
}

TEST(TimeFormat, DurationsHaveThreeSignificantDigits) {
  EXPECT_EQ(format_duration(0.0123), "12.3 ms");
  EXPECT_EQ(format_duration(1.2345), "1.23 s");
  EXPECT_EQ(format_duration(0.000456), "456 us");
  EXPECT_EQ(format_duration(40e-9), "40 ns");
  EXPECT_EQ(format_duration(0), "0 s");
  EXPECT_EQ(format_instant(0.079553616), "0.079553616 s");
  EXPECT_EQ(format_instant(2.5), "2.5 s");
  // To the precision a view needs: a 96-second view over ~1000 pixels, a 10 ms one, and a run's start.
  EXPECT_EQ(format_instant(95.505471496, 0.096), "95.51 s");
  EXPECT_EQ(format_instant(4.200123456, 1e-5), "4.20012 s");
  EXPECT_EQ(format_instant(-1e-12, 0.01), "0.00 s");
  EXPECT_EQ(format_instant(3, 2.0), "3 s");
}

TEST(TimeFormat, RangesWithUnits) {
  double a = 0, b = 0;
  std::string error;
  ASSERT_TRUE(parse_time_range("4.2:4.3", a, b, error));
  EXPECT_DOUBLE_EQ(a, 4.2);
  EXPECT_DOUBLE_EQ(b, 4.3);
  ASSERT_TRUE(parse_time_range("4200ms:4300000us", a, b, error));
  EXPECT_DOUBLE_EQ(a, 4.2);
  EXPECT_DOUBLE_EQ(b, 4.3);
  EXPECT_FALSE(parse_time_range("4.2", a, b, error));
  EXPECT_NE(error.find("expected T0:T1"), std::string::npos);
  EXPECT_FALSE(parse_time_range("5:4", a, b, error));
  EXPECT_NE(error.find("after the start"), std::string::npos);
  EXPECT_FALSE(parse_time_range("1:2min", a, b, error));
  EXPECT_NE(error.find("\"2min\" is not a time"), std::string::npos);
}

}  // namespace
}  // namespace buslab::tracefile
