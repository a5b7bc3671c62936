#include "sim/cli/run_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/cli/variant_runner.hpp"
#include "sim/cli/viz_launcher.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simgrid_config.hpp"
#include "sim/output/output_dir.hpp"
#include "sim/output/report_table.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::cli {

namespace {

struct RunCommandOptions {
  std::string file;
  std::vector<std::string> overrides;
  std::string variant;
  std::string out_dir;
  bool out_given = false;  // `--out ""` is refused, not taken for no `--out`
  bool no_trace = false;
  bool viz = false;
  bool no_timing = false;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> simgrid_config;  // --cfg NAME:VALUE
};

// A file without variants runs in this process; variants run in forked processes, side by side.
std::vector<VariantOutcome> simulate(const std::vector<Scenario>& scenarios, const RunOptions& options, int jobs) {
  if (scenarios.size() > 1 || !scenarios.front().variant.empty()) return run_variants(scenarios, options, jobs);
  VariantOutcome outcome;
  try {
    RunResult result = run_scenario(scenarios.front(), options);
    outcome.metrics = std::move(result.metrics);
    outcome.wall_seconds = result.wall_seconds;
    outcome.error = result.output_error;
    outcome.output_failed = !result.output_error.empty();
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  return {std::move(outcome)};
}

// Checks and cleans the output directories before anything runs (sim/output/output_dir.hpp), and says which
// earlier outputs it removed that this run will not replace.
void prepare_outputs(const std::string& out_dir, const std::vector<Scenario>& scenarios, bool trace) {
  OutputPlan plan;
  plan.root = out_dir;
  plan.trace = trace;
  for (size_t i = 0; i < scenarios.size(); ++i) plan.dirs.push_back(variant_out_dir(out_dir, scenarios, i));
  const PreparedOutput prepared = prepare_output(plan);
  for (const auto& file : prepared.removed)
    std::cerr << fmt::format("buslab: removed {} (an earlier run's; this run does not write it)\n", file);
}

int exit_code_of(const std::vector<VariantOutcome>& outcomes) {
  switch (verdict_of(outcomes)) {
    case RunsVerdict::Ok:
      return kExitOk;
    case RunsVerdict::OutputFailed:
      return kExitOutputFailed;
    case RunsVerdict::SimulationFailed:
      return kExitRunFailed;
  }
  return kExitRunFailed;
}

int run(RunCommandOptions o) {
  if (o.out_given && o.out_dir.empty()) {
    std::cerr << "buslab run: --out: expected a directory, found an empty name\n";
    return kExitUsage;
  }
  if (std::find(o.simgrid_config.begin(), o.simgrid_config.end(), "help") != o.simgrid_config.end()) {
    std::cout << simgrid_config_help();
    return kExitOk;
  }
  try {
    check_simgrid_config(o.simgrid_config);
  } catch (const SimgridConfigError& e) {
    std::cerr << "buslab run: " << e.what() << "\n";
    return kExitBadInput;
  }
  const LoadedDocument loaded = load_document(o.file);
  const std::vector<Scenario> scenarios = load_all(loaded, o.variant, o.overrides);
  if (o.viz && o.out_dir.empty())
    o.out_dir = (std::filesystem::temp_directory_path() / ("buslab-" + scenarios.front().name)).string();
  if (!o.out_dir.empty()) {
    try {
      prepare_outputs(o.out_dir, scenarios, !o.no_trace);
    } catch (const tracefile::OutputError& e) {
      std::cerr << "buslab: " << e.what() << "\n";
      return kExitOutputFailed;
    }
  }
  RunOptions options;
  options.out_dir = o.out_dir;
  options.record_trace = !o.no_trace;
  options.simgrid_config = o.simgrid_config;
  const std::vector<VariantOutcome> outcomes = simulate(scenarios, options, o.jobs);
  std::cout << report_table(scenarios, outcomes, !o.no_timing);
  const int code = exit_code_of(outcomes);
  if (!o.out_dir.empty() && code == kExitOk && !o.no_timing) std::cout << fmt::format("\noutputs: {}/\n", o.out_dir);
  if (code != kExitOk) return code;
  if (!o.viz || o.no_trace) return kExitOk;
  // Every variant's trace, where the run wrote it: one directory per variant when there are several.
  std::vector<std::string> traces;
  for (const auto& s : scenarios)
    traces.push_back(scenarios.size() > 1 ? o.out_dir + "/" + s.variant + "/trace.json" : o.out_dir + "/trace.json");
  return launch_viz(std::move(traces));
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunCommandOptions>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario and print its variants side by side");
  cmd->add_option("file", o->file, "Scenario file (docs/scenario.md); without it, the built-in default scenario");
  cmd->add_option("--set", o->overrides, "Override a field before validation: PATH=VALUE, e.g. services[0].replicas=8")
      ->type_name("PATH=VALUE");
  cmd->add_option("--variant", o->variant, "Run only this variant");
  cmd->add_option("--out", o->out_dir,
                  "Write metrics.json and trace.json here (one directory per variant); checked before the run, and "
                  "cleaned of earlier runs' outputs")
      ->each([o](const std::string&) { o->out_given = true; });
  cmd->add_flag("--no-trace", o->no_trace, "Write metrics.json only");
  cmd->add_flag("--viz", o->viz, "Open the run in buslab-viz afterwards (every variant; pick which to compare there)");
  cmd->add_flag("--no-timing", o->no_timing, "Leave out what varies between identical runs (wall clock, output path)");
  cmd->add_option("--cfg", o->simgrid_config,
                  "A SimGrid option, NAME:VALUE, as SimGrid's --cfg= takes it (e.g. contexts/factory:thread); checked "
                  "before the run; --cfg help lists them")
      ->type_name("NAME:VALUE");
  cmd->add_option("--jobs", o->jobs, "Variants simulated at once (default: the number of cores)")
      ->check(CLI::PositiveNumber);
  return {cmd, [o] { return run(*o); }};
}

}  // namespace buslab::cli
