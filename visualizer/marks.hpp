#pragma once
// Painting faults (kill, restart, host and link changes, scale-out) as marks across the rows they touch, with a
// faint line through the whole trace so the moment stands out, and client timeouts as red crosses.
#include "visualizer/document.hpp"
#include "visualizer/plot_geometry.hpp"

namespace buslab::viz {

void draw_marks(const Document& doc, const PlotGeometry& g);
// A tooltip for a fault mark under the mouse; true if one was shown.
bool mark_tooltip(const Document& doc, const PlotGeometry& g);

}  // namespace buslab::viz
