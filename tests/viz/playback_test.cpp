#include <gtest/gtest.h>

#include <cmath>

#include "visualizer/playback.hpp"

namespace buslab::viz {
namespace {

TEST(Playback, PlaysAtItsSpeedAndStopsAtTheEnd) {
  Playback p;
  p.set_span(0, 1);
  p.set_speed(0.1);  // 0.1 simulated seconds per wall second
  EXPECT_FALSE(p.active());
  p.play();
  EXPECT_TRUE(p.active());
  EXPECT_DOUBLE_EQ(p.cursor(), 0);
  p.advance(2.0);
  EXPECT_NEAR(p.cursor(), 0.2, 1e-12);
  p.pause();
  p.advance(5.0);
  EXPECT_NEAR(p.cursor(), 0.2, 1e-12);
  p.play();
  p.advance(100);
  EXPECT_DOUBLE_EQ(p.cursor(), 1);
  EXPECT_FALSE(p.playing());
  p.play();  // at the end: starts over
  EXPECT_DOUBLE_EQ(p.cursor(), 0);
}

TEST(Playback, SeekShowsACursorStopHidesIt) {
  Playback p;
  p.set_span(0, 10);
  p.seek(4);
  EXPECT_TRUE(p.active());
  EXPECT_FALSE(p.playing());
  EXPECT_DOUBLE_EQ(p.cursor(), 4);
  p.seek(99);
  EXPECT_DOUBLE_EQ(p.cursor(), 10);
  p.stop();
  EXPECT_FALSE(p.active());
  p.set_speed(1e9);
  EXPECT_DOUBLE_EQ(p.speed(), Playback::kMaxSpeed);
}

TEST(Playback, StepsFindNeighbouringTimes) {
  const std::vector<double> times = {1, 2, 2, 5};
  EXPECT_EQ(next_time_after(times, 2), 5);
  EXPECT_EQ(next_time_after(times, 0), 1);
  EXPECT_TRUE(std::isnan(next_time_after(times, 5)));
  EXPECT_EQ(last_time_before(times, 5), 2);
  EXPECT_TRUE(std::isnan(last_time_before(times, 1)));
}

}  // namespace
}  // namespace buslab::viz
