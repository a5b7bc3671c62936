#include "sim/cli/progress_line.hpp"

#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

namespace buslab::cli {

namespace {

bool drawn = false;

std::string seconds(double s) {
  if (s < 60) return fmt::format("{:.1f} s", s);
  if (s < 3600) return fmt::format("{:.0f} min {:02.0f} s", std::floor(s / 60), s - 60 * std::floor(s / 60));
  return fmt::format("{:.1f} h", s / 3600);
}

std::string count(uint64_t n) {
  if (n < 10000) return fmt::format("{}", n);
  if (n < 10000000) return fmt::format("{:.0f}k", static_cast<double>(n) / 1e3);
  return fmt::format("{:.1f}M", static_cast<double>(n) / 1e6);
}

}  // namespace

std::string progress_text(const RunProgress& p) {
  std::string text;
  if (p.sim_time < p.load_end) {
    text = fmt::format("simulated {} of {}", seconds(p.sim_time), seconds(p.load_end));
  } else {
    text = fmt::format("draining: simulated {} (at most {})", seconds(p.sim_time), seconds(p.drain_end));
  }
  text += fmt::format(" | {} messages | wall {}", count(p.messages), seconds(p.wall_seconds));
  // At this pace, the load's end (the drain is usually short, and cannot be foreseen).
  if (p.sim_time > 0 && p.sim_time < p.load_end)
    text += fmt::format(" | about {} left", seconds(p.wall_seconds * (p.load_end / p.sim_time - 1.0)));
  return text;
}

std::function<void(const RunProgress&)> terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  return [](const RunProgress& p) {
    std::cerr << "\r\033[K" << progress_text(p) << std::flush;
    drawn = true;
  };
}

void clear_progress_line() {
  if (drawn) std::cerr << "\r\033[K" << std::flush;
  drawn = false;
}

}  // namespace buslab::cli
