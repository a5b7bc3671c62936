#pragma once
// A chart as `buslab plot` means it, before any plotting tool sees it: panels of lines over a shared x axis, with
// optional error bars and marked instants. Built from a run's time series (timeseries_chart) or a sweep's summary
// (sweep_chart); drawn by gnuplot (gnuplot_script).
#include <string>
#include <vector>

namespace buslab::plot {

struct ChartPoint {
  double x = 0;
  double y = 0;              // NaN: no value (a latency where no call completed): the line is broken there
  double low = 0, high = 0;  // the error bar (error_bars only)
};

struct ChartLine {
  std::string label;
  int colour = 0;  // index in the palette: the same variant keeps its colour across panels
  std::vector<ChartPoint> points;
};

struct ChartPanel {
  std::string title;  // empty for a single panel (the chart's title says it)
  std::vector<ChartLine> lines;
};

// A vertical line at an instant (a fault), labelled.
struct ChartMarker {
  double x = 0;
  std::string label;
};

struct Chart {
  std::string title;
  std::string subtitle;  // what the lines are (e.g. "mean of 5 seeds, 95% confidence interval"), under the title
  std::string x_label, y_label;
  std::vector<std::string> x_categories;  // not empty: x is the index of a category, drawn with these names
  std::vector<double> x_tics;  // not empty: tics at these values only (a sweep's values), the axis fit to them
  bool error_bars = false;
  bool log_x = false, log_y = false;
  bool y_from_zero = true;      // the y axis starts at 0 (not with log_y)
  double x_min = 0, x_max = 0;  // the x axis' range when x_max > x_min (a run's time: 0 to its end); else the data's
  std::vector<ChartPanel> panels;
  std::vector<ChartMarker> markers;
  std::vector<std::string> notes;  // the command that made it, its inputs: comments at the script's top
};

}  // namespace buslab::plot
