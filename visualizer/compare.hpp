#pragma once
// Comparing runs: the headline numbers of every open trace in one table, column by column ("direct" beside
// "brokered"), next to the timeline that stacks them on one time axis.
#include <memory>
#include <vector>

#include "visualizer/document.hpp"

namespace buslab::viz {

void draw_run_summary(const std::vector<const Document*>& docs);

}  // namespace buslab::viz
