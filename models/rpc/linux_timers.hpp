#pragma once
// When a Linux kernel timer set `delay` seconds from `now` fires: TCP's retransmission timers (a SYN nobody
// answered, a request whose handshake fell into a full accept queue) run on the kernel's timer wheel, in jiffies
// (HZ = 250 on Debian's kernels: 4 ms). Since Linux 4.8 the wheel fires a timer at the next multiple of its level's
// granularity past its expiry: under 63 jiffies (252 ms) away, the jiffy after; up to 2 s away, the next multiple of
// 8 jiffies (32 ms); up to 16 s, of 64 (256 ms); and so on (kernel/time/timer.c, calc_wheel_index). So clients whose
// SYNs a server dropped within the same few milliseconds all send their retry at one and the same instant
// (docs/semantics.md 4.1).
namespace buslab {

inline constexpr double kLinuxJiffy = 1.0 / 250.0;

// The simulated time at which the timer fires (> now for delay > 0; jiffies counted from t = 0).
double linux_timer_fires(double now, double delay);

}  // namespace buslab
