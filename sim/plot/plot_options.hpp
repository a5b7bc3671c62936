#pragma once
// What `buslab plot` is asked to draw (docs/analysis.md, "Charts").
#include <string>
#include <vector>

namespace buslab::plot {

struct PlotOptions {
  std::string metric;                 // a timeseries.csv column, or a metric of summary.csv
  std::string kind;                   // client, server, consumer, queue, broker, ...; "" any (one must remain)
  std::string entity;                 // a pattern (* and ?) over entity names; "" all (time series: "*" for clients)
  std::vector<std::string> variants;  // only these; empty: all
  bool sum = false;                   // time series: one line per run, the entities added up
  std::string x;                      // sweep: the parameter along x (default: the first)
  std::string panel;                  // sweep: a chart per value of this parameter
  std::vector<std::string> where;     // sweep: PATH=VALUE, points with this value only
  std::string title;                  // instead of the default title
  bool log_x = false, log_y = false;
};

// Whether `name` matches `pattern`, where * stands for any characters and ? for one.
bool glob_match(const std::string& pattern, const std::string& name);

}  // namespace buslab::plot
