#pragma once
// A sweep's tables (docs/analysis.md): results.csv, tidy and long, one row per point x variant x seed x entity x
// metric; summary.csv, one row per point x variant x entity x metric with the mean over the seeds and its 95%
// confidence interval (Student t). Metrics are named as `buslab check` names them (sim/output/metric_paths.hpp).
// Written as the runs are read, in the sweep's order, so memory holds one point and variant at a time.
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace buslab {

class SweepResultsWriter {
 public:
  // `params`: the swept fields' paths, a column each after `point`.
  SweepResultsWriter(std::ostream& results, std::ostream& summary, const std::vector<std::string>& params);

  // One run's metrics.json. The runs of one point and variant come together (seeds in any order); `point` counts
  // from 1.
  void add(size_t point, const std::vector<std::string>& values, const std::string& variant, uint64_t seed,
           const nlohmann::ordered_json& metrics);
  // Writes the last point's summary.
  void finish();

  size_t result_rows() const { return result_rows_; }

 private:
  void flush_summary();

  std::ostream& results_;
  std::ostream& summary_;
  std::string group_prefix_;  // "point,values...,variant" of the open group
  bool open_ = false;
  size_t seeds_in_group_ = 0;
  // (kind, entity, metric) -> unit and one value per seed of the group (missing: 0), in first-seen order.
  std::vector<std::tuple<std::string, std::string, std::string>> order_;
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::string, std::vector<double>>> values_;
  size_t result_rows_ = 0;
};

}  // namespace buslab
