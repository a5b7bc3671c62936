#include "sim/cli/run_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "sim/cli/check_command.hpp"
#include "sim/cli/engine_option.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/progress_line.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/cli/usage_errors.hpp"
#include "sim/cli/viz_launcher.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simgrid_config.hpp"
#include "sim/output/output_dir.hpp"
#include "sim/output/report_table.hpp"
#include "sim/output/sparklines.hpp"
#include "sim/scenario/seed_list.hpp"
#include "sim/scenario/units.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::cli {

namespace {

struct RunCommandOptions {
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> variants;
  std::string out_dir;
  bool out_given = false;  // `--out ""` is refused, not taken for no `--out`
  bool no_trace = false;
  bool viz = false;
  bool no_timing = false;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> simgrid_config;  // --cfg NAME:VALUE
  EngineKind engine = EngineKind::Simgrid;
  std::optional<uint64_t> seed;
  std::string seeds;
  std::string check;
  std::string trace_limit;
  std::string bucket;
  bool sparklines = false;
  bool no_timeseries = false;
  std::vector<std::string> service_lists;  // --service-list TIME
};

// `--service-list T`: a nova-manage service list at T in every run, as if the scenario's servicegroup observed it.
// Empty when done; else the error to print.
std::string add_service_lists(std::vector<Scenario>& scenarios, const std::vector<std::string>& times) {
  if (times.empty()) return "";
  for (Scenario& s : scenarios) {
    if (!s.servicegroup.declared)
      return fmt::format(
          "--service-list: {} declares no servicegroup, so it has no services to list "
          "(docs/servicegroup.md)",
          run_name(s));
    for (const auto& text : times) {
      const double t = parse_time(text).value;  // checked by the option
      if (t > s.duration)
        return fmt::format("--service-list {}: expected a time within {}'s load (duration {:g} s)", text, run_name(s),
                           s.duration);
      s.servicegroup.observe.push_back(t);
    }
    auto& observe = s.servicegroup.observe;
    std::sort(observe.begin(), observe.end());
    observe.erase(std::unique(observe.begin(), observe.end()), observe.end());
    s.provenance.overrides.push_back(
        {"--service-list", "servicegroup.observe", fmt::format("\"{}\"", fmt::join(times, ","))});
  }
  return "";
}

// "3/40 runs done" on stderr while several simulations run, only on a terminal.
std::function<void(size_t, size_t)> runs_progress(size_t total) {
  if (total < 2 || !isatty(STDERR_FILENO)) return {};
  return [](size_t done, size_t all) {
    std::cerr << fmt::format("\r{}/{} runs done", done, all) << (done == all ? "\r\033[K" : "") << std::flush;
  };
}

// Checks and cleans the output directories before anything runs (sim/output/output_dir.hpp), and says which
// earlier outputs it removed that this run will not replace. Each run writes `<out>/<run>/`, and with
// replications each seed `<out>/<run>/seed-<s>/` (sim/cli/replications.hpp).
void prepare_outputs(const std::string& out_dir, const std::vector<Scenario>& scenarios,
                     const std::vector<uint64_t>& seeds, bool trace, bool timeseries) {
  OutputPlan plan;
  plan.root = out_dir;
  plan.trace = trace;
  plan.timeseries = timeseries;
  for (const auto& s : scenarios) {
    const std::string dir = out_dir + "/" + run_name(s);
    plan.dirs.push_back(dir);
    if (seeds.size() >= 2)
      for (uint64_t seed : seeds) plan.dirs.push_back(dir + fmt::format("/seed-{}", seed));
  }
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

// What the option parser cannot check alone; an exit code when the command should stop here (--cfg help included).
std::optional<int> check_command_line(const RunCommandOptions& o) {
  if (o.out_given && o.out_dir.empty()) {
    std::cerr << "buslab run: --out: expected a directory, found an empty name\n";
    return kExitUsage;
  }
  if (std::find(o.simgrid_config.begin(), o.simgrid_config.end(), "help") != o.simgrid_config.end()) {
    std::cout << simgrid_config_help();
    return kExitOk;
  }
  // Every run reads BUSLAB_SIMGRID_CFG (sim/engine/run.cpp): its options are checked here too, first.
  try {
    check_simgrid_config(simgrid_config_from_environment());
  } catch (const SimgridConfigError& e) {
    std::cerr << "buslab run: BUSLAB_SIMGRID_CFG: " << e.what() << "\n";
    return kExitBadInput;
  }
  try {
    check_simgrid_config(o.simgrid_config);
  } catch (const SimgridConfigError& e) {
    std::cerr << "buslab run: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::set<std::string> named;
  for (const auto& v : o.variants)
    if (!named.insert(v).second) {
      std::cerr << fmt::format("buslab run: --variant: \"{}\" is named twice\n", v);
      return kExitUsage;
    }
  return std::nullopt;
}

ReplicationPlan plan_of(const RunCommandOptions& o, const std::vector<Scenario>& scenarios,
                        const std::vector<uint64_t>& seeds) {
  ReplicationPlan plan;
  plan.runs = scenarios;
  plan.seeds = seeds;
  plan.out_dir = o.out_dir;
  plan.record_trace = !o.no_trace;
  plan.write_timeseries = !o.no_timeseries;
  plan.timeline = o.sparklines;
  if (!o.bucket.empty()) plan.bucket = parse_time(o.bucket).value;  // checked by the option
  plan.simgrid_config = o.simgrid_config;
  plan.engine = o.engine;
  plan.jobs = o.jobs;
  plan.on_finished = runs_progress(scenarios.size() * std::max<size_t>(1, seeds.size()));
  plan.on_progress = terminal_progress();
  if (!o.trace_limit.empty()) plan.trace_limit_bytes = parse_size(o.trace_limit).value;  // checked by the option
  return plan;
}

int run(RunCommandOptions o) {
  if (const auto stop = check_command_line(o)) return *stop;
  std::vector<uint64_t> seeds;
  if (!o.seeds.empty()) seeds = parse_seed_list(o.seeds).seeds;  // checked by the option's validator

  const LoadedDocument loaded = load_document(o.file);
  std::vector<Scenario> scenarios = load_all(loaded, o.variants, o.overrides, o.seed);
  if (const std::string error = add_service_lists(scenarios, o.service_lists); !error.empty()) {
    std::cerr << "buslab run: " << error << "\n";
    return kExitUsage;
  }
  warn_about(loaded, scenarios);
  if (!engine_accepts(o.engine, scenarios, o.simgrid_config, "run", loaded.source)) return kExitBadInput;
  if (!o.bucket.empty())
    for (const auto& s : scenarios)
      if (const double n = buckets_at_most(s, parse_time(o.bucket).value); n > kMaxBuckets) {
        std::cerr << fmt::format(
            "buslab run: --bucket {}: {} would cut into up to {:.0f} buckets (load, faults and drain); at most {:.0f}: "
            "expected a wider bucket\n",
            o.bucket, run_name(s), n, kMaxBuckets);
        return kExitUsage;
      }
  if (o.viz && o.out_dir.empty())
    o.out_dir = (std::filesystem::temp_directory_path() / ("buslab-" + scenarios.front().name)).string();
  if (!o.out_dir.empty()) {
    try {
      prepare_outputs(o.out_dir, scenarios, seeds, !o.no_trace, !o.no_timeseries);
    } catch (const tracefile::OutputError& e) {
      std::cerr << "buslab: " << e.what() << "\n";
      return kExitOutputFailed;
    }
  }

  const std::vector<VariantOutcome> outcomes = run_replications(plan_of(o, scenarios, seeds));
  clear_progress_line();

  std::cout << report_table(scenarios, outcomes, !o.no_timing, seeds);
  if (o.sparklines) {
    const std::string lines = sparklines_text(outcomes);
    if (!lines.empty()) std::cout << "\n" << lines;
  }
  const int code = exit_code_of(outcomes);
  if (!o.out_dir.empty() && code == kExitOk && !o.no_timing) std::cout << fmt::format("\noutputs: {}/\n", o.out_dir);
  if (code != kExitOk) return code;
  if (!o.check.empty()) {
    std::vector<nlohmann::ordered_json> results;
    for (const auto& outcome : outcomes) results.push_back(outcome.metrics);
    std::cout << "\n";
    const int checked = check_metrics(results, o.check, false, loaded.source);
    if (checked != kExitOk) return checked;
  }
  if (!o.viz || o.no_trace) return kExitOk;
  // Every run's trace, where it was written (the first seed's, with replications).
  std::vector<std::string> traces;
  for (const auto& s : scenarios)
    traces.push_back(o.out_dir + "/" + run_name(s) +
                     (seeds.size() >= 2 ? fmt::format("/seed-{}", seeds.front()) : std::string()) + "/trace.json");
  return launch_viz(std::move(traces));
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunCommandOptions>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario and print its variants side by side");
  cmd->add_option("file", o->file, "Scenario file (docs/scenario.md); without it, the built-in default scenario");
  cmd->add_option("--set", o->overrides, "Override a field before validation: PATH=VALUE, e.g. services[0].replicas=8")
      ->type_name("PATH=VALUE");
  cmd->add_option("--variant", o->variants, "Run only these variants (repeat the option, or separate names by commas)")
      ->delimiter(',')
      ->type_name("NAME");
  cmd->add_option("--out", o->out_dir,
                  "Write DIR/<run>/metrics.json, trace.json, timeseries.csv and timeseries.json, <run> being each "
                  "variant (or the scenario's name); "
                  "checked before the run, and cleaned of earlier runs' outputs")
      ->type_name("DIR")
      ->each([o](const std::string&) { o->out_given = true; });
  cmd->add_flag("--no-trace", o->no_trace, "Do not write trace.json");
  cmd->add_flag("--no-timeseries", o->no_timeseries,
                "Do not write timeseries.csv and timeseries.json (nor collect the series, unless --sparklines)");
  cmd->add_option("--bucket", o->bucket,
                  "Width of the time series' buckets (e.g. 100ms; default: a round width giving 100 to 250 buckets "
                  "over the load; docs/timeseries.md)")
      ->type_name("TIME")
      ->check(CLI::Validator(
          [](std::string& text) {
            const auto t = parse_time(text);
            if (!t.ok()) return "expected " + t.expected + ", found \"" + text + "\"";
            if (!(t.value > 0)) return "expected a time above 0, found \"" + text + "\"";
            return std::string();
          },
          "TIME"));
  cmd->add_flag("--sparklines", o->sparklines,
                "After the table, the key series over time (calls completed per second, latency p99, queues, "
                "backlogs, busy workers), one text line per variant");
  cmd->add_option("--service-list", o->service_lists,
                  "Print a nova-manage service list at this simulated time after the table (repeat, or separate by "
                  "commas; the scenario needs a servicegroup, docs/servicegroup.md)")
      ->delimiter(',')
      ->type_name("TIME")
      ->check(CLI::Validator(
          [](std::string& text) {
            const auto t = parse_time(text);
            return t.ok() ? std::string() : "expected " + t.expected + ", found \"" + text + "\"";
          },
          "TIME"));
  cmd->add_flag("--viz", o->viz, "Open the run in buslab-viz afterwards (every variant; pick which to compare there)");
  cmd->add_flag("--no-timing", o->no_timing, "Leave out what varies between identical runs (wall clock, output path)");
  cmd->add_option("--cfg", o->simgrid_config,
                  "A SimGrid option, NAME:VALUE, as SimGrid's --cfg= takes it (e.g. contexts/factory:thread); checked "
                  "before the run; --cfg help lists them")
      ->type_name("NAME:VALUE");
  add_engine_option(cmd, o->engine);
  cmd->add_option("--jobs", o->jobs, "Simulations run at once (default: the number of cores)")
      ->check(whole_number_at_least_one(4096))
      ->type_name("N");
  auto* seed = cmd->add_option("--seed", o->seed, "Run with this seed instead of the scenario's")->type_name("N");
  cmd->add_option("--seeds", o->seeds,
                  "Replications: run each variant once per seed (1-20, 1,3,7) and report mean and 95% confidence "
                  "interval")
      ->type_name("LIST")
      ->check(CLI::Validator([](std::string& text) { return parse_seed_list(text).error; }, "LIST"))
      ->excludes(seed);
  cmd->add_option("--trace-limit", o->trace_limit,
                  "Do not write a trace.json larger than this (e.g. 500MB); a trace over 100 MB is written with a "
                  "warning")
      ->type_name("SIZE")
      ->check(CLI::Validator(
          [](std::string& text) {
            const auto size = parse_size(text);
            return size.ok() ? std::string() : "expected " + size.expected + ", found \"" + text + "\"";
          },
          "SIZE"));
  cmd->add_option("--check", o->check,
                  "Then compare the results with this EXPECTED file (docs/check.md); exit 4 on a regression")
      ->type_name("EXPECTED");
  cmd->footer(
      "\nExit codes: 0 ok, 1 usage, 2 bad scenario or override, 3 a simulation failed, 4 --check found a "
      "regression, 5 an output could not be written.");
  return {cmd, [o] { return run(*o); }};
}

}  // namespace buslab::cli
