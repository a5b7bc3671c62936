#include "tracefile/time_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace buslab::tracefile {

namespace {

struct Unit {
  const char* name;
  double seconds;
};
constexpr Unit kUnits[] = {{"s", 1}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}};

// The unit ticks of this step are labelled in: seconds down to 0.1 s steps, then ms, us, ns.
const Unit& unit_for_step(double step) {
  if (step >= 0.1 - 1e-12) return kUnits[0];
  if (step >= 1e-4 - 1e-15) return kUnits[1];
  if (step >= 1e-7 - 1e-18) return kUnits[2];
  return kUnits[3];
}

int decimals_for(double step_in_unit) {
  return std::max(0, static_cast<int>(-std::floor(std::log10(step_in_unit) + 1e-9)));
}

// The k-th candidate step: 1, 2, 5 x 10^(k/3 - 9), from 1 ns up.
double candidate_step(int k) {
  constexpr double mantissa[] = {1, 2, 5};
  return mantissa[k % 3] * std::pow(10.0, k / 3 - 9);
}

}  // namespace

std::string tick_label(double t, const TickPlan& plan) {
  double value = t / plan.unit_seconds;
  if (std::fabs(value) < 1e-9 * plan.step / plan.unit_seconds) value = 0;  // no "-0"
  return fmt::format("{:.{}f} {}", value, plan.decimals, plan.unit);
}

TickPlan plan_ticks(double t0, double t1, double width_px, double char_px, double min_gap_px) {
  TickPlan plan;
  if (!(t1 > t0) || !(width_px > 1)) return plan;
  const double px_per_s = width_px / (t1 - t0);
  for (int k = 0; k < 3 * 22; ++k) {  // up to 5e12 s
    const double step = candidate_step(k);
    const Unit& unit = unit_for_step(step);
    plan.step = step;
    plan.unit = unit.name;
    plan.unit_seconds = unit.seconds;
    plan.decimals = decimals_for(step / unit.seconds);
    const double widest = std::max(std::fabs(t0), std::fabs(t1));
    const double label_px = static_cast<double>(tick_label(widest, plan).size() + 2) * char_px;
    if (step * px_per_s >= std::max(min_gap_px, label_px)) break;
  }
  const int mantissa =
      static_cast<int>(std::lround(plan.step / std::pow(10.0, std::floor(std::log10(plan.step) + 1e-9))));
  plan.minor_step = plan.step / (mantissa == 2 ? 4 : 5);
  // Integer multiples, so that ticks do not drift with rounding.
  const auto first = static_cast<long long>(std::ceil(t0 / plan.minor_step - 1e-9));
  const auto last = static_cast<long long>(std::floor(t1 / plan.minor_step + 1e-9));
  const auto per_major = static_cast<long long>(std::lround(plan.step / plan.minor_step));
  for (long long i = first; i <= last && i - first < 100000; ++i) {
    const double t = static_cast<double>(i) * plan.minor_step;
    (i % per_major == 0 ? plan.majors : plan.minors).push_back(t);
  }
  return plan;
}

std::string format_duration(double seconds) {
  if (std::isnan(seconds)) return "-";
  const double a = std::fabs(seconds);
  if (a == 0) return "0 s";
  const Unit& unit = a >= 1 ? kUnits[0] : a >= 1e-3 ? kUnits[1] : a >= 1e-6 ? kUnits[2] : kUnits[3];
  const double v = seconds / unit.seconds;
  const double av = std::fabs(v);
  const int decimals = unit.seconds == 1e-9 ? 0 : av >= 99.95 ? 0 : av >= 9.995 ? 1 : 2;
  return fmt::format("{:.{}f} {}", v, decimals, unit.name);
}

std::string format_instant(double seconds) {
  if (std::isnan(seconds)) return "-";
  std::string text = fmt::format("{:.9f}", seconds);
  const size_t dot = text.find('.');
  while (text.size() > dot + 2 && text.back() == '0') text.pop_back();
  return text + " s";
}

std::string format_instant(double seconds, double resolution) {
  if (std::isnan(seconds)) return "-";
  const int decimals = resolution > 0 && std::isfinite(resolution)
                           ? std::clamp(static_cast<int>(std::ceil(-std::log10(resolution) - 1e-9)), 0, 9)
                           : 9;
  // No "-0.00 s" for an instant a hair before zero.
  const double shown = std::fabs(seconds) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : seconds;
  return fmt::format("{:.{}f} s", shown, decimals);
}

std::string format_metric_seconds(double seconds) {
  if (std::isnan(seconds)) return "-";
  if (seconds == 0.0) return "0";
  if (seconds < 1e-3) return fmt::format("{:.0f} us", seconds * 1e6);
  if (seconds < 1.0) return fmt::format("{:.2f} ms", seconds * 1e3);
  return fmt::format("{:.3f} s", seconds);
}

bool parse_time(const std::string& text, double& seconds) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const double value = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(value)) return false;
  const std::string unit(end);
  if (unit.empty() || unit == "s") {
    seconds = value;
    return true;
  }
  for (const Unit& u : kUnits) {
    if (unit != u.name) continue;
    // "6.2ms" reads as the decimal 6.2e-3, the double nearest 0.0062 (6.2 * 1e-3 may miss it by an ulp).
    const std::string number(begin, static_cast<size_t>(end - begin));
    const int exponent = u.seconds == 1e-3 ? -3 : u.seconds == 1e-6 ? -6 : -9;
    if (number.find_first_of("eE") == std::string::npos)
      seconds = std::strtod((number + "e" + std::to_string(exponent)).c_str(), nullptr);
    else
      seconds = value * u.seconds;
    return true;
  }
  return false;
}

bool parse_time_range(const std::string& text, double& t0, double& t1, std::string& error) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos) {
    error = fmt::format("\"{}\": expected T0:T1, e.g. 4.2:4.3 or 4200ms:4300ms", text);
    return false;
  }
  const std::string a = text.substr(0, colon), b = text.substr(colon + 1);
  if (!parse_time(a, t0)) {
    error = fmt::format("\"{}\": \"{}\" is not a time (a number of seconds, or with s, ms, us, ns)", text, a);
    return false;
  }
  if (!parse_time(b, t1)) {
    error = fmt::format("\"{}\": \"{}\" is not a time (a number of seconds, or with s, ms, us, ns)", text, b);
    return false;
  }
  if (!(t1 > t0)) {
    error = fmt::format("\"{}\": the end must come after the start", text);
    return false;
  }
  return true;
}

}  // namespace buslab::tracefile
