#include "sim/output/sweep_results.hpp"

#include "sim/output/csv_text.hpp"
#include "sim/output/metric_paths.hpp"
#include "sim/output/replication_stats.hpp"

namespace buslab {

SweepResultsWriter::SweepResultsWriter(std::ostream& results, std::ostream& summary,
                                       const std::vector<std::string>& params)
    : results_(results), summary_(summary) {
  std::string head = "point";
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about `"," + text`.
  for (const auto& p : params) head.append(",").append(csv_field(p));
  head.append(",variant");
  results_ << head << ",seed,kind,entity,metric,unit,value\n";
  summary_ << head << ",kind,entity,metric,unit,n,mean,sd,ci95_low,ci95_high\n";
}

void SweepResultsWriter::add(size_t point, const std::vector<std::string>& values, const std::string& variant,
                             uint64_t seed, const nlohmann::ordered_json& metrics) {
  std::string prefix = std::to_string(point);
  for (const auto& v : values) prefix.append(",").append(csv_field(v));
  prefix.append(",").append(csv_field(variant));
  if (!open_ || prefix != group_prefix_) {
    flush_summary();
    group_prefix_ = prefix;
    open_ = true;
  }
  const std::string row_prefix = prefix + "," + std::to_string(seed) + ",";
  for (const MetricPoint& m : flatten_metrics(metrics)) {
    const std::string kind = section_singular(m.section);
    const std::string unit = m.is_time ? "s" : "";
    results_ << row_prefix << kind << ',' << csv_field(m.entity) << ',' << csv_field(m.metric) << ',' << unit << ','
             << csv_number(m.value) << '\n';
    ++result_rows_;
    const auto key = std::make_tuple(kind, m.entity, m.metric);
    auto [it, added] = values_.try_emplace(key, unit, std::vector<double>());
    if (added) order_.push_back(key);
    // A metric the earlier seeds did not have (a failure reason that did not happen there) was 0 for them.
    it->second.second.resize(seeds_in_group_, 0.0);
    it->second.second.push_back(m.value);
  }
  ++seeds_in_group_;
}

void SweepResultsWriter::flush_summary() {
  if (!open_) return;
  for (const auto& key : order_) {
    auto& [unit, values] = values_.at(key);
    values.resize(seeds_in_group_, 0.0);
    const ReplicationSummary s = summarize_replications(values);
    const auto& [kind, entity, metric] = key;
    summary_ << group_prefix_ << ',' << kind << ',' << csv_field(entity) << ',' << csv_field(metric) << ',' << unit
             << ',' << s.n << ',' << csv_number(s.mean) << ',' << csv_number(s.sd) << ',' << csv_number(s.ci_low) << ','
             << csv_number(s.ci_high) << '\n';
  }
  order_.clear();
  values_.clear();
  seeds_in_group_ = 0;
  open_ = false;
}

void SweepResultsWriter::finish() {
  flush_summary();
}

}  // namespace buslab
