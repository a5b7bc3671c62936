#pragma once
// The logical view (L): a stretch of a trace in happened-before order, evenly spaced (tracefile/logical_order.hpp),
// as ShiViz draws distributed executions. Each hop is an arrow from its send step on the sender's row to its
// arrival step on the receiver's; faults and timeouts are marks at their step. Hover and click work as in real
// time: the tooltip gives the hop's real times.
#include "visualizer/arrows.hpp"
#include "visualizer/document.hpp"
#include "visualizer/plot_geometry.hpp"

namespace buslab::viz {

// At most this many hops go into a logical view: more would be a wall again. Zoom in first.
inline constexpr size_t kMaxLogicalHops = 4000;

ArrowStats draw_logical(const Document& doc, const PlotGeometry& g);

}  // namespace buslab::viz
