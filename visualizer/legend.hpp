#pragma once
// What the colours and marks mean: hop kinds (those in the open traces first), faults, bands and graphs.
#include <memory>
#include <vector>

#include "visualizer/document.hpp"

namespace buslab::viz {

void draw_legend(const std::vector<const Document*>& docs);

}  // namespace buslab::viz
