#include "sim/plot/axis_units.hpp"

#include <cmath>
#include <map>

namespace buslab::plot {

TimeUnit time_unit_for(double max_seconds) {
  const double m = std::fabs(max_seconds);
  if (!(m > 0) || m >= 1) return {1, "s"};
  if (m >= 1e-3) return {1e3, "ms"};
  return {1e6, "µs"};
}

bool column_is_seconds(const std::string& column) {
  const auto ends = [&](const std::string& suffix) {
    return column.size() > suffix.size() && column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends("_s") && !ends("_per_s") && column != "t_start_s" && column != "t_end_s";
}

std::string column_words(const std::string& column) {
  static const std::map<std::string, std::string> words = {
      {"started", "calls started"},
      {"completed", "calls completed"},
      {"handled", "requests handled"},
      {"throughput_per_s", "throughput (per second)"},
      {"latency_p50_s", "latency p50"},
      {"latency_p99_s", "latency p99"},
      {"latency_max_s", "latency max"},
      {"timed_out", "calls timed out"},
      {"failed", "calls failed"},
      {"busy_mean", "busy workers (mean)"},
      {"busy_max", "busy workers (max)"},
      {"backlog_mean", "requests waiting in the executor (mean)"},
      {"backlog_max", "requests waiting in the executor (max)"},
      {"held_mean", "deliveries held unacknowledged (mean)"},
      {"held_max", "deliveries held unacknowledged (max)"},
      {"ready_mean", "messages ready in the queue (mean)"},
      {"ready_max", "messages ready in the queue (max)"},
      {"unacked_mean", "messages unacknowledged (mean)"},
      {"unacked_max", "messages unacknowledged (max)"},
      {"cpu_use", "broker CPU use (share of its cores)"},
      {"ops_waiting_mean", "broker operations waiting for a core (mean)"},
      {"ops_waiting_max", "broker operations waiting for a core (max)"},
  };
  const auto it = words.find(column);
  if (it != words.end()) return it->second;
  if (column.rfind("failed_", 0) == 0) return "calls failed: " + column.substr(7);
  return column;
}

std::string metric_words(const std::string& metric) {
  std::string words = metric;
  for (char& c : words)
    if (c == '.' || c == '_') c = ' ';
  return words;
}

}  // namespace buslab::plot
