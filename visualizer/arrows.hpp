#pragma once
// Painting message hops: one arrow per hop from its send time on the sender's row to its arrival on the
// receiver's, coloured by kind; where too many hops leave within a few pixels, a density band with a count per
// row instead (tracefile::plan_arrows decides). The selected call's hops are drawn on top, others dimmed.
#include <cstddef>

#include "visualizer/document.hpp"
#include "visualizer/plot_geometry.hpp"

namespace buslab::viz {

struct ArrowOptions {
  bool dim_unfiltered = false;  // the log filter also fades the chart
};

struct ArrowStats {
  long hovered_hop = -1;  // the hop nearest the mouse, within a few pixels
  float hovered_distance = 1e9f;
  size_t drawn = 0;
  size_t aggregated = 0;
};

ArrowStats draw_arrows(const Document& doc, const PlotGeometry& g, const ArrowOptions& options);

// The tooltip of a hop: call, method, kind, lanes, bytes, times and latency.
void hop_tooltip(const Document& doc, size_t hop);

}  // namespace buslab::viz
