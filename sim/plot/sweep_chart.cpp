#include "sim/plot/sweep_chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "sim/plot/axis_units.hpp"
#include "sim/plot/plot_error.hpp"

namespace buslab::plot {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

size_t require(const CsvFile& f, const std::string& name) {
  const size_t c = f.column(name);
  if (c == std::string::npos)
    throw PlotInputError(fmt::format(
        "{}: not a sweep's summary.csv: no column \"{}\" (buslab sweep writes it; docs/analysis.md)", f.path, name));
  return c;
}

double number(const CsvFile& f, const std::vector<std::string>& row, size_t col) {
  double v = 0;
  if (!parse_number(row[col], v))
    throw PlotInputError(
        fmt::format("{}: column {}: expected a number, found \"{}\"", f.path, f.header[col], row[col]));
  return v;
}

// The first-seen order of a set of texts.
struct Order {
  std::vector<std::string> items;
  size_t index(const std::string& s) {
    const auto it = std::find(items.begin(), items.end(), s);
    if (it != items.end()) return static_cast<size_t>(it - items.begin());
    items.push_back(s);
    return items.size() - 1;
  }
};

}  // namespace

Chart sweep_chart(const CsvFile& f, const PlotOptions& o) {
  if (f.header.empty() || f.header.front() != "point")
    throw PlotInputError(fmt::format("{}: not a sweep's summary.csv: its first column is not \"point\"", f.path));
  const size_t variant = require(f, "variant"), kind = require(f, "kind"), entity = require(f, "entity"),
               metric = require(f, "metric"), unit = require(f, "unit"), n = require(f, "n"), mean = require(f, "mean"),
               low = require(f, "ci95_low"), high = require(f, "ci95_high");
  std::vector<std::string> params(f.header.begin() + 1, f.header.begin() + static_cast<long>(variant));
  if (params.empty()) throw PlotInputError(fmt::format("{}: no swept parameter column before \"variant\"", f.path));
  const auto param_column = [&](const std::string& option, const std::string& path) {
    const auto it = std::find(params.begin(), params.end(), path);
    if (it == params.end())
      throw PlotInputError(
          fmt::format("{} {}: not a swept parameter of {}; its parameters: {}", option, path, f.path, join(params)));
    return static_cast<size_t>(it - params.begin()) + 1;
  };
  const size_t panel = o.panel.empty() ? 0 : param_column("--panel", o.panel);
  // x: as asked, else the first parameter that is not the panels'.
  const size_t x = !o.x.empty() ? param_column("--x", o.x) : panel == 1 && params.size() > 1 ? 2 : 1;
  if (panel == x) throw PlotInputError(fmt::format("--panel {}: it is the x axis already", o.panel));
  std::vector<std::pair<size_t, std::string>> wheres;
  for (const auto& w : o.where) {
    const size_t eq = w.find('=');
    if (eq == std::string::npos) throw PlotInputError(fmt::format("--where {}: expected PATH=VALUE", w));
    const size_t c = param_column("--where", w.substr(0, eq));
    if (c == x || c == panel)
      throw PlotInputError(fmt::format("--where {}: that parameter is drawn (--x or --panel)", w));
    wheres.emplace_back(c, w.substr(eq + 1));
  }

  // The rows drawn.
  std::vector<const std::vector<std::string>*> rows;
  std::set<std::string> kinds, metrics_here;
  for (const auto& row : f.rows) {
    if (!o.kind.empty() && row[kind] != o.kind) continue;
    if (!o.entity.empty() && !glob_match(o.entity, row[entity])) continue;
    metrics_here.insert(row[metric]);
    if (row[metric] != o.metric) continue;
    if (!o.variants.empty() && std::find(o.variants.begin(), o.variants.end(), row[variant]) == o.variants.end())
      continue;
    if (!std::all_of(wheres.begin(), wheres.end(), [&](const auto& w) { return row[w.first] == w.second; })) continue;
    rows.push_back(&row);
    kinds.insert(row[kind]);
  }
  if (rows.empty()) {
    std::vector<std::string> some(metrics_here.begin(), metrics_here.end());
    if (some.size() > 30) some.resize(30), some.push_back("...");
    throw PlotInputError(fmt::format(
        "{}: --metric {}{}{}: nothing to draw{}", f.path, o.metric, o.kind.empty() ? "" : " --kind " + o.kind,
        o.entity.empty() ? "" : " --entity '" + o.entity + "'", some.empty() ? "" : "; metrics there: " + join(some)));
  }
  if (kinds.size() > 1)
    throw PlotInputError(fmt::format("--metric {}: {} rows have it; say which with --kind", o.metric,
                                     join(std::vector<std::string>(kinds.begin(), kinds.end()))));

  // x: numbers when every value is one, else categories in the sweep's order.
  bool numeric = true;
  Order categories;
  for (const auto* row : rows) {
    double v = 0;
    numeric = numeric && parse_number((*row)[x], v);
    categories.index((*row)[x]);
  }
  // The lines: what differs between rows other than x and the panel. Their names say only what varies.
  std::set<std::string> variants, entities;
  std::vector<std::set<std::string>> others(params.size() + 1);
  for (const auto* row : rows) {
    variants.insert((*row)[variant]);
    entities.insert((*row)[entity]);
    for (size_t c = 1; c <= params.size(); ++c) others[c].insert((*row)[c]);
  }
  const auto line_name = [&](const std::vector<std::string>& row) {
    std::vector<std::string> parts;
    if (variants.size() > 1) parts.push_back(row[variant]);
    if (entities.size() > 1) parts.push_back(row[entity]);
    for (size_t c = 1; c <= params.size(); ++c)
      if (c != x && c != panel && others[c].size() > 1) parts.push_back(params[c - 1] + "=" + row[c]);
    return parts.empty() ? row[variant] : join(parts);
  };

  double largest = 0;
  size_t fewest_seeds = SIZE_MAX, most_seeds = 0;
  for (const auto* row : rows) {
    largest = std::max({largest, std::fabs(number(f, *row, mean)), std::fabs(number(f, *row, high))});
    const auto seeds = static_cast<size_t>(number(f, *row, n));
    fewest_seeds = std::min(fewest_seeds, seeds);
    most_seeds = std::max(most_seeds, seeds);
  }
  const bool seconds = (*rows.front())[unit] == "s";
  const TimeUnit scale = seconds ? time_unit_for(largest) : TimeUnit{};

  Chart chart;
  Order panels, lines;
  std::map<std::pair<size_t, size_t>, size_t> line_at;  // (panel, line) -> index in its panel
  for (const auto* row : rows) {
    const size_t p = panels.index(panel ? (*row)[panel] : "");
    if (p == chart.panels.size())
      chart.panels.push_back({panel ? fmt::format("{} = {}", o.panel, (*row)[panel]) : "", {}});
    const size_t l = lines.index(line_name(*row));
    auto [it, added] = line_at.try_emplace({p, l}, chart.panels[p].lines.size());
    if (added) chart.panels[p].lines.push_back({lines.items[l], static_cast<int>(l), {}});
    ChartPoint point;
    point.x = numeric ? number(f, *row, x) : static_cast<double>(categories.index((*row)[x]));
    point.y = number(f, *row, mean) * scale.factor;
    point.low = number(f, *row, low) * scale.factor;
    point.high = number(f, *row, high) * scale.factor;
    chart.panels[p].lines[it->second].points.push_back(point);
  }
  for (auto& p : chart.panels)
    for (auto& l : p.lines)
      std::stable_sort(l.points.begin(), l.points.end(),
                       [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
  if (o.log_x && (!numeric || std::any_of(categories.items.begin(), categories.items.end(), [](const std::string& t) {
        double v = 0;
        return parse_number(t, v) && !(v > 0);
      })))
    throw PlotInputError(fmt::format("--logx: {} takes values that are not numbers above 0", params[x - 1]));
  if (!numeric) {
    chart.x_categories = categories.items;
  } else if (categories.items.size() <= 16) {
    for (const auto& text : categories.items) {
      double v = 0;
      parse_number(text, v);
      chart.x_tics.push_back(v);
    }
    std::sort(chart.x_tics.begin(), chart.x_tics.end());
  }

  const std::string k = (*rows.front())[kind];
  const std::string words = metric_words(o.metric);
  const std::string of = entities.size() == 1 ? fmt::format("{} of {} {}", words, k, *entities.begin())
                                              : fmt::format("{} per {}", words, k);
  chart.title = o.title.empty() ? fmt::format("{} against {}", of, params[x - 1]) : o.title;
  chart.error_bars = most_seeds > 1;
  chart.subtitle = most_seeds <= 1 ? "one seed per point: no confidence interval"
                   : fewest_seeds == most_seeds
                       ? fmt::format("mean of {} seeds, bars: 95% confidence interval", most_seeds)
                       : fmt::format("mean of {} to {} seeds, bars: 95% confidence interval", fewest_seeds, most_seeds);
  if (!o.where.empty()) chart.subtitle += "; " + join(o.where);
  chart.x_label = params[x - 1];
  chart.y_label = seconds ? fmt::format("{} ({})", words, scale.name) : words;
  chart.log_x = o.log_x;
  chart.log_y = o.log_y;
  return chart;
}

}  // namespace buslab::plot
