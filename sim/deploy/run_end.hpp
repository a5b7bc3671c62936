#pragma once
// How a run ends, whichever engine runs it: the load runs until the scenario's duration and every fault has been
// applied (`quiet_from`); then the run drains until nothing is in flight (World::quiescence) or the drain deadline
// passes. Then every process stops where it is, and finish_run checks conservation and writes the outputs.
#include <chrono>

#include "models/world/world.hpp"
#include "sim/deploy/deployment.hpp"
#include "sim/deploy/run_types.hpp"
#include "sim/output/metrics_writer.hpp"

namespace buslab {

struct RunEnding {
  double quiet_from = 0.0;  // the end of the load and of the last fault: the drain starts here
  double deadline = 0.0;    // the latest the run ends: quiet_from + the scenario's drain
};
RunEnding run_ending(const Scenario& scenario);

// The width of the time series' buckets: RunOptions::bucket, or one chosen from the run's length.
double bucket_width(const Scenario& scenario, const RunOptions& options);
// Starts collecting the time series when something reads it: timeseries.csv and .json, or the timeline.
void start_series(World& world, const Scenario& scenario, const RunOptions& options);

// After the processes stopped at `times.end`: their end-of-run bookkeeping, the conservation check (RunFailure when
// it does not hold), metrics.json, the timeline and, with RunOptions::out_dir, the files. `wall_start` times the
// run for humans.
RunResult finish_run(const Scenario& scenario, const RunOptions& options, World& world, Deployment& deployment,
                     const RunTimes& times, std::chrono::steady_clock::time_point wall_start);

}  // namespace buslab
