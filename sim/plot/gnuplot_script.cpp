#include "sim/plot/gnuplot_script.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace buslab::plot {

namespace {

// Okabe and Ito's colour-blind safe palette, the yellow (hard to see on white) last.
constexpr const char* kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                    "#E69F00", "#56B4E9", "#000000", "#F0E442"};
constexpr int kDashes = 4;  // past the palette, lines repeat its colours dashed

// A gnuplot double-quoted string: backslashes and quotes escaped (terminals are noenhanced: no markup).
std::string quoted(const std::string& text) {
  std::string q = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') q += '\\';
    if (c == '\n') {
      q += "\\n";
      continue;
    }
    q += c;
  }
  return q + "\"";
}

std::string value(double v) {
  if (std::isnan(v)) return "NaN";
  return fmt::format("{:.10g}", v);
}

size_t columns_for(size_t panels) {
  return panels <= 3 ? 1 : 2;
}

size_t rows_for(size_t panels) {
  const size_t c = columns_for(panels);
  return (panels + c - 1) / c;
}

std::string datablocks(const Chart& chart) {
  std::string s;
  for (size_t p = 0; p < chart.panels.size(); ++p)
    for (size_t l = 0; l < chart.panels[p].lines.size(); ++l) {
      const ChartLine& line = chart.panels[p].lines[l];
      s += fmt::format("# {}{}\n", chart.panels[p].title.empty() ? "" : chart.panels[p].title + ": ", line.label);
      s += fmt::format("$p{}l{} << EOD\n", p + 1, l + 1);
      for (const auto& pt : line.points) {
        s += fmt::format("{} {}", value(pt.x), value(pt.y));
        if (chart.error_bars) s += fmt::format(" {} {}", value(pt.low), value(pt.high));
        s += '\n';
      }
      s += "EOD\n";
    }
  return s;
}

std::string settings(const Chart& chart) {
  std::string s;
  s += "set encoding utf8\n";
  s += "set datafile missing \"NaN\"\n";
  s += fmt::format("set xlabel {}\nset ylabel {}\n", quoted(chart.x_label), quoted(chart.y_label));
  s += "set grid lc rgb \"#dddddd\"\nset border 3\nset tics nomirror out\n";
  s += "set key outside right top vertical Left reverse noautotitle\n";
  if (chart.log_x) s += "set logscale x\n";
  if (chart.log_y) s += "set logscale y\n";
  // Panels side by side are compared: they share their axes' ranges.
  double x0 = INFINITY, x1 = -INFINITY, y1 = 0, y0_positive = INFINITY;
  for (const auto& p : chart.panels)
    for (const auto& l : p.lines)
      for (const auto& pt : l.points) {
        x0 = std::min(x0, pt.x), x1 = std::max(x1, pt.x);
        if (std::isnan(pt.y)) continue;
        y1 = std::max(y1, chart.error_bars ? std::max(pt.y, pt.high) : pt.y);
        const double low = chart.error_bars ? std::min(pt.y, pt.low) : pt.y;
        if (low > 0) y0_positive = std::min(y0_positive, low);
      }
  if (chart.panels.size() > 1 && chart.log_y && y1 > y0_positive)
    s += fmt::format("set yrange [{}:{}]\n", value(y0_positive / 1.2), value(y1 * 1.2));
  else if (chart.panels.size() > 1 && !chart.log_y && chart.y_from_zero && y1 > 0)
    s += fmt::format("set yrange [0:{}]\n", value(y1 * 1.05));
  else if (!chart.log_y && chart.y_from_zero)
    s += "set yrange [0:*]\n";
  if (!chart.x_tics.empty() && chart.x_categories.empty()) {
    // Tics at the swept values, and a margin around them so that the end points' bars are not on the border.
    std::string tics;
    for (double t : chart.x_tics) tics += fmt::format("{}{}", tics.empty() ? "" : ", ", value(t));
    s += fmt::format("set xtics ({})\n", tics);
    const double lo = chart.x_tics.front(), hi = chart.x_tics.back();
    if (chart.log_x && lo > 0)
      s +=
          fmt::format("set xrange [{}:{}]\n", value(lo / std::pow(hi / lo, 0.05)), value(hi * std::pow(hi / lo, 0.05)));
    else if (hi > lo)
      s += fmt::format("set xrange [{}:{}]\n", value(lo - (hi - lo) * 0.05), value(hi + (hi - lo) * 0.05));
  } else if (chart.x_max > chart.x_min && chart.x_categories.empty())
    s += fmt::format("set xrange [{}:{}]\n", value(chart.x_min), value(chart.x_max));
  else if (chart.panels.size() > 1 && chart.x_categories.empty() && x1 > x0)
    s += fmt::format("set xrange [{}:{}]\n", value(x0), value(x1));
  if (!chart.x_categories.empty()) {
    std::string tics;
    for (size_t i = 0; i < chart.x_categories.size(); ++i)
      tics += fmt::format("{}{} {}", i ? ", " : "", quoted(chart.x_categories[i]), i);
    s += fmt::format("set xtics ({})\nset xrange [-0.5:{}]\n", tics, chart.x_categories.size() - 0.5);
  }
  for (const auto& m : chart.markers) {
    s += fmt::format("set arrow from {}, graph 0 to {}, graph 1 nohead dashtype 2 lw 1.5 lc rgb \"#555555\" front\n",
                     value(m.x), value(m.x));
    s += fmt::format("set label {} at {}, graph 0.98 left offset 0.4, 0 tc rgb \"#333333\" front\n", quoted(m.label),
                     value(m.x));
  }
  // One style per colour index: the palette, then dashed.
  int most = 0;
  for (const auto& p : chart.panels)
    for (const auto& l : p.lines) most = std::max(most, l.colour + 1);
  const int palette = static_cast<int>(std::size(kPalette));
  for (int i = 0; i < most; ++i)
    s += fmt::format("set linetype {} lc rgb \"{}\" lw 2 pt 7 ps 0.8 dashtype {}\n", i + 1, kPalette[i % palette],
                     i / palette % kDashes + 1);
  return s;
}

std::string plot_command(const Chart& chart, size_t p) {
  const ChartPanel& panel = chart.panels[p];
  std::string s = fmt::format("  set title {}\n", quoted(panel.title));
  s += "  plot ";
  for (size_t l = 0; l < panel.lines.size(); ++l) {
    const ChartLine& line = panel.lines[l];
    if (l) s += ", \\\n       ";
    const bool marks = line.points.size() <= 40;
    const std::string style = chart.error_bars ? "with yerrorlines" : marks ? "with linespoints" : "with lines";
    s += fmt::format("$p{}l{} using 1:2{} {} lt {} title {}", p + 1, l + 1, chart.error_bars ? ":3:4" : "", style,
                     line.colour + 1, quoted(line.label));
  }
  return s + "\n";
}

}  // namespace

int chart_height(size_t panels) {
  return panels <= 1 ? 540 : static_cast<int>(80 + 300 * rows_for(panels));
}

std::string gnuplot_script(const Chart& chart, const ScriptOutput& out) {
  std::string s = fmt::format(
      "# Made by buslab plot (docs/analysis.md). Edit it at will; `gnuplot {}.gp` in this folder draws it again.\n",
      out.base);
  for (const auto& note : chart.notes) s += fmt::format("# {}\n", note);
  s += fmt::format("\n{}\n{}", datablocks(chart), settings(chart));
  const std::string title = chart.subtitle.empty() ? chart.title : fmt::format("{}\n{}", chart.title, chart.subtitle);
  const int height = chart_height(chart.panels.size());
  const bool several = chart.panels.size() > 1;
  for (const auto& format : out.formats) {
    s += "\n";
    if (format == "png")
      s += fmt::format("set terminal pngcairo size {},{} font \"Sans,11\" noenhanced background \"white\"\n", out.width,
                       height);
    else
      s += fmt::format("set terminal svg size {},{} dynamic font \"Sans,11\" noenhanced background \"white\"\n",
                       out.width, height);
    s += fmt::format("set output {}\n", quoted(fmt::format("{}.{}", out.base, format)));
    if (several) {
      s += fmt::format("set multiplot layout {},{} title {}\n", rows_for(chart.panels.size()),
                       columns_for(chart.panels.size()), quoted(title));
      for (size_t p = 0; p < chart.panels.size(); ++p) s += plot_command(chart, p);
      s += "unset multiplot\n";
    } else {
      Chart single = chart;
      single.panels.front().title = title;
      s += plot_command(single, 0);
    }
    s += "unset output\n";
  }
  return s;
}

}  // namespace buslab::plot
