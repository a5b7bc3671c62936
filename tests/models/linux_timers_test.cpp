// When Linux's timer wheel fires a timer (HZ = 250), computed by hand from kernel/time/timer.c (calc_wheel_index,
// calc_index): a delta under 63 jiffies fires the jiffy after its expiry; 63 to 503 jiffies at the next multiple of 8
// past its expiry; 504 to 4031 at the next multiple of 64; 4032 and more at the next multiple of 512. And the schedule
// of a half-open connection's tries.
#include <gtest/gtest.h>

#include "models/rpc/linux_timers.hpp"
#include "models/rpc/listen_queue.hpp"

namespace buslab {

namespace {

double jiffies(int64_t n) {
  return static_cast<double>(n) * kLinuxJiffy;
}

}  // namespace

TEST(LinuxTimers, ANearTimerFiresTheJiffyAfterItsExpiry) {
  EXPECT_DOUBLE_EQ(linux_timer_fires(0.0, 0.2), jiffies(51));
  // 12.3 ms is jiffy 3: the timer counts from that tick.
  EXPECT_DOUBLE_EQ(linux_timer_fires(0.0123, 0.2), jiffies(54));
}

TEST(LinuxTimers, ASecondAwayWaitsForTheNextMultipleOf32Ms) {
  // 250 jiffies: expiry 250, level 1, fires at (250 / 8 + 1) * 8 = 256.
  EXPECT_DOUBLE_EQ(linux_timer_fires(0.0, 1.0), jiffies(256));
  // A SYN dropped 12.3 ms later retries at the very same tick: 253 -> 256.
  EXPECT_DOUBLE_EQ(linux_timer_fires(0.0123, 1.0), jiffies(256));
  // ... one dropped 30 ms later does not: jiffy 7 + 250 = 257 -> 264.
  EXPECT_DOUBLE_EQ(linux_timer_fires(0.030, 1.0), jiffies(264));
  // 2 s (500 jiffies) is still level 1: 256 + 500 = 756 -> 760.
  EXPECT_DOUBLE_EQ(linux_timer_fires(jiffies(256), 2.0), jiffies(760));
}

TEST(LinuxTimers, FarTimersWaitForCoarserMultiples) {
  // 4 s: 1,000 jiffies, level 2 (multiples of 64): 760 + 1000 = 1760 -> 1792.
  EXPECT_DOUBLE_EQ(linux_timer_fires(jiffies(760), 4.0), jiffies(1792));
  // 32 s: 8,000 jiffies, level 3 (multiples of 512): 7872 + 8000 = 15872 -> 16384.
  EXPECT_DOUBLE_EQ(linux_timer_fires(jiffies(7872), 32.0), jiffies(16384));
}

TEST(ListenQueue, AHalfOpenConnectionTriesAtEachRetransmissionThenIsGivenUp) {
  ListenQueue queue(6);
  auto request = std::make_unique<Message>();
  request->id = 7;
  const uint64_t key = queue.hold(std::move(request), 0.0);
  EXPECT_EQ(queue.size(), 1u);
  // The client's retransmissions (200 ms, doubling) and the server's SYN-ACKs (1 s, doubling), merged; each on the
  // timer wheel (LinuxTimers above): client 51, 152 (51 + 100 -> 152), 360 (152 + 200 -> 360), 768 (360 + 400);
  // SYN-ACK 256, 760.
  const std::vector<int64_t> expected = {51, 152, 256, 360, 760, 768};
  for (int64_t at : expected) EXPECT_DOUBLE_EQ(queue.next_try(key), jiffies(at));
  // Once the SYN-ACK is given up (5 retransmissions: 1.024, 3.04, 7.168, 15.36, 31.488 s; the next expiry, 65.536 s)
  // the connection is gone.
  double last = 0.0;
  for (;;) {
    const double at = queue.next_try(key);
    if (at < 0) break;
    EXPECT_GT(at, last);
    last = at;
  }
  EXPECT_LT(last, jiffies(16384));
  EXPECT_EQ(queue.release(key)->id, 7u);
  EXPECT_EQ(queue.size(), 0u);
}

TEST(ListenQueue, RoomIsCountedAgainstItsSlots) {
  EXPECT_TRUE(ListenQueue(6).has_room(5));
  EXPECT_FALSE(ListenQueue(6).has_room(6));
  EXPECT_TRUE(ListenQueue(0).has_room(1000));  // no limit modelled
}

}  // namespace buslab
