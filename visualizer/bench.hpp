#pragma once
// buslab-viz --bench: frame times at several zooms, for docs/visualizer.md (never asserted by tests).
#include <ostream>

#include "visualizer/app.hpp"
#include "visualizer/window.hpp"

namespace buslab::viz {

void run_bench(Window& window, App& app, std::ostream& out);

}  // namespace buslab::viz
