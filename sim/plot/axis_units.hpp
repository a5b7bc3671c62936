#pragma once
// Words and units for chart axes: a timeseries.csv column or a metric name said in words ("latency_p99_s" ->
// "latency p99 of the calls completed"), and a time scaled to a unit its values read well in (ms for 0.04 s).
#include <string>

namespace buslab::plot {

struct TimeUnit {
  double factor = 1;  // multiply seconds by this
  std::string name;   // "s", "ms", "µs"
};

// The unit in which the largest magnitude `max_seconds` reads between 1 and 1000 (s at and above 1 s).
TimeUnit time_unit_for(double max_seconds);

// Whether a timeseries.csv column holds seconds ("latency_p99_s"; not the bounds, not "throughput_per_s").
bool column_is_seconds(const std::string& column);

// A timeseries.csv column in words, for titles and axes; a column it does not know, as it is.
std::string column_words(const std::string& column);

// A metric as `buslab check` names it ("latency.p99", "dropped.unroutable"), in words ("latency p99").
std::string metric_words(const std::string& metric);

}  // namespace buslab::plot
