#include "sim/cli/replications.hpp"

#include <fmt/format.h>

#include "sim/cli/variant_runner.hpp"
#include "sim/engine/run.hpp"
#include "sim/output/metrics_replicated.hpp"
#include "sim/output/sparklines.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab {

namespace {

VariantOutcome run_here(const Scenario& scenario, const RunOptions& options) {
  VariantOutcome outcome;
  outcome.name = run_name(scenario);
  try {
    RunResult result = run_scenario(scenario, options);
    outcome.metrics = std::move(result.metrics);
    outcome.timeline = std::move(result.timeline);
    outcome.wall_seconds = result.wall_seconds;
    outcome.error = result.output_error;
    outcome.output_failed = !result.output_error.empty();
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  return outcome;
}

}  // namespace

std::string run_name(const Scenario& scenario) {
  return scenario.variant.empty() ? scenario.name : scenario.variant;
}

std::vector<VariantOutcome> run_replications(const ReplicationPlan& plan) {
  const bool replicated = plan.seeds.size() >= 2;
  RunOptions base;
  base.record_trace = plan.record_trace;
  base.bucket = plan.bucket;
  base.write_timeseries = plan.write_timeseries;
  base.timeline = plan.timeline;
  base.simgrid_config = plan.simgrid_config;
  base.engine = plan.engine;
  base.trace_limit_bytes = plan.trace_limit_bytes;
  const auto directory = [&](const Scenario& s) {
    return plan.out_dir.empty() ? std::string() : plan.out_dir + "/" + run_name(s);
  };
  if (!replicated && plan.runs.size() == 1) {
    Scenario scenario = plan.runs.front();
    if (plan.seeds.size() == 1) scenario.seed = plan.seeds.front();
    RunOptions options = base;
    options.out_dir = directory(scenario);
    options.on_progress = plan.on_progress;
    std::vector<VariantOutcome> outcomes{run_here(scenario, options)};
    if (plan.on_finished) plan.on_finished(1, 1);
    return outcomes;
  }
  std::vector<RunJob> jobs;
  for (const auto& scenario : plan.runs) {
    if (!replicated) {
      RunJob job{scenario, base, run_name(scenario)};
      if (plan.seeds.size() == 1) job.scenario.seed = plan.seeds.front();
      job.options.out_dir = directory(scenario);
      jobs.push_back(std::move(job));
      continue;
    }
    for (uint64_t seed : plan.seeds) {
      RunJob job{scenario, base, run_name(scenario)};
      job.scenario.seed = seed;
      if (!plan.out_dir.empty()) job.options.out_dir = directory(scenario) + fmt::format("/seed-{}", seed);
      jobs.push_back(std::move(job));
    }
  }
  std::vector<VariantOutcome> finished = run_in_processes(jobs, plan.jobs, plan.on_finished);
  if (!replicated) return finished;

  std::vector<VariantOutcome> outcomes;
  const size_t n = plan.seeds.size();
  for (size_t r = 0; r < plan.runs.size(); ++r) {
    VariantOutcome outcome;
    outcome.name = run_name(plan.runs[r]);
    std::vector<nlohmann::ordered_json> per_seed, timelines;
    bool simulated = true;
    for (size_t k = 0; k < n; ++k) {
      VariantOutcome& one = finished[r * n + k];
      outcome.wall_seconds += one.wall_seconds;
      simulated = simulated && one.simulated();
      // A failed simulation says more than an output not written: it is the error reported.
      if (!one.error.empty() && (outcome.error.empty() || (outcome.output_failed && !one.output_failed))) {
        outcome.error = fmt::format("seed {}: {}", plan.seeds[k], one.error);
        outcome.output_failed = one.output_failed;
      }
      per_seed.push_back(std::move(one.metrics));
      timelines.push_back(std::move(one.timeline));
    }
    outcome.timeline = average_timelines(timelines);
    if (simulated) {
      outcome.metrics = replicate_metrics(per_seed, plan.seeds);
      if (!plan.out_dir.empty()) {
        try {
          tracefile::write_file_atomically(directory(plan.runs[r]) + "/metrics.json", outcome.metrics.dump(2) + "\n");
        } catch (const tracefile::OutputError& e) {
          if (outcome.error.empty()) {
            outcome.error = e.what();
            outcome.output_failed = true;
          }
        }
      }
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace buslab
