#include "sim/engine/run.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include <simgrid/s4u.hpp>

#include "sim/deploy/deployment.hpp"
#include "sim/deploy/run_end.hpp"
#include "sim/engine/control_channel.hpp"
#include "sim/engine/fault_injector.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/run_control.hpp"
#include "sim/engine/simgrid_config.hpp"
#include "sim/engine/simgrid_processes.hpp"
#include "sim/engine/simgrid_runtime.hpp"
#include "sim/queueing/queueing_run.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

namespace {

// What the progress callback needs; `active` turns it off when the run is over (SimGrid's signal is static).
struct ProgressState {
  bool active = true;
  std::chrono::steady_clock::time_point last;
};

std::shared_ptr<ProgressState> watch_progress(const RunOptions& options, const Scenario& scenario, const World& world,
                                              std::chrono::steady_clock::time_point wall_start) {
  if (!options.on_progress) return nullptr;
  auto state = std::make_shared<ProgressState>();
  state->last = wall_start;
  RunProgress base;
  base.load_end = run_ending(scenario).quiet_from;
  base.drain_end = run_ending(scenario).deadline;
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

// The most actors the run will have at once: a process each, the replicas faults add later, and a few more (the
// run's controller, the fault schedule, control events in flight).
size_t most_actors(const Scenario& scenario, const World& world) {
  size_t added = 0;
  for (const auto& fault : scenario.faults)
    if (fault.action == FaultAction::AddReplicas) added += static_cast<size_t>(fault.count);
  return world.directory.size() + added + 16;
}

RunResult run_on_simgrid(const Scenario& scenario, const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::vector<std::string> simgrid_config = run_simgrid_config(options.simgrid_config);
  std::vector<std::string> args = engine_command_line(engine_arguments(scenario.platform), simgrid_config);
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
  SimgridProcesses processes(world, platform, control);
  Deployment deployment(scenario, world, processes);
  FaultInjector faults(scenario, world, processes, deployment, control);
  fit_actor_stacks(most_actors(scenario, world), simgrid_config);
  sg4::Host* control_host = platform.host(scenario.platform.hosts.front().name);
  const auto progress = watch_progress(options, scenario, world, wall_start);

  RunTimes times;
  times.load_end = scenario.duration;
  const RunEnding ending = run_ending(scenario);
  start_series(world, scenario, options);
  // The run controller: through the load and every fault, then until the system is quiet or the drain deadline
  // passes (or a process failed). Then it stops every process, each of which cancels its own activities and
  // returns; the Engine ends when the last actor has returned.
  sg4::Actor::create("controller", control_host, [&] {
    if (control.sleep_until(ending.quiet_from)) {
      faults.wait_applied();
      times.drained = control.wait_idle_until(ending.deadline);
    }
    times.end = sg4::Engine::get_clock();
    control.request_stop();
    deployment.stop_all();
  });
  deployment.spawn_all();
  faults.spawn(control_host);
  engine.run();

  if (progress) progress->active = false;
  struct Inactive {
    ~Inactive() { set_active_world(nullptr); }
  } inactive;
  if (!run_error().empty()) throw RunFailure(run_error());
  return finish_run(scenario, options, world, deployment, times, wall_start);
}

}  // namespace

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  if (options.engine == EngineKind::Queueing) return run_queueing(scenario, options);
  return run_on_simgrid(scenario, options);
}

}  // namespace buslab
