#pragma once
// Painting message hops: one arrow per hop from its send time on the sender's row to its arrival on the
// receiver's, coloured by kind; where too many hops leave within a few pixels (tracefile::plan_arrows decides),
// one bundled arrow per pair of rows and kind instead, as thick as the hops it holds (visualizer/bundle_plan),
// and density bars with a count only where even bundles would not fit. The selected call's hops are drawn on top,
// others dimmed.
#include <cstddef>

#include "tracefile/arrow_plan.hpp"
#include "visualizer/document.hpp"
#include "visualizer/plot_geometry.hpp"

namespace buslab::viz {

struct ArrowOptions {
  bool dim_unfiltered = false;  // the log filter also fades the chart
};

// A bundle under the mouse: what its tooltip says and where a click zooms.
struct HoveredBundle {
  tracefile::HopKind kind = tracefile::HopKind::Other;
  bool arrived = true;
  size_t count = 0;
  int lane_from = -1, lane_to = -1;  // the first lanes of its rows
  double t0 = 0, t1 = 0;             // the bucket
  double mean_flight = 0;
};

struct ArrowStats {
  long hovered_hop = -1;  // the hop nearest the mouse, within a few pixels
  float hovered_distance = 1e9f;
  bool bundle_hovered = false;  // else the nearest thing was a hop (or nothing)
  HoveredBundle bundle;
  size_t drawn = 0;
  size_t bundles = 0;
  size_t aggregated = 0;  // hops drawn as bundles or bars
};

// A frame's level of detail: which hops are single arrows, which buckets bundles (tracefile::plan_arrows).
tracefile::ArrowPlan plan_frame(const Document& doc, const PlotGeometry& g);
// The bundles (and density bars where they overflow) of the plan's dense buckets: drawn under the level graphs.
ArrowStats draw_bundle_layer(const Document& doc, const PlotGeometry& g, const tracefile::ArrowPlan& plan);
// The single arrows, the selected call on top, and the hop under the mouse.
ArrowStats draw_arrows(const Document& doc, const PlotGeometry& g, const ArrowOptions& options,
                       const tracefile::ArrowPlan& plan);

// The tooltip of a hop: call, method, kind, lanes, bytes, times and latency.
void hop_tooltip(const Document& doc, size_t hop);
// The tooltip of a bundle: how many hops of which kind between which rows, when, and how long they flew.
void bundle_tooltip(const Document& doc, const HoveredBundle& bundle);

}  // namespace buslab::viz
