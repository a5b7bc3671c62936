#pragma once
// The shown runs' summaries in one table, one column per run ("A", "B", ...), in the sections and words of the
// `buslab run` table (visualizer/summary_table.hpp builds the rows).
#include <vector>

#include "visualizer/document.hpp"

namespace buslab::viz {

void draw_run_summary(const std::vector<const Document*>& docs);

}  // namespace buslab::viz
