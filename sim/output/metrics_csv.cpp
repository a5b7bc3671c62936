#include "sim/output/metrics_csv.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "sim/output/csv_text.hpp"
#include "sim/output/metric_paths.hpp"

namespace buslab {

namespace {

size_t write_long(const std::vector<std::vector<MetricPoint>>& runs, bool replicated, std::ostream& out) {
  out << "variant,kind,entity,metric,unit,value" << (replicated ? ",n,ci95_low,ci95_high" : "") << "\n";
  size_t rows = 0;
  for (const auto& points : runs)
    for (const MetricPoint& m : points) {
      out << csv_field(m.run) << ',' << section_singular(m.section) << ',' << csv_field(m.entity) << ','
          << csv_field(m.metric) << ',' << (m.is_time ? "s" : "") << ',' << csv_number(m.value);
      if (replicated) {
        const double half = m.ci_half_width.value_or(0.0);
        out << ',' << m.seeds << ',' << csv_number(m.value - half) << ',' << csv_number(m.value + half);
      }
      out << '\n';
      ++rows;
    }
  return rows;
}

// One row per run and entity; a column per metric, in the order they first come, times marked "(s)".
size_t write_wide(const std::vector<std::vector<MetricPoint>>& runs, std::ostream& out) {
  std::vector<std::string> columns;
  std::map<std::string, size_t> column_of;
  using RowKey = std::tuple<std::string, std::string, std::string>;
  std::vector<RowKey> row_order;
  std::map<RowKey, std::map<size_t, double>> cells;
  for (const auto& points : runs)
    for (const MetricPoint& m : points) {
      const std::string name = m.is_time ? m.metric + " (s)" : m.metric;
      auto [col, added] = column_of.try_emplace(name, columns.size());
      if (added) columns.push_back(name);
      const RowKey key{m.run, section_singular(m.section), m.entity};
      auto [row, fresh] = cells.try_emplace(key);
      if (fresh) row_order.push_back(key);
      row->second[col->second] = m.value;
    }
  out << "variant,kind,entity";
  for (const auto& c : columns) out << ',' << csv_field(c);
  out << '\n';
  for (const auto& key : row_order) {
    const auto& [run, kind, entity] = key;
    out << csv_field(run) << ',' << kind << ',' << csv_field(entity);
    const auto& values = cells.at(key);
    for (size_t c = 0; c < columns.size(); ++c) {
      out << ',';
      if (const auto it = values.find(c); it != values.end()) out << csv_number(it->second);
    }
    out << '\n';
  }
  return row_order.size();
}

}  // namespace

size_t write_metrics_csv(const std::vector<nlohmann::ordered_json>& metrics, bool wide, std::ostream& out) {
  std::vector<std::vector<MetricPoint>> runs;
  bool replicated = false;
  for (const auto& m : metrics) {
    runs.push_back(flatten_metrics(m));
    for (const auto& p : runs.back()) replicated = replicated || p.ci_half_width.has_value();
  }
  return wide ? write_wide(runs, out) : write_long(runs, replicated, out);
}

}  // namespace buslab
