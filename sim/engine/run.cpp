#include "sim/engine/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <simgrid/s4u.hpp>

#include "sim/engine/conservation.hpp"
#include "sim/engine/control_channel.hpp"
#include "sim/engine/deployment.hpp"
#include "sim/engine/fault_injector.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/run_control.hpp"
#include "sim/engine/simgrid_config.hpp"
#include "sim/engine/simgrid_runtime.hpp"
#include "sim/output/metrics_writer.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/output/sparklines.hpp"
#include "sim/output/trace_size.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

namespace {

// What the progress callback needs; `active` turns it off when the run is over (SimGrid's signal is static).
struct ProgressState {
  bool active = true;
  std::chrono::steady_clock::time_point last;
};

std::shared_ptr<ProgressState> watch_progress(const RunOptions& options, const Scenario& scenario, double last_fault,
                                              const World& world, std::chrono::steady_clock::time_point wall_start) {
  if (!options.on_progress) return nullptr;
  auto state = std::make_shared<ProgressState>();
  state->last = wall_start;
  RunProgress base;
  base.load_end = std::max(scenario.duration, last_fault);
  base.drain_end = base.load_end + scenario.drain;
  sg4::Engine::on_time_advance_cb([state, base, &options, &world, wall_start](double) {
    if (!state->active) return;
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - state->last).count() < options.progress_interval) return;
    state->last = now;
    RunProgress p = base;
    p.sim_time = sg4::Engine::get_clock();
    p.messages = world.ledger.created();
    p.wall_seconds = std::chrono::duration<double>(now - wall_start).count();
    options.on_progress(p);
  });
  return state;
}

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

// The most actors the run will have at once: a process each, the replicas faults add later, and a few more (the
// run's controller, the fault schedule, control events in flight).
size_t most_actors(const Scenario& scenario, const World& world) {
  size_t added = 0;
  for (const auto& fault : scenario.faults)
    if (fault.action == FaultAction::AddReplicas) added += static_cast<size_t>(fault.count);
  return world.directory.size() + added + 16;
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

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  std::vector<std::string> args = engine_arguments(scenario.platform);
  for (auto& option : simgrid_config_arguments(options.simgrid_config)) args.push_back(std::move(option));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  sg4::Engine engine(&argc, argv.data());

  World world(options.record_trace && !options.out_dir.empty());
  world.seed = scenario.seed;
  RunControl control(world.quiescence);
  SimgridControlChannel channel(world, control);
  world.control = &channel;
  set_active_world(&world);
  set_run_error("");

  Platform platform(scenario.platform);
  Deployment deployment(scenario, world, platform, control);
  FaultInjector faults(scenario, world, platform, deployment, control);
  fit_actor_stacks(most_actors(scenario, world), options.simgrid_config);
  sg4::Host* control_host = platform.host(scenario.platform.hosts.front().name);
  const auto progress = watch_progress(options, scenario, faults.last_fault_time(), world, wall_start);

  RunTimes times;
  times.load_end = scenario.duration;
  const double load_end = std::max(scenario.duration, faults.last_fault_time());
  world.series.start(options.bucket > 0 ? options.bucket : default_bucket_width(load_end));
  // The run controller: through the load and every fault, then until the system is quiet or the drain deadline
  // passes (or a process failed). Then it stops every process, each of which cancels its own activities and
  // returns; the Engine ends when the last actor has returned.
  sg4::Actor::create("controller", control_host, [&] {
    const double quiet_from = std::max(scenario.duration, faults.last_fault_time());
    if (control.sleep_until(quiet_from)) {
      faults.wait_applied();
      times.drained = control.wait_idle_until(quiet_from + scenario.drain);
    }
    times.end = sg4::Engine::get_clock();
    control.request_stop();
    deployment.stop_all();
  });
  deployment.spawn_all();
  faults.spawn(control_host);
  engine.run();

  if (!run_error().empty()) {
    set_active_world(nullptr);
    throw RunFailure(run_error());
  }
  deployment.finish(times.end);
  const std::vector<std::string> problems = check_conservation(world, deployment);
  if (!problems.empty()) {
    set_active_world(nullptr);
    std::string text = "message conservation violated:";
    for (const auto& p : problems) text += "\n  - " + p;
    throw RunFailure(text);
  }

  if (progress) progress->active = false;
  world.series.finish(times.end);
  RunResult result;
  result.metrics = metrics_json(scenario, world, times, problems.empty());
  result.timeline = timeline_json(world.series, load_end);
  if (!options.out_dir.empty()) {
    try {
      const bool trace = world.trace.recording() && trace_within_limit(world.trace, options, scenario);
      write_run_outputs(options.out_dir, scenario, result.metrics, trace ? &world.trace : nullptr, times.end,
                        options.write_timeseries ? &world.series : nullptr);
    } catch (const tracefile::OutputError& e) {
      result.output_error = e.what();
    }
  }
  set_active_world(nullptr);
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

}  // namespace buslab
