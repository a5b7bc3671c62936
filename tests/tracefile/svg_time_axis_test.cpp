// The SVG export's time axes: linear for a range; for a call tree, a row per instant, gaps given room in proportion
// up to a cap, and waits longer than a twentieth of the whole cut out (hand-computed positions).
#include <gtest/gtest.h>

#include "tracefile/svg_time_axis.hpp"

namespace buslab::tracefile {
namespace {

using Axis = SvgTimeAxis;

TEST(SvgTimeAxis, LinearMapsTheRangeOntoItsHeight) {
  const Axis axis = Axis::linear(1.0, 3.0, 100, 200);
  EXPECT_TRUE(axis.is_linear());
  EXPECT_DOUBLE_EQ(axis.y(1.0), 100);
  EXPECT_DOUBLE_EQ(axis.y(2.0), 200);
  EXPECT_DOUBLE_EQ(axis.y(3.5), 350);  // past the end, at the same slope
  EXPECT_TRUE(axis.breaks().empty());
}

// Instants a microsecond apart, then a long wait: each of the close ones on a row of its own (a linear axis over
// the second would put them 0.0003 px apart), the wait cut out.
TEST(SvgTimeAxis, EveryInstantHasARowOfItsOwn) {
  const Axis axis = Axis::event_spaced({0.0, 1e-6, 2e-6, 1.0}, 100);
  EXPECT_FALSE(axis.is_linear());
  ASSERT_EQ(axis.rows().size(), 4u);
  // cut = 0.05 s; the first two gaps add 1e-6 * 60 / 0.05 = 0.0012 px to a row each; the last is cut out.
  EXPECT_DOUBLE_EQ(axis.rows()[0], 100);
  EXPECT_NEAR(axis.rows()[1], 116.0012, 1e-9);
  EXPECT_NEAR(axis.rows()[2], 132.0024, 1e-9);
  EXPECT_NEAR(axis.rows()[3], 132.0024 + Axis::kBreak, 1e-9);
  for (size_t i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(axis.y(axis.instants()[i]), axis.rows()[i]);
  ASSERT_EQ(axis.breaks().size(), 1u);
  EXPECT_DOUBLE_EQ(axis.breaks()[0].t0, 2e-6);
  EXPECT_DOUBLE_EQ(axis.breaks()[0].t1, 1.0);
}

// Over 10 s the cut is 0.5 s: gaps of 0.1 and 0.2 s get 12 and 24 px besides their row (60 px for 0.5 s), the
// 9.7 s one is cut out; and 0.5 s exactly is kept, with the full 60.
TEST(SvgTimeAxis, GapsGetRoomInProportionUpToTheCut) {
  const Axis axis = Axis::event_spaced({0.0, 0.1, 0.3, 10.0}, 0);
  EXPECT_NEAR(axis.rows()[1] - axis.rows()[0], 16 + 12, 1e-9);
  EXPECT_NEAR(axis.rows()[2] - axis.rows()[1], 16 + 24, 1e-9);
  EXPECT_NEAR(axis.rows()[3] - axis.rows()[2], Axis::kBreak, 1e-9);
  const Axis kept = Axis::event_spaced({0.0, 0.5, 10.0}, 0);
  EXPECT_NEAR(kept.rows()[1] - kept.rows()[0], 16 + 60, 1e-9);
  EXPECT_EQ(kept.breaks().size(), 1u);
  // Between two rows an instant falls in proportion (a fault inside a gap).
  EXPECT_NEAR(axis.y(0.2), (axis.rows()[1] + axis.rows()[2]) / 2, 1e-9);
}

TEST(SvgTimeAxis, RepeatsShareARowAndAHeightScalesTheWhole) {
  const Axis axis = Axis::event_spaced({3.0, 1.0, 1.0, 2.0}, 100, 500);
  EXPECT_EQ(axis.instants(), (std::vector<double>{1.0, 2.0, 3.0}));
  EXPECT_DOUBLE_EQ(axis.top(), 100);
  EXPECT_DOUBLE_EQ(axis.bottom(), 600);
  EXPECT_LT(axis.y(1.0), axis.y(2.0));
  EXPECT_LT(axis.y(2.0), axis.y(3.0));
}

TEST(SvgTimeAxis, OneInstantStillGivesAnAxis) {
  const Axis axis = Axis::event_spaced({4.0, 4.0}, 10);
  EXPECT_DOUBLE_EQ(axis.y(4.0), 10);
  EXPECT_GT(axis.bottom(), axis.top());
}

}  // namespace
}  // namespace buslab::tracefile
