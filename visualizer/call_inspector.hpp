#pragma once
// The selected call: its path drawn over the lanes (a band per latency phase on the lane where the time went:
// queue wait on the queue, service on the server...) and the side panel that breaks its latency down.
#include "visualizer/document.hpp"
#include "visualizer/plot_geometry.hpp"
#include "visualizer/timeline_view.hpp"

namespace buslab::viz {

void draw_call_path(const Document& doc, const PlotGeometry& g);
// The side panel's section for a document's selected call. Clicking a hop or "Zoom to call" moves the view.
void draw_call_inspector(Document& doc, TimelineView& view);

}  // namespace buslab::viz
