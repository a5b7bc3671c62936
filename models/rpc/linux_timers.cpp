#include "models/rpc/linux_timers.hpp"

#include <cmath>
#include <cstdint>

namespace buslab {

namespace {

// The wheel's geometry (kernel/time/timer.c): 64 buckets per level, each level 8 times coarser than the one below.
constexpr int kLevelClockShift = 3;
constexpr int64_t kLevelSize = 64;
constexpr int kLevels = 9;

// The first delta, in jiffies, that a level holds (LVL_START).
constexpr int64_t level_start(int level) {
  return (kLevelSize - 1) << ((level - 1) * kLevelClockShift);
}

}  // namespace

double linux_timer_fires(double now, double delay) {
  // jiffies now, and the timer's delta: msecs_to_jiffies rounds up.
  const auto now_j = static_cast<int64_t>(std::floor(now / kLinuxJiffy));
  const auto delta = static_cast<int64_t>(std::ceil(delay / kLinuxJiffy - 1e-9));
  const int64_t expires = now_j + (delta > 0 ? delta : 1);
  int level = 0;
  while (level + 1 < kLevels && delta >= level_start(level + 1)) ++level;
  // calc_index: a timer fires at the next multiple of its level's granularity past its expiry (never early, even
  // when armed at the edge of a tick): level 0, the jiffy after.
  const int shift = level * kLevelClockShift;
  const int64_t fires = ((expires >> shift) + 1) << shift;
  return static_cast<double>(fires) * kLinuxJiffy;
}

}  // namespace buslab
