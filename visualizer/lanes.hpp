#pragma once
// Painting the rows of one trace: alternating backgrounds, the queue depth and busy worker graphs, bands while a
// lane is down, and the label column (host headers with a collapse arrow, lane names, graph scales). Also the
// lane list of the side panel, where lanes and hosts are hidden or shown.
#include <imgui.h>

#include "visualizer/document.hpp"
#include "visualizer/plot_geometry.hpp"

namespace buslab::viz {

// Row backgrounds and down bands; then, over the bundled arrows so that they stay readable, the level graphs.
void draw_lane_rows(const Document& doc, const PlotGeometry& g);
void draw_lane_levels(const Document& doc, const PlotGeometry& g);
void draw_lane_labels(const Document& doc, const PlotGeometry& g, int hovered_row);
// How wide the label column must be for every label of this trace to show whole, at the current font.
float lane_label_width(const Document& doc);
// A tooltip for the graph row under the mouse ("depth 12 at 4.2 s"); true if one was shown.
bool lane_row_tooltip(const Document& doc, const PlotGeometry& g, int row);
// The side panel's lane list.
void draw_lane_tree(Document& doc);

}  // namespace buslab::viz
