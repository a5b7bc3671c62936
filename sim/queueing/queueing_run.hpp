#pragma once
// A run on the queueing engine (RunOptions::engine == Queueing): the same deployment, fault plan, run ending,
// conservation check and outputs as on SimGrid (sim/deploy), on queueing_engine.hpp.
#include "sim/deploy/run_types.hpp"

namespace buslab {

// Throws std::invalid_argument with queueing_refusals when the scenario has what this engine cannot honour (the
// command line checks first, with the file's name).
RunResult run_queueing(const Scenario& scenario, const RunOptions& options);

}  // namespace buslab
