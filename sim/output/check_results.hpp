#pragma once
// `buslab check`: a run's results against an EXPECTED file (expected_file.hpp), metric by metric, entities
// matched by name (docs/check.md). Plain functions over parsed metrics; the command in sim/cli/check_command.cpp
// reads the files and maps the outcome to exit codes.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/output/expected_file.hpp"
#include "sim/output/metric_paths.hpp"

namespace buslab {

enum class Verdict {
  Regression,  // moved beyond its tolerance
  Missing,     // the result has no such metric (its run or entity is gone, or the metric is)
  NoInterval,  // `±ci` on a result without replications
  Ok,
};

struct CheckRow {
  Verdict verdict = Verdict::Ok;
  ExpectedEntry expected;
  std::optional<MetricPoint> got;
  std::string note;  // why it is missing, or what is off
};

struct CheckReport {
  std::vector<CheckRow> rows;      // failures first (regressions, missing, no interval), then the rest, file order
  std::vector<std::string> extra;  // entities and runs the result has and EXPECTED does not name
  size_t failures() const;
};

// Compares `expected` with every run's flattened metrics.
CheckReport check_results(const ExpectedFile& expected, const std::vector<MetricPoint>& result);

// The readable table: a summary line, then one row per checked metric (verdict, metric, expected, got, change,
// tolerance), then the extra entities.
std::string render_check_report(const CheckReport& report);

// `--update`: refreshes `expected` from `result`: listed metrics get their new values (tolerances kept), metrics
// the result no longer has are dropped, and the headline metrics of entities EXPECTED does not name yet are
// added with the default tolerance. Returns one line per change, for the user.
std::vector<std::string> update_expected(ExpectedFile& expected, const std::vector<MetricPoint>& result);

// Whether `--update` adds this metric for an entity it has not seen: the numbers a lab or course would lock
// (calls sent, completed, timed out, failed and their latency; requests handled; queue depth; totals).
// `values`: every metric of the result by path (values_by_path), for the entity's other metrics.
bool is_headline_metric(const MetricPoint& point, const std::map<std::string, double>& values);
std::map<std::string, double> values_by_path(const std::vector<MetricPoint>& points);

}  // namespace buslab
