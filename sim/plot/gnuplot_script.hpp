#pragma once
// A chart as a gnuplot script (gnuplot 5.4, Debian's gnuplot-nox): the data inline (datablocks), then the drawing,
// once per format. Written next to the chart so that a user can edit it and run it again
// (`gnuplot NAME.gp` in its folder writes NAME.png and NAME.svg there). The same chart gives the same bytes.
#include <string>
#include <vector>

#include "sim/plot/chart.hpp"

namespace buslab::plot {

struct ScriptOutput {
  std::string base;                  // file name without extension: "p99" writes p99.png, p99.svg
  std::vector<std::string> formats;  // "png", "svg"
  int width = 960;                   // pixels; the height grows with the panels
};

std::string gnuplot_script(const Chart& chart, const ScriptOutput& output);

// The height, in pixels, of a chart of `panels` panels (also the SVG's size).
int chart_height(size_t panels);

}  // namespace buslab::plot
