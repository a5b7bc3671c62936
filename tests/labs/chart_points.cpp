#include "tests/labs/chart_points.hpp"

#include <map>
#include <stdexcept>

#include "sim/plot/axis_units.hpp"
#include "sim/plot/csv_reader.hpp"
#include "sim/plot/plot_error.hpp"

namespace buslab::labs {

namespace {

plot::CsvFile read(const std::string& path) {
  try {
    return plot::read_csv_file(path);
  } catch (const plot::PlotInputError& e) {
    throw std::runtime_error(e.what());
  }
}

struct SeriesStats {
  double max = 0, max_at = 0, last_nonzero_at = 0, total = 0;
  double zero_after_max_at = -1;  // the start of the first bucket after the peak that was 0; -1: none yet
  bool any = false;
};

}  // namespace

std::vector<MetricPoint> timeseries_points(const std::string& run, const std::string& csv_path) {
  const plot::CsvFile t = read(csv_path);
  const size_t start = t.column("t_start_s"), end = t.column("t_end_s"), kind = t.column("kind"),
               entity = t.column("entity");
  if (start == std::string::npos || end == std::string::npos || kind == std::string::npos ||
      entity == std::string::npos)
    throw std::runtime_error(csv_path + ": not a timeseries.csv");
  // (kind, entity, column) in the file's order.
  std::vector<std::tuple<std::string, std::string, size_t>> order;
  std::map<std::tuple<std::string, std::string, size_t>, SeriesStats> stats;
  for (const auto& row : t.rows) {
    double t_start = 0, t_end = 0;
    plot::parse_number(row[start], t_start);
    plot::parse_number(row[end], t_end);
    for (size_t c = entity + 1; c < row.size(); ++c) {
      double v = 0;
      if (!plot::parse_number(row[c], v)) continue;
      const auto key = std::make_tuple(row[kind], row[entity], c);
      auto [it, added] = stats.try_emplace(key);
      if (added) order.push_back(key);
      SeriesStats& s = it->second;
      if (!s.any || v > s.max) s.max = v, s.max_at = t_end, s.zero_after_max_at = -1;
      if (v != 0) s.last_nonzero_at = t_end;
      if (v == 0 && s.zero_after_max_at < 0 && s.max > 0) s.zero_after_max_at = t_start;
      s.total += v;
      s.any = true;
    }
  }
  std::vector<MetricPoint> points;
  for (const auto& key : order) {
    const auto& [k, e, c] = key;
    const SeriesStats& s = stats.at(key);
    const std::string& column = t.header[c];
    const bool seconds = plot::column_is_seconds(column);
    const auto add = [&](const std::string& what, double value, bool is_time) {
      MetricPoint p;
      p.run = run;
      p.section = "series";
      p.entity = k + "/" + e;
      p.metric = column + "." + what;
      p.value = value;
      p.is_time = is_time;
      points.push_back(p);
    };
    add("max", s.max, seconds);
    add("max_at", s.max_at, true);
    add("last_nonzero_at", s.last_nonzero_at, true);
    if (s.zero_after_max_at >= 0) add("zero_after_max_at", s.zero_after_max_at, true);
    add("total", s.total, seconds);
  }
  return points;
}

std::vector<MetricPoint> sweep_points(const std::string& summary_path) {
  const plot::CsvFile f = read(summary_path);
  const size_t point = f.column("point"), variant = f.column("variant"), kind = f.column("kind"),
               entity = f.column("entity"), metric = f.column("metric"), unit = f.column("unit"), n = f.column("n"),
               mean = f.column("mean"), high = f.column("ci95_high");
  if (point != 0 || variant == std::string::npos || mean == std::string::npos || high == std::string::npos)
    throw std::runtime_error(summary_path + ": not a sweep's summary.csv");
  std::vector<MetricPoint> points;
  for (const auto& row : f.rows) {
    MetricPoint p;
    p.run = "point-" + row[point] + "/" + row[variant];
    const std::string& k = row[kind];
    p.section = k == "run" ? "" : k == "conservation" ? k : k + "s";
    p.entity = row[entity];
    p.metric = row[metric];
    p.is_time = row[unit] == "s";
    double m = 0, h = 0, seeds = 1;
    plot::parse_number(row[mean], m);
    plot::parse_number(row[high], h);
    plot::parse_number(row[n], seeds);
    p.value = m;
    p.ci_half_width = h - m;
    p.seeds = static_cast<size_t>(seeds);
    points.push_back(p);
  }
  return points;
}

}  // namespace buslab::labs
