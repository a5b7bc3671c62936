#pragma once
// A chart of one metric of a sweep's summary.csv (docs/analysis.md) against a swept parameter: a line per variant
// (and entity, and value of the other parameters) with the 95% confidence interval as error bars; with --panel, a
// chart per value of another parameter.
#include "sim/plot/chart.hpp"
#include "sim/plot/csv_reader.hpp"
#include "sim/plot/plot_options.hpp"

namespace buslab::plot {

// Throws PlotInputError when the file is not a sweep's summary.csv, the metric or a parameter is not there, or
// nothing is left to draw.
Chart sweep_chart(const CsvFile& summary, const PlotOptions& options);

}  // namespace buslab::plot
