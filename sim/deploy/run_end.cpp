#include "sim/deploy/run_end.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "sim/deploy/conservation.hpp"
#include "sim/deploy/fault_plan.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/output/sparklines.hpp"
#include "sim/output/trace_size.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab {

namespace {

// Warns before writing a trace over kLargeTraceBytes; false (and says so) when it is over --trace-limit.
bool trace_within_limit(const TraceLog& trace, const RunOptions& options, const Scenario& scenario) {
  const double bytes = estimated_trace_bytes(trace);
  const std::string run = scenario.variant.empty() ? scenario.name : scenario.variant;
  if (options.trace_limit_bytes > 0 && bytes > options.trace_limit_bytes) {
    std::cerr << fmt::format(
        "buslab: {}: trace.json not written: it would take about {:.0f} MB ({} hops), over "
        "--trace-limit ({:.0f} MB)\n",
        run, bytes / 1e6, trace.hops().size(), options.trace_limit_bytes / 1e6);
    return false;
  }
  if (bytes > kLargeTraceBytes)
    std::cerr << fmt::format(
        "buslab: {}: writing a trace.json of about {:.0f} MB ({} hops); --no-trace or "
        "--trace-limit leave it out\n",
        run, bytes / 1e6, trace.hops().size());
  return true;
}

}  // namespace

double default_bucket_width(double load_end) {
  if (!(load_end > 0)) return 1.0;
  // The smallest round width at or above load_end / 250: each step up is at most 2.5 times the one before, so
  // the load spans more than 100 buckets.
  const double least = load_end / 250.0;
  double decade = std::pow(10.0, std::floor(std::log10(least)));
  for (;; decade *= 10)
    for (double m : {1.0, 2.0, 5.0})
      if (m * decade >= least * (1 - 1e-12)) {
        // Round through a decimal string so that 0.05 is the double nearest 0.05, not 5 * 0.01.
        return std::stod(fmt::format("{:g}", m * decade));
      }
}

double buckets_at_most(const Scenario& scenario, double width) {
  double last = scenario.duration;
  for (const auto& fault : scenario.faults) last = std::max(last, fault.at);
  return std::ceil((last + scenario.drain) / width);
}

RunEnding run_ending(const Scenario& scenario) {
  RunEnding ending;
  ending.quiet_from = std::max(scenario.duration, last_fault_time(scenario));
  ending.deadline = ending.quiet_from + scenario.drain;
  return ending;
}

double bucket_width(const Scenario& scenario, const RunOptions& options) {
  return options.bucket > 0 ? options.bucket : default_bucket_width(run_ending(scenario).quiet_from);
}

void start_series(World& world, const Scenario& scenario, const RunOptions& options) {
  const bool written = options.write_timeseries && !options.out_dir.empty();
  if (written || options.timeline) world.series.start(bucket_width(scenario, options));
}

RunResult finish_run(const Scenario& scenario, const RunOptions& options, World& world, Deployment& deployment,
                     const RunTimes& times, std::chrono::steady_clock::time_point wall_start) {
  deployment.finish(times.end);
  const std::vector<std::string> problems = check_conservation(world, deployment);
  if (!problems.empty()) {
    std::string text = "message conservation violated:";
    for (const auto& p : problems) text += "\n  - " + p;
    throw RunFailure(text);
  }
  world.series.finish(times.end);
  RunResult result;
  result.metrics = metrics_json(scenario, world, times, problems.empty());
  if (options.timeline && world.series.collecting())
    result.timeline = timeline_json(world.series, run_ending(scenario).quiet_from);
  if (!options.out_dir.empty()) {
    try {
      const bool trace = world.trace.recording() && trace_within_limit(world.trace, options, scenario);
      write_run_outputs(options.out_dir, scenario, result.metrics, trace ? &world.trace : nullptr, times.end,
                        options.write_timeseries && world.series.collecting() ? &world.series : nullptr);
    } catch (const tracefile::OutputError& e) {
      result.output_error = e.what();
    }
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

}  // namespace buslab
