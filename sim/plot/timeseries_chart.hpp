#pragma once
// A chart of one timeseries.csv column over time (docs/timeseries.md): a line per run (variant) and entity, the
// scenario's faults marked; with several runs and several entities, a panel per run.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/plot/chart.hpp"
#include "sim/plot/csv_reader.hpp"
#include "sim/plot/plot_options.hpp"

namespace buslab::plot {

struct SeriesFault {
  double at_s = 0;
  std::string action, target;
};

// One run's timeseries.csv, and what its timeseries.json says about it (when it is beside it).
struct TimeseriesRun {
  std::string variant;  // or the scenario's name when it has none (its folder's name without timeseries.json)
  std::optional<uint64_t> seed;
  std::string label;  // how the chart names it: the variant, "seed N" added when runs share a variant
  std::string scenario;
  double bucket_s = 0;
  std::vector<SeriesFault> faults;
  CsvFile table;
};

// Reads `path` (a timeseries.csv) and the timeseries.json beside it; throws PlotInputError when it is not a
// buslab time series.
TimeseriesRun read_timeseries_run(const std::string& path);

// Throws PlotInputError when the metric is not a column, matches nothing, or spans several kinds.
Chart timeseries_chart(const std::vector<TimeseriesRun>& runs, const PlotOptions& options);

}  // namespace buslab::plot
