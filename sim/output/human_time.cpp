#include "sim/output/human_time.hpp"

#include <cmath>

#include <fmt/format.h>

namespace buslab {

std::string human_seconds_within(double seconds, double half_width) {
  const double magnitude = std::fabs(seconds);
  if (magnitude < 1e-3) return fmt::format("{:.0f} \u00b1 {:.0f} us", seconds * 1e6, half_width * 1e6);
  if (magnitude < 1.0) return fmt::format("{:.2f} \u00b1 {:.2f} ms", seconds * 1e3, half_width * 1e3);
  return fmt::format("{:.3f} \u00b1 {:.3f} s", seconds, half_width);
}

std::string human_seconds(double seconds) {
  if (seconds == 0.0) return "0";
  if (seconds < 1e-3) return fmt::format("{:.0f} us", seconds * 1e6);
  if (seconds < 1.0) return fmt::format("{:.2f} ms", seconds * 1e3);
  if (seconds >= 1e6) return fmt::format("{:.4g} s", seconds);  // "1e+12 s", not thirteen digits and three decimals
  return fmt::format("{:.3f} s", seconds);
}

}  // namespace buslab
