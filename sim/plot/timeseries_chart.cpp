#include "sim/plot/timeseries_chart.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/plot/axis_units.hpp"
#include "sim/plot/plot_error.hpp"

namespace buslab::plot {

namespace {

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

std::string seconds_text(double s) {
  return s < 1 ? fmt::format("{:g} ms", s * 1e3) : fmt::format("{:g} s", s);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The rows of one run that the chart draws, by entity (in the file's order): the bucket's middle and the value.
struct EntitySeries {
  std::string kind, name;
  std::vector<ChartPoint> points;
};

std::vector<EntitySeries> select(const TimeseriesRun& run, size_t col, const PlotOptions& options,
                                 const std::string& entity_pattern) {
  const CsvFile& t = run.table;
  const size_t start = t.column("t_start_s"), end = t.column("t_end_s"), kind = t.column("kind"),
               entity = t.column("entity");
  std::vector<EntitySeries> out;
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (const auto& row : t.rows) {
    if (!options.kind.empty() && row[kind] != options.kind) continue;
    if (!entity_pattern.empty() && !glob_match(entity_pattern, row[entity])) continue;
    double t0 = 0, t1 = 0, value = kNoValue;
    if (!parse_number(row[start], t0) || !parse_number(row[end], t1))
      throw PlotInputError(
          fmt::format("{}: a bucket bound is not a number: \"{}\", \"{}\"", t.path, row[start], row[end]));
    const bool has = parse_number(row[col], value);
    const auto key = std::make_pair(row[kind], row[entity]);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, out.size()).first;
      out.push_back({row[kind], row[entity], {}});
    }
    out[it->second].points.push_back({(t0 + t1) / 2, has ? value : kNoValue, 0, 0});
  }
  // An entity whose cells are all empty (the column does not apply to its kind) is not drawn.
  std::erase_if(out, [](const EntitySeries& e) {
    return std::none_of(e.points.begin(), e.points.end(), [](const ChartPoint& p) { return !std::isnan(p.y); });
  });
  return out;
}

// The entities' values added up, bucket by bucket (an empty cell counts as 0).
EntitySeries sum_of(const std::vector<EntitySeries>& entities) {
  EntitySeries total{entities.front().kind, "", entities.front().points};
  for (auto& p : total.points) p.y = std::isnan(p.y) ? 0 : p.y;
  for (size_t e = 1; e < entities.size(); ++e)
    for (size_t i = 0; i < total.points.size() && i < entities[e].points.size(); ++i)
      if (!std::isnan(entities[e].points[i].y)) total.points[i].y += entities[e].points[i].y;
  return total;
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& name) {
  // Iterative wildcard matching with backtracking to the last '*'.
  size_t p = 0, n = 0, star = std::string::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p, ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

TimeseriesRun read_timeseries_run(const std::string& path) {
  TimeseriesRun run;
  run.table = read_csv_file(path);
  for (const char* required : {"t_start_s", "t_end_s", "kind", "entity"})
    if (run.table.column(required) == std::string::npos)
      throw PlotInputError(
          fmt::format("{}: not a buslab timeseries.csv: no column \"{}\" (docs/timeseries.md)", path, required));
  const std::filesystem::path csv(path);
  run.variant = run.label = csv.parent_path().filename().string();
  std::ifstream in(csv.parent_path() / "timeseries.json");
  if (!in) return run;
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw PlotInputError(fmt::format("{}: invalid JSON", (csv.parent_path() / "timeseries.json").string()));
  run.scenario = doc.value("scenario", "");
  const std::string variant = doc.value("variant", "");
  run.variant = run.label = variant.empty() ? run.scenario : variant;
  run.bucket_s = doc.value("bucket_s", 0.0);
  if (doc.contains("seed") && doc["seed"].is_number_unsigned()) run.seed = doc["seed"].get<uint64_t>();
  for (const auto& f : doc.value("faults", nlohmann::json::array()))
    if (f.is_object() && f.contains("at_s") && f["at_s"].is_number())
      run.faults.push_back({f["at_s"].get<double>(), f.value("action", ""), f.value("target", "")});
  return run;
}

namespace {

// The runs asked for (--variant), each labelled by its variant, with its seed when runs share a variant.
std::vector<TimeseriesRun> runs_drawn(const std::vector<TimeseriesRun>& given, const PlotOptions& options) {
  std::vector<TimeseriesRun> runs;
  for (const auto& r : given)
    if (options.variants.empty() ||
        std::find(options.variants.begin(), options.variants.end(), r.variant) != options.variants.end())
      runs.push_back(r);
  if (runs.empty()) throw PlotInputError(fmt::format("--variant {}: no such run given", join(options.variants)));
  std::map<std::string, int> variant_count;
  for (const auto& r : runs) ++variant_count[r.variant];
  for (auto& r : runs)
    r.label = variant_count[r.variant] > 1 && r.seed ? fmt::format("{} seed {}", r.variant, *r.seed) : r.variant;
  return runs;
}

void check_metric(const std::vector<TimeseriesRun>& runs, const PlotOptions& options) {
  const std::string& metric = options.metric;
  if (metric == "t_start_s" || metric == "t_end_s" || metric == "kind" || metric == "entity")
    throw PlotInputError(fmt::format("--metric {}: that is the time axis or a name, not a series", metric));
  bool found = false;
  for (const auto& r : runs) found = found || r.table.column(metric) != std::string::npos;
  if (!found) {
    std::vector<std::string> columns(runs.front().table.header.begin() + 4, runs.front().table.header.end());
    throw PlotInputError(
        fmt::format("{}: --metric {}: no such column; it has: {}", runs.front().table.path, metric, join(columns)));
  }
  if (options.sum && metric.find("latency") != std::string::npos)
    throw PlotInputError(fmt::format("--sum: latencies do not add up (--metric {}): draw them per entity", metric));
}

// Each run's series of the metric, all of one kind (returned); for clients, the line of all calls ("*") unless an
// entity is asked for (a group's own lines are there too); with --sum, one line per run.
std::string select_series(const std::vector<TimeseriesRun>& runs, const PlotOptions& options,
                          std::vector<std::vector<EntitySeries>>& per_run) {
  const std::string& metric = options.metric;
  std::string pattern = options.entity;
  std::set<std::string> kinds;
  for (const auto& r : runs) {
    const size_t col = r.table.column(metric);
    per_run.push_back(col == std::string::npos ? std::vector<EntitySeries>{} : select(r, col, options, pattern));
    for (const auto& e : per_run.back()) kinds.insert(e.kind);
  }
  if (kinds.empty())
    throw PlotInputError(fmt::format(
        "--metric {}{}{}: no {} has a value for it", metric, options.kind.empty() ? "" : " --kind " + options.kind,
        pattern.empty() ? "" : " --entity '" + pattern + "'", options.kind.empty() ? "entity" : options.kind));
  if (kinds.size() > 1) {
    std::vector<std::string> list(kinds.begin(), kinds.end());
    throw PlotInputError(fmt::format("--metric {}: {} rows have it; say which with --kind", metric, join(list)));
  }
  const std::string kind = *kinds.begin();
  if (pattern.empty() && kind == "client")
    for (auto& entities : per_run) std::erase_if(entities, [](const EntitySeries& e) { return e.name != "*"; });
  if (options.sum)
    for (auto& entities : per_run)
      if (entities.size() > 1) entities = {sum_of(entities)};
  return kind;
}

// Scales seconds to the unit the largest value reads best in.
TimeUnit scale_values(std::vector<std::vector<EntitySeries>>& per_run, const std::string& metric) {
  double largest = 0;
  for (const auto& entities : per_run)
    for (const auto& e : entities)
      for (const auto& p : e.points)
        if (!std::isnan(p.y)) largest = std::max(largest, std::fabs(p.y));
  const TimeUnit unit = column_is_seconds(metric) ? time_unit_for(largest) : TimeUnit{};
  for (auto& entities : per_run)
    for (auto& e : entities)
      for (auto& p : e.points) p.y *= unit.factor;
  return unit;
}

// Several runs with several entities each: a panel per run; else one panel, a line per run or per entity. An
// entity keeps its colour across panels.
void lay_out_panels(Chart& chart, const std::vector<TimeseriesRun>& runs,
                    std::vector<std::vector<EntitySeries>>& per_run, const std::vector<std::string>& entity_order) {
  const auto colour_of = [&](const std::string& name) {
    return static_cast<int>(std::find(entity_order.begin(), entity_order.end(), name) - entity_order.begin());
  };
  size_t most_entities = 0;
  for (const auto& entities : per_run) most_entities = std::max(most_entities, entities.size());
  if (runs.size() > 1 && most_entities > 1) {
    for (size_t r = 0; r < runs.size(); ++r) {
      if (per_run[r].empty()) continue;  // a run without such an entity (no queue in a direct variant)
      ChartPanel panel{runs[r].label, {}};
      for (auto& e : per_run[r]) panel.lines.push_back({e.name, colour_of(e.name), std::move(e.points)});
      chart.panels.push_back(std::move(panel));
    }
    return;
  }
  ChartPanel panel;
  for (size_t r = 0; r < runs.size(); ++r)
    for (auto& e : per_run[r]) {
      const std::string label = runs.size() > 1 ? runs[r].label : e.name.empty() ? runs[r].label : e.name;
      const int colour = runs.size() > 1 ? static_cast<int>(r) : colour_of(e.name);
      panel.lines.push_back({label, colour, std::move(e.points)});
    }
  chart.panels.push_back(std::move(panel));
}

}  // namespace

Chart timeseries_chart(const std::vector<TimeseriesRun>& given, const PlotOptions& options) {
  const std::vector<TimeseriesRun> runs = runs_drawn(given, options);
  check_metric(runs, options);
  std::vector<std::vector<EntitySeries>> per_run;
  const std::string kind = select_series(runs, options, per_run);
  const TimeUnit unit = scale_values(per_run, options.metric);
  std::vector<std::string> entity_order;
  for (const auto& entities : per_run)
    for (const auto& e : entities)
      if (std::find(entity_order.begin(), entity_order.end(), e.name) == entity_order.end())
        entity_order.push_back(e.name);

  Chart chart;
  const std::string words = column_words(options.metric);
  const std::string what =
      options.sum ? fmt::format("{}, all {}s together", words, kind)
      : entity_order.size() == 1 && !entity_order.front().empty()
          ? fmt::format("{}: {} {}", words, kind, entity_order.front() == "*" ? "* (all calls)" : entity_order.front())
          : fmt::format("{} per {}", words, kind);
  chart.title = options.title.empty() ? what + " over time" : options.title;
  std::vector<std::string> about;
  if (!runs.front().scenario.empty()) about.push_back("scenario " + runs.front().scenario);
  if (runs.front().bucket_s > 0) about.push_back("buckets of " + seconds_text(runs.front().bucket_s));
  if (!runs.front().faults.empty()) about.push_back("dashed: faults");
  chart.subtitle = join(about);
  chart.x_label = "simulated time (s)";
  chart.y_label = column_is_seconds(options.metric) ? fmt::format("{} ({})", words, unit.name) : words;
  chart.log_y = options.log_y;
  chart.log_x = options.log_x;

  // The time axis: from 0 to the end of the longest run.
  for (const auto& r : runs) {
    double end = 0;
    const size_t col = r.table.column("t_end_s");
    if (!r.table.rows.empty() && parse_number(r.table.rows.back()[col], end)) chart.x_max = std::max(chart.x_max, end);
  }
  lay_out_panels(chart, runs, per_run, entity_order);
  if (runs.size() == 1 && !runs.front().label.empty() && options.title.empty())
    chart.title += ": " + runs.front().label;

  std::set<std::tuple<double, std::string, std::string>> faults;
  for (const auto& r : runs)
    for (const auto& f : r.faults) faults.insert({f.at_s, f.action, f.target});
  for (const auto& [at, action, target] : faults) chart.markers.push_back({at, fmt::format("{} {}", action, target)});
  return chart;
}

}  // namespace buslab::plot
