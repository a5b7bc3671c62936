#include "sim/output/report_columns.hpp"

#include <cmath>

#include <fmt/format.h>

#include "sim/output/human_time.hpp"

namespace buslab::run_report {

// A metric's value: a number for one run, the mean of a replicated one's summary (metrics_replicated.hpp).
double value_of(const Json& v) {
  if (v.is_object()) return v.at("mean").get<double>();
  return v.get<double>();
}

// Half the 95% confidence interval of a replicated value; nullopt for one run's.
std::optional<double> half_width_of(const Json& v) {
  if (!v.is_object() || !v.contains("ci95")) return std::nullopt;
  return (v["ci95"][1].get<double>() - v["ci95"][0].get<double>()) / 2.0;
}

std::string number_text(double x) {
  return x == std::floor(x) ? fmt::format("{:.0f}", x) : fmt::format("{:.1f}", x);
}

// A count: "11942", or over replications "11942 ± 31" (mean and half-width of the 95% interval).
std::string count_text(const Json& v) {
  const auto half = half_width_of(v);
  if (!half) return fmt::format("{}", v.get<uint64_t>());
  const double mean = value_of(v);
  if (*half == 0.0) return number_text(mean);  // the same in every replication
  if (mean >= 100.0) return fmt::format("{:.0f} \u00b1 {:.0f}", mean, *half);
  return fmt::format("{:.1f} \u00b1 {:.1f}", mean, *half);
}

std::string time_text(const Json& v) {
  const auto half = half_width_of(v);
  return half && *half > 0 ? human_seconds_within(value_of(v), *half) : human_seconds(value_of(v));
}

std::string percent(const Json& v) {
  const auto half = half_width_of(v);
  if (!half || *half == 0.0) return fmt::format("{:.0f}%", value_of(v) * 100.0);
  return fmt::format("{:.0f}\u00b1{:.0f}%", value_of(v) * 100.0, *half * 100.0);
}

double count_of(const Json* item, const char* key) {
  return value_of(item->at(key));
}

std::string count_cell(const Json* item, const char* key) {
  return count_text(item->at(key));
}

bool flag_of(const Json& v) {
  return v.is_object() ? v.at("all").get<bool>() : v.get<bool>();
}

}  // namespace buslab::run_report
