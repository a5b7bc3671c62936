#pragma once
// Runs a set of scenarios (the variants of a file, or the points of a sweep), each once or once per seed, in
// forked processes on every core, and gathers each scenario's replications into one metrics.json
// (metrics_replicated.hpp). Output layout under `out_dir`: `<run>/metrics.json` and `<run>/trace.json` for a
// single run; with seeds, `<run>/metrics.json` holds the replications and `<run>/seed-<s>/` each seed's own
// metrics.json and trace.json. `<run>` is the variant's name, or the scenario's when it has no variants.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/engine/run.hpp"
#include "sim/output/variant_outcome.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

struct ReplicationPlan {
  std::vector<Scenario> runs;   // one per variant (or sweep point), each with a distinct run name
  std::vector<uint64_t> seeds;  // two or more: replications; otherwise each run once, with its own seed
  std::string out_dir;          // "": write nothing
  bool record_trace = true;
  std::vector<std::string> simgrid_config;  // --cfg NAME:VALUE, for every run
  EngineKind engine = EngineKind::Simgrid;  // --engine, for every run
  double trace_limit_bytes = 0;             // --trace-limit (RunOptions)
  double bucket = 0;                        // --bucket (RunOptions): 0, chosen from the run's length
  bool write_timeseries = true;             // timeseries.csv and timeseries.json beside each metrics.json
  bool timeline = true;                     // each outcome's timeline, for sparklines (RunOptions)
  // A single run in this process reports its progress here (RunOptions::on_progress).
  std::function<void(const RunProgress&)> on_progress;
  int jobs = 1;  // processes at once
  // Called after each simulation ends, with how many have and how many there are (for progress).
  std::function<void(size_t, size_t)> on_finished;
};

// The directory name of a run: its variant, or its scenario's name.
std::string run_name(const Scenario& scenario);

// One outcome per run, in order: its metrics (replicated with two or more seeds), its wall time (summed over
// seeds), or the error of its first failed seed. A single run without seeds runs in this process.
std::vector<VariantOutcome> run_replications(const ReplicationPlan& plan);

}  // namespace buslab
