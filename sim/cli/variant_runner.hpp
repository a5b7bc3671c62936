#pragma once
// Runs simulations each in its own forked process, because SimGrid allows one Engine per process, a few at a
// time, and collects their metrics: the variants of a file side by side, the seeds of replications, the points
// of a sweep.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/engine/run.hpp"
#include "sim/output/variant_outcome.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

struct RunJob {
  Scenario scenario;
  RunOptions options;  // its own out_dir
  std::string name;    // the outcome's name
};

// Runs every job, at most `parallel` at once, and returns their outcomes in job order. `on_finished(done, total)`
// is called in this process after each one ends (for progress).
std::vector<VariantOutcome> run_in_processes(const std::vector<RunJob>& jobs, int parallel,
                                             const std::function<void(size_t, size_t)>& on_finished = {});

// The same for many jobs (a sweep): job `i` is made by `make(i)` (in job order) only when a process is free for it,
// and its outcome goes to `done(i, outcome)` as soon as it ends, in the order they end; nothing is kept, so memory
// stays that of `parallel` jobs whatever their number.
void run_in_processes(size_t count, int parallel, const std::function<RunJob(size_t)>& make,
                      const std::function<void(size_t, VariantOutcome&&)>& done);

}  // namespace buslab
