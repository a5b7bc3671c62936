// activity_count: runs one variant of a buslab scenario in this process with SimGrid's signals connected, and
// prints how many SimGrid activities (transfers, executions, sleeps) and simulated-time steps the run took, per
// completed call. The cost of a simulated call grows with these counts (bench/README.md, "Where the time goes"),
// so they are what an engine change has to bring down. With `--engine queueing` it prints the events that engine
// handled instead (its cost per call is its events per call times its cost per event).
//
// Usage: bench_activity_count SCENARIO [--variant NAME] [--set PATH=VALUE ...] [--engine simgrid|queueing]
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <simgrid/s4u.hpp>

#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace {

namespace sg4 = simgrid::s4u;

struct Counts {
  uint64_t transfers = 0;   // Comm::on_send: one per put, i.e. one per message on the wire
  uint64_t receives = 0;    // Comm::on_recv: one per get posted
  uint64_t executions = 0;  // Exec::on_start
  uint64_t sleeps = 0;      // Actor::on_sleep: this_actor::sleep_for/sleep_until
  uint64_t time_steps = 0;  // Engine::on_time_advance: distinct dates the clock stopped at
};

Counts g_counts;

void connect_counters() {
  sg4::Comm::on_send_cb([](const sg4::Comm&) { ++g_counts.transfers; });
  sg4::Comm::on_recv_cb([](const sg4::Comm&) { ++g_counts.receives; });
  sg4::Exec::on_start_cb([](const sg4::Exec&) { ++g_counts.executions; });
  sg4::Actor::on_sleep_cb([](const sg4::Actor&) { ++g_counts.sleeps; });
  sg4::Engine::on_time_advance_cb([](double) { ++g_counts.time_steps; });
}

uint64_t completed_calls(const nlohmann::ordered_json& metrics) {
  uint64_t calls = 0;
  for (const auto& client : metrics.at("clients"))
    for (const auto& method : client.at("methods")) calls += method.at("completed").get<uint64_t>();
  return calls;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Counts SimGrid activities per completed call in one buslab run (no outputs written)."};
  std::string file, variant, engine = "simgrid";
  std::vector<std::string> overrides;
  app.add_option("scenario", file, "Scenario file")->required();
  app.add_option("--variant", variant, "Variant to run (default: the scenario without variant overrides)");
  app.add_option("--set", overrides, "Override PATH=VALUE, as for buslab run");
  app.add_option("--engine", engine, "simgrid (counts its activities) or queueing (counts its events)")
      ->check(CLI::IsMember({"simgrid", "queueing"}));
  CLI11_PARSE(app, argc, argv);
  try {
    const nlohmann::json doc = buslab::read_scenario_file(file);
    const buslab::Scenario scenario = buslab::load_scenario(doc, file, variant, overrides);
    buslab::RunOptions options;
    options.record_trace = false;
    options.timeline = false;  // as `buslab run --no-trace --no-timeseries`, the bench's "no trace" rows
    const bool queueing = engine == "queueing";
    if (queueing)
      options.engine = buslab::EngineKind::Queueing;
    else
      connect_counters();
    const buslab::RunResult result = buslab::run_scenario(scenario, options);
    const uint64_t calls = completed_calls(result.metrics);
    const double per = calls > 0 ? 1.0 / static_cast<double>(calls) : 0.0;
    std::cout << fmt::format("calls {}\n", calls);
    if (queueing) {
      std::cout << fmt::format("events {} ({:.2f} per call)\n", result.engine_events, result.engine_events * per);
      return 0;
    }
    std::cout << fmt::format("transfers {} ({:.2f} per call)\n", g_counts.transfers, g_counts.transfers * per);
    std::cout << fmt::format("receives {} ({:.2f} per call)\n", g_counts.receives, g_counts.receives * per);
    std::cout << fmt::format("executions {} ({:.2f} per call)\n", g_counts.executions, g_counts.executions * per);
    std::cout << fmt::format("sleeps {} ({:.2f} per call)\n", g_counts.sleeps, g_counts.sleeps * per);
    std::cout << fmt::format("time steps {} ({:.2f} per call)\n", g_counts.time_steps, g_counts.time_steps * per);
  } catch (const buslab::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const buslab::RunFailure& e) {
    std::cerr << "run failed: " << e.what() << "\n";
    return 3;
  } catch (const std::invalid_argument& e) {  // a feature the queueing engine refuses
    std::cerr << e.what() << "\n";
    return 2;
  }
  return 0;
}
