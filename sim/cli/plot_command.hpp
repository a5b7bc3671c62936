#pragma once
// `buslab plot INPUT... --metric NAME --out FILE`: charts (PNG and SVG, drawn by gnuplot) of a run's results over
// time (timeseries.csv: a metric over time per variant, faults marked) or of a sweep (summary.csv: a metric against
// a swept parameter, a line per variant with 95% confidence intervals), with the gnuplot script beside them
// (docs/analysis.md, "Charts").
#include "sim/cli/command.hpp"

namespace buslab::cli {

Command add_plot_command(CLI::App& app);

}  // namespace buslab::cli
