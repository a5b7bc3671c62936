#pragma once
// Times as people read them: ruler ticks that pick their unit (s, ms, us, ns) from the zoom, durations with three
// significant digits, and "T0:T1" ranges as typed on command lines.
#include <string>
#include <vector>

namespace buslab::tracefile {

struct TickPlan {
  double step = 1;        // seconds between labelled ticks: 1, 2 or 5 x 10^k
  double minor_step = 1;  // seconds between unlabelled ticks
  const char* unit = "s";
  double unit_seconds = 1;
  int decimals = 0;
  std::vector<double> majors;  // labelled tick times in [t0, t1]
  std::vector<double> minors;  // the others
};

// Ticks for [t0, t1] drawn over width_px pixels, spaced so that labels of char_px-wide characters never touch.
TickPlan plan_ticks(double t0, double t1, double width_px, double char_px = 7, double min_gap_px = 60);
std::string tick_label(double t, const TickPlan& plan);

// "12.3 ms", "1.24 s", "850 us", "40 ns": three significant digits.
std::string format_duration(double seconds);
// An instant to the nanosecond, trailing zeros trimmed: "0.079553616 s", "2.5 s".
std::string format_instant(double seconds);
// An instant to the precision a view needs, where `resolution` (seconds) is the smallest difference that matters
// (a pixel, say): "95.51 s" in a 96-second view, "4.20012 s" in a 10 ms one. Trailing zeros are kept, so that
// the two ends of a range line up.
std::string format_instant(double seconds, double resolution);

// Seconds as `buslab run` prints them in its table (and so as the visualizer's summaries do, so that the two read
// the same): "0", "850 us", "11.29 ms", "4.908 s".
std::string format_metric_seconds(double seconds);

// Parses "T0:T1" where each side is a number of seconds or a number with a unit (s, ms, us, ns), e.g.
// "4.2:4.3", "4200ms:4300ms". Returns false with a message naming the problem.
bool parse_time_range(const std::string& text, double& t0, double& t1, std::string& error);
bool parse_time(const std::string& text, double& seconds);

}  // namespace buslab::tracefile
