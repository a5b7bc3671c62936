#pragma once
// The progress line of a long run on a terminal (stderr): simulated time against the load's end, messages so far,
// wall time, and the time left at this pace. Nothing at all when stderr is not a terminal (CI logs, pipes).
#include <functional>
#include <string>

#include "sim/engine/run.hpp"

namespace buslab::cli {

// The callback for RunOptions::on_progress, or none when stderr is not a terminal.
std::function<void(const RunProgress&)> terminal_progress();

// Clears the line the callback drew (call after the run).
void clear_progress_line();

// The text of one progress line: "simulated 12.0 s of 60 s | 1.2M messages | wall 3.0 s | about 12 s left".
std::string progress_text(const RunProgress& p);

}  // namespace buslab::cli
