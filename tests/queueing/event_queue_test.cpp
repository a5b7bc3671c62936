#include "sim/queueing/event_queue.hpp"

#include <gtest/gtest.h>

#include <random>

namespace buslab::queueing {
namespace {

TEST(EventQueue, TimeOrderThenScheduleOrder) {
  EventQueue q;
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> when(0, 20);
  for (uint64_t i = 0; i < 2000; ++i) q.push(when(rng) * 0.5, EventKind::Timer, 0, i);
  Event last = q.pop();
  while (!q.empty()) {
    const Event e = q.pop();
    ASSERT_TRUE(e.t > last.t || (e.t == last.t && e.seq > last.seq));
    if (e.t == last.t) {
      EXPECT_GT(e.data, last.data);  // pushed later at the same time: comes later
    }
    last = e;
  }
}

TEST(EventQueue, CompactionDropsTheDeadAndKeepsTheOrder) {
  EventQueue q;
  for (uint64_t i = 0; i < 10000; ++i) q.push(static_cast<double>(i % 97), EventKind::Timer, 0, i);
  for (int i = 0; i < 7500; ++i) q.count_dead();
  ASSERT_TRUE(q.should_compact());
  q.compact([](const Event& e) { return e.data % 4 == 0; });
  EXPECT_EQ(q.size(), 2500u);
  EXPECT_EQ(q.dead(), 0u);
  Event last = q.pop();
  while (!q.empty()) {
    const Event e = q.pop();
    EXPECT_EQ(e.data % 4, 0u);
    ASSERT_TRUE(e.t > last.t || (e.t == last.t && e.seq > last.seq));
    last = e;
  }
}

}  // namespace
}  // namespace buslab::queueing
