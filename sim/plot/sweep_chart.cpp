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

// The columns of a sweep's summary.csv that the chart reads; the swept parameters are the columns between "point"
// and "variant" (column c holds params[c - 1]).
struct SummaryColumns {
  size_t variant, kind, entity, metric, unit, n, mean, low, high;
  std::vector<std::string> params;
};

SummaryColumns summary_columns(const CsvFile& f) {
  if (f.header.empty() || f.header.front() != "point")
    throw PlotInputError(fmt::format("{}: not a sweep's summary.csv: its first column is not \"point\"", f.path));
  SummaryColumns c{
      require(f, "variant"), require(f, "kind"), require(f, "entity"),   require(f, "metric"),    require(f, "unit"),
      require(f, "n"),       require(f, "mean"), require(f, "ci95_low"), require(f, "ci95_high"), {}};
  c.params.assign(f.header.begin() + 1, f.header.begin() + static_cast<long>(c.variant));
  if (c.params.empty()) throw PlotInputError(fmt::format("{}: no swept parameter column before \"variant\"", f.path));
  return c;
}

// Which parameter is the x axis, which one splits panels (0: none) and which are held at a value (--where).
struct Axes {
  size_t x = 1, panel = 0;
  std::vector<std::pair<size_t, std::string>> wheres;
};

Axes choose_axes(const CsvFile& f, const SummaryColumns& c, const PlotOptions& o) {
  const auto param_column = [&](const std::string& option, const std::string& path) {
    const auto it = std::find(c.params.begin(), c.params.end(), path);
    if (it == c.params.end())
      throw PlotInputError(
          fmt::format("{} {}: not a swept parameter of {}; its parameters: {}", option, path, f.path, join(c.params)));
    return static_cast<size_t>(it - c.params.begin()) + 1;
  };
  Axes a;
  a.panel = o.panel.empty() ? 0 : param_column("--panel", o.panel);
  // x: as asked, else the first parameter that is not the panels'.
  a.x = !o.x.empty() ? param_column("--x", o.x) : a.panel == 1 && c.params.size() > 1 ? 2 : 1;
  if (a.panel == a.x) throw PlotInputError(fmt::format("--panel {}: it is the x axis already", o.panel));
  for (const auto& w : o.where) {
    const size_t eq = w.find('=');
    if (eq == std::string::npos) throw PlotInputError(fmt::format("--where {}: expected PATH=VALUE", w));
    const size_t col = param_column("--where", w.substr(0, eq));
    if (col == a.x || col == a.panel)
      throw PlotInputError(fmt::format("--where {}: that parameter is drawn (--x or --panel)", w));
    a.wheres.emplace_back(col, w.substr(eq + 1));
  }
  return a;
}

using Rows = std::vector<const std::vector<std::string>*>;

// The rows drawn: the metric asked for, of one kind, filtered by entity, variant and --where.
Rows select_rows(const CsvFile& f, const SummaryColumns& c, const Axes& a, const PlotOptions& o) {
  Rows rows;
  std::set<std::string> kinds, metrics_here;
  for (const auto& row : f.rows) {
    if (!o.kind.empty() && row[c.kind] != o.kind) continue;
    if (!o.entity.empty() && !glob_match(o.entity, row[c.entity])) continue;
    metrics_here.insert(row[c.metric]);
    if (row[c.metric] != o.metric) continue;
    if (!o.variants.empty() && std::find(o.variants.begin(), o.variants.end(), row[c.variant]) == o.variants.end())
      continue;
    if (!std::all_of(a.wheres.begin(), a.wheres.end(), [&](const auto& w) { return row[w.first] == w.second; }))
      continue;
    rows.push_back(&row);
    kinds.insert(row[c.kind]);
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
  return rows;
}

// A line's name says only what varies between the rows drawn, other than x and the panel.
class LineNamer {
 public:
  LineNamer(const Rows& rows, const SummaryColumns& c, const Axes& a) : c_(c), a_(a), others_(c.params.size() + 1) {
    for (const auto* row : rows) {
      variants_.insert((*row)[c.variant]);
      entities_.insert((*row)[c.entity]);
      for (size_t col = 1; col <= c.params.size(); ++col) others_[col].insert((*row)[col]);
    }
  }
  std::string operator()(const std::vector<std::string>& row) const {
    std::vector<std::string> parts;
    if (variants_.size() > 1) parts.push_back(row[c_.variant]);
    if (entities_.size() > 1) parts.push_back(row[c_.entity]);
    for (size_t col = 1; col <= c_.params.size(); ++col)
      if (col != a_.x && col != a_.panel && others_[col].size() > 1)
        parts.push_back(c_.params[col - 1] + "=" + row[col]);
    return parts.empty() ? row[c_.variant] : join(parts);
  }
  const std::set<std::string>& entities() const { return entities_; }

 private:
  const SummaryColumns& c_;
  const Axes& a_;
  std::set<std::string> variants_, entities_;
  std::vector<std::set<std::string>> others_;
};

// The panels and their lines, values scaled to `scale`; x is the parameter's value when every one is a number,
// else the category's index in `categories`.
void fill_panels(Chart& chart, const CsvFile& f, const Rows& rows, const SummaryColumns& c, const Axes& a,
                 const PlotOptions& o, const LineNamer& line_name, bool numeric, Order& categories, double scale) {
  Order panels, lines;
  std::map<std::pair<size_t, size_t>, size_t> line_at;  // (panel, line) -> index in its panel
  for (const auto* row : rows) {
    const size_t p = panels.index(a.panel ? (*row)[a.panel] : "");
    if (p == chart.panels.size())
      chart.panels.push_back({a.panel ? fmt::format("{} = {}", o.panel, (*row)[a.panel]) : "", {}});
    const size_t l = lines.index(line_name(*row));
    auto [it, added] = line_at.try_emplace({p, l}, chart.panels[p].lines.size());
    if (added) chart.panels[p].lines.push_back({lines.items[l], static_cast<int>(l), {}});
    ChartPoint point;
    point.x = numeric ? number(f, *row, a.x) : static_cast<double>(categories.index((*row)[a.x]));
    point.y = number(f, *row, c.mean) * scale;
    point.low = number(f, *row, c.low) * scale;
    point.high = number(f, *row, c.high) * scale;
    chart.panels[p].lines[it->second].points.push_back(point);
  }
  for (auto& p : chart.panels)
    for (auto& l : p.lines)
      std::stable_sort(l.points.begin(), l.points.end(),
                       [](const ChartPoint& x, const ChartPoint& y) { return x.x < y.x; });
}

// The x axis: categories by name, or numbers with a tic at each value when there are few.
void set_x_axis(Chart& chart, const std::string& param, bool numeric, const Order& categories, bool log_x) {
  if (log_x && (!numeric || std::any_of(categories.items.begin(), categories.items.end(), [](const std::string& t) {
        double v = 0;
        return parse_number(t, v) && !(v > 0);
      })))
    throw PlotInputError(fmt::format("--logx: {} takes values that are not numbers above 0", param));
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
}

}  // namespace

Chart sweep_chart(const CsvFile& f, const PlotOptions& o) {
  const SummaryColumns c = summary_columns(f);
  const Axes a = choose_axes(f, c, o);
  const Rows rows = select_rows(f, c, a, o);
  const LineNamer line_name(rows, c, a);

  // x: numbers when every value is one, else categories in the sweep's order.
  bool numeric = true;
  Order categories;
  double largest = 0;
  size_t fewest_seeds = SIZE_MAX, most_seeds = 0;
  for (const auto* row : rows) {
    double v = 0;
    numeric = numeric && parse_number((*row)[a.x], v);
    categories.index((*row)[a.x]);
    largest = std::max({largest, std::fabs(number(f, *row, c.mean)), std::fabs(number(f, *row, c.high))});
    const auto seeds = static_cast<size_t>(number(f, *row, c.n));
    fewest_seeds = std::min(fewest_seeds, seeds);
    most_seeds = std::max(most_seeds, seeds);
  }
  const bool seconds = (*rows.front())[c.unit] == "s";
  const TimeUnit scale = seconds ? time_unit_for(largest) : TimeUnit{};

  Chart chart;
  fill_panels(chart, f, rows, c, a, o, line_name, numeric, categories, scale.factor);
  const std::string& x_param = c.params[a.x - 1];
  set_x_axis(chart, x_param, numeric, categories, o.log_x);

  const std::string k = (*rows.front())[c.kind];
  const std::string words = metric_words(o.metric);
  const auto& entities = line_name.entities();
  const std::string of = entities.size() == 1 ? fmt::format("{} of {} {}", words, k, *entities.begin())
                                              : fmt::format("{} per {}", words, k);
  chart.title = o.title.empty() ? fmt::format("{} against {}", of, x_param) : o.title;
  chart.error_bars = most_seeds > 1;
  chart.subtitle = most_seeds <= 1 ? "one seed per point: no confidence interval"
                   : fewest_seeds == most_seeds
                       ? fmt::format("mean of {} seeds, bars: 95% confidence interval", most_seeds)
                       : fmt::format("mean of {} to {} seeds, bars: 95% confidence interval", fewest_seeds, most_seeds);
  if (!o.where.empty()) chart.subtitle += "; " + join(o.where);
  chart.x_label = x_param;
  chart.y_label = seconds ? fmt::format("{} ({})", words, scale.name) : words;
  chart.log_x = o.log_x;
  chart.log_y = o.log_y;
  return chart;
}

}  // namespace buslab::plot
