#include "sim/queueing/queueing_run.hpp"

#include <chrono>
#include <stdexcept>

#include "sim/deploy/deployment.hpp"
#include "sim/deploy/fault_plan.hpp"
#include "sim/deploy/run_end.hpp"
#include "sim/queueing/queueing_engine.hpp"
#include "sim/queueing/queueing_support.hpp"

namespace buslab {

RunResult run_queueing(const Scenario& scenario, const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::vector<std::string> refusals = queueing_refusals(scenario, options.simgrid_config);
  if (!refusals.empty()) throw std::invalid_argument(refusals.front());

  World world(options.record_trace && !options.out_dir.empty());
  world.seed = scenario.seed;
  queueing::QueueingEngine engine(world, scenario.platform);
  world.control = &engine;
  Deployment deployment(scenario, world, engine);

  const RunEnding ending = run_ending(scenario);
  start_series(world, scenario, options);
  if (options.on_progress) {
    auto last = wall_start;
    engine.on_tick([&] {
      const auto now = std::chrono::steady_clock::now();
      if (std::chrono::duration<double>(now - last).count() < options.progress_interval) return;
      last = now;
      RunProgress p;
      p.load_end = ending.quiet_from;
      p.drain_end = ending.deadline;
      p.sim_time = engine.now();
      p.messages = world.ledger.created();
      p.wall_seconds = std::chrono::duration<double>(now - wall_start).count();
      options.on_progress(p);
    });
  }

  // The processes start first, then the faults are scheduled: at one instant, faults come before what the
  // processes schedule later, so that those due at the end of the load are applied whole.
  deployment.spawn_all();
  const std::vector<FaultSpec> schedule = fault_schedule(scenario);
  for (size_t i = 0; i < schedule.size(); ++i) engine.schedule_fault(schedule[i].at, i);
  engine.on_fault([&](size_t i) { apply_fault(schedule[i], engine.now(), scenario, world, deployment, engine); });

  RunTimes times;
  times.load_end = scenario.duration;
  if (engine.run_until(ending.quiet_from))
    times.drained = engine.run_while_not(ending.deadline, [&] { return world.quiescence.idle(); });
  if (!engine.error().empty()) throw RunFailure(engine.error());
  times.end = engine.now();
  deployment.stop_all();
  RunResult result = finish_run(scenario, options, world, deployment, times, wall_start);
  result.engine_events = engine.events();
  return result;
}

}  // namespace buslab
