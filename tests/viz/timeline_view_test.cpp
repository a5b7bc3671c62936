#include <gtest/gtest.h>

#include "visualizer/timeline_view.hpp"

namespace buslab::viz {
namespace {

TEST(TimelineView, FitShowsTheWholeSpanWithAMargin) {
  TimelineView v;
  v.set_bounds(2, 12);
  v.fit();
  EXPECT_LT(v.t0(), 2);
  EXPECT_GT(v.t1(), 12);
  EXPECT_NEAR(v.span(), 10.2, 1e-9);
}

TEST(TimelineView, FitStartsARunAtZeroNotBeforeIt) {
  TimelineView v;
  v.set_bounds(0, 10);
  v.fit();
  EXPECT_EQ(v.t0(), 0);  // no "-0.1 s" at the left edge of a fitted run
  EXPECT_GT(v.t1(), 10);
}

TEST(TimelineView, ZoomKeepsTheInstantUnderTheMouse) {
  TimelineView v;
  v.set_bounds(0, 10);
  v.set_range(0, 10);
  const double anchor = 2.5;
  const double x_before = v.x_of(anchor, 100, 1000);
  v.zoom_at(anchor, 0.5);
  EXPECT_NEAR(v.span(), 5, 1e-12);
  EXPECT_NEAR(v.x_of(anchor, 100, 1000), x_before, 1e-9);
  v.zoom_at(anchor, 2);
  EXPECT_NEAR(v.t0(), 0, 1e-12);
  EXPECT_NEAR(v.t1(), 10, 1e-12);
}

TEST(TimelineView, PixelsAndTimesRoundTrip) {
  TimelineView v;
  v.set_bounds(0, 1);
  v.set_range(0.25, 0.75);
  EXPECT_DOUBLE_EQ(v.x_of(0.5, 200, 800), 600);
  EXPECT_DOUBLE_EQ(v.t_of(600, 200, 800), 0.5);
}

TEST(TimelineView, ZoomAndPanStayWithinReason) {
  TimelineView v;
  v.set_bounds(0, 10);
  v.set_range(4, 5);
  for (int i = 0; i < 200; ++i) v.zoom_at(4.5, 0.5);
  EXPECT_GE(v.span(), TimelineView::kMinSpan * 0.999);
  for (int i = 0; i < 200; ++i) v.zoom_at(4.5, 2);
  EXPECT_LE(v.span(), 15 + 1e-9);  // at most 1.5 x the trace
  v.set_range(4, 5);
  v.pan(1000);
  EXPECT_LT(v.t0(), 10);  // part of the trace stays in view
  v.pan(-2000);
  EXPECT_GT(v.t1(), 0);
}

TEST(TimelineView, RevealPansOnlyWhenNeeded) {
  TimelineView v;
  v.set_bounds(0, 100);
  v.set_range(10, 20);
  v.reveal(12, 13);
  EXPECT_DOUBLE_EQ(v.t0(), 10);  // already visible: no move
  v.reveal(30, 31);
  EXPECT_GT(v.t1(), 31);
  EXPECT_NEAR(v.span(), 10, 1e-9);
  v.reveal(40, 80);  // wider than the view: zooms out
  EXPECT_LE(v.t0(), 40);
  EXPECT_GE(v.t1(), 80);
}

}  // namespace
}  // namespace buslab::viz
