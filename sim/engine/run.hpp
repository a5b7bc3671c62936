#pragma once
// One simulation of one scenario (one variant), on the engine RunOptions::engine names: builds the platform and the
// processes, runs the load then the drain, checks conservation, and writes the outputs. SimGrid allows one Engine per
// process, so one process runs at most one scenario on it (sim/variant_runner runs several by forking).
#include "sim/deploy/run_types.hpp"

namespace buslab {

RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace buslab
