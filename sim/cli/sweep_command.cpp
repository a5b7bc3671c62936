#include "sim/cli/sweep_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "models/core/build_version.hpp"
#include "sim/cli/engine_option.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/cli/sweep_gather.hpp"
#include "sim/cli/sweep_host_check.hpp"
#include "sim/cli/sweep_plan.hpp"
#include "sim/cli/usage_errors.hpp"
#include "sim/cli/variant_runner.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/seed_list.hpp"
#include "sim/scenario/units.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab::cli {

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// At most this many points; a larger product of parameters is surely a mistake.
constexpr size_t kMaxSweepPoints = 1000000;

struct SweepOptions {
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> variants;
  std::vector<std::string> params;
  std::vector<std::string> links;
  std::string seeds;
  std::string shard;
  std::string out_dir;
  std::vector<std::string> merge;
  std::string bucket;
  bool timeseries = false;
  EngineKind engine = EngineKind::Simgrid;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

// The scenarios of one point, with the point's overrides recorded as --param and --link in their provenance.
std::vector<Scenario> load_point(const LoadedDocument& loaded, const SweepDefinition& sweep, size_t point) {
  std::vector<std::string> overrides = sweep.set;
  const std::vector<std::string> own = sweep.point_overrides(point);
  overrides.insert(overrides.end(), own.begin(), own.end());
  std::vector<Scenario> scenarios;
  try {
    scenarios = load_all(loaded, sweep.only_variants, overrides);
  } catch (const ScenarioError& e) {
    throw ScenarioError(fmt::format("point {} ({}): {}", point + 1, sweep.point_label(point), e.what()));
  }
  for (Scenario& s : scenarios) {
    auto& applied = s.provenance.overrides;
    for (size_t k = 0; k < own.size(); ++k)
      applied[applied.size() - own.size() + k].origin = k < sweep.params.size() ? "--param" : "--link";
  }
  return scenarios;
}

// sweep.json in `dir`: written when new, else it must be this sweep's.
void claim_directory(const std::string& dir, const SweepDefinition& sweep) {
  const std::string path = dir + "/sweep.json";
  const Json mine = sweep.to_json();
  std::ifstream in(path);
  if (in) {
    const Json theirs = Json::parse(in, nullptr, false);
    if (theirs != mine)
      throw tracefile::OutputError(fmt::format(
          "{}: holds another sweep (its sweep.json differs from this one's: scenario, --set, --variant, --param, "
          "--link or --seeds); give another --out, or remove it to start again",
          dir));
    return;
  }
  tracefile::write_file_atomically(path, mine.dump(2) + "\n");
}

// "sweep [#######.............] 523/2000 runs | 2 failed | 1 min 02 s | about 2 min left" on stderr.
class SweepProgress {
 public:
  explicit SweepProgress(size_t total) : total_(total), shown_(isatty(STDERR_FILENO)) {}
  void update(size_t done, size_t failed) {
    if (!shown_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const size_t width = 24, filled = total_ ? done * width / total_ : width;
    std::string text = fmt::format("\r\033[Ksweep [{}{}] {}/{} runs", std::string(filled, '#'),
                                   std::string(width - filled, '.'), done, total_);
    if (failed) text += fmt::format(" | {} failed", failed);
    text += " | " + clock(elapsed);
    if (done > 0 && done < total_)
      text += " | about " + clock(elapsed / static_cast<double>(done) * static_cast<double>(total_ - done)) + " left";
    std::cerr << text << std::flush;
  }
  void clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  static std::string clock(double s) {
    if (s < 60) return fmt::format("{:.0f} s", s);
    if (s < 3600) return fmt::format("{:.0f} min {:02.0f} s", std::floor(s / 60), std::fmod(s, 60));
    return fmt::format("{:.0f} h {:02.0f} min", std::floor(s / 3600), std::floor(std::fmod(s, 3600) / 60));
  }
  size_t total_;
  bool shown_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Results and summary from the runs in `dirs`, and what the user is told about them. Exit code 3 when runs are
// missing (failed or not run yet: their points' summaries have fewer seeds).
int write_tables(const SweepDefinition& sweep, const std::vector<std::string>& dirs, const std::string& out) {
  const GatherReport report = gather_sweep(sweep, dirs, out);
  std::cout << fmt::format("results: {}/results.csv ({} rows), {}/summary.csv\n", out, report.result_rows, out);
  if (report.builds.size() > 1)
    std::cerr << fmt::format("buslab sweep: warning: the runs come from {} builds of buslab\n", report.builds.size());
  if (report.missing.empty()) return kExitOk;
  std::string list;
  for (size_t i = 0; i < std::min<size_t>(report.missing.size(), 5); ++i)
    list += fmt::format("  {} ({})\n", sweep.run_dir(report.missing[i]),
                        sweep.point_label(sweep.run(report.missing[i]).point));
  std::cerr << fmt::format(
      "buslab sweep: {} of {} runs missing (failed, or not run yet); the tables leave them out:\n{}{}",
      report.missing.size(), report.runs, list,
      report.missing.size() > 5 ? fmt::format("  ... and {} more\n", report.missing.size() - 5) : std::string());
  return kExitRunFailed;
}

int merge(const SweepOptions& o) {
  std::optional<SweepDefinition> sweep;
  for (const auto& dir : o.merge) {
    const std::string path = dir + "/sweep.json";
    std::ifstream in(path);
    if (!in) throw ScenarioError(fmt::format("{}: cannot read it: not a sweep's directory", path));
    const Json doc = Json::parse(in, nullptr, false);
    if (doc.is_discarded()) throw ScenarioError(fmt::format("{}: invalid JSON", path));
    SweepDefinition d;
    try {
      d = SweepDefinition::from_json(doc, path);
    } catch (const std::runtime_error& e) {
      throw ScenarioError(e.what());
    }
    if (sweep && sweep->to_json() != d.to_json())
      throw ScenarioError(
          fmt::format("{}: another sweep than {}/sweep.json's: their definitions differ", path, o.merge.front()));
    if (!sweep) sweep = d;
  }
  fs::create_directories(o.out_dir);
  claim_directory(o.out_dir, *sweep);
  return write_tables(*sweep, o.merge, o.out_dir);
}

// The swept parameters, links and shard from the command line; throws SweepUsageError.
void read_grid(const SweepOptions& o, SweepDefinition& sweep, Shard& shard) {
  if (o.params.empty()) throw SweepUsageError("--param: expected at least one swept field, PATH=VALUE,VALUE,...");
  for (const auto& text : o.params) {
    sweep.params.push_back(parse_sweep_param(text));
    for (size_t k = 0; k + 1 < sweep.params.size(); ++k)
      if (sweep.params[k].path == sweep.params.back().path)
        throw SweepUsageError(fmt::format("--param {}: {} is swept twice", text, sweep.params.back().path));
  }
  for (const auto& text : o.links) sweep.links.push_back(parse_sweep_link(text, sweep.params));
  if (!o.shard.empty()) shard = parse_shard(o.shard);
  double points = 1;
  for (const auto& p : sweep.params) points *= static_cast<double>(p.values.size());
  if (points > kMaxSweepPoints)
    throw SweepUsageError(fmt::format("--param: {:.0f} points; at most {}", points, kMaxSweepPoints));
}

// The runs of this shard, and those of them not done yet.
struct RunPlan {
  size_t mine = 0;
  std::vector<size_t> todo;
};

// Every point is loaded (a bad value is said before anything runs) and its placement checked; nullopt when the
// engine refuses a point (it said why).
std::optional<RunPlan> plan_runs(const SweepOptions& o, const LoadedDocument& loaded, const SweepDefinition& sweep,
                                 const Shard& shard) {
  const std::string build = build_version();
  HostSharingCheck hosts;
  RunPlan plan;
  const size_t per_point = sweep.variants.size() * sweep.seeds.size();
  for (size_t p = 0; p < sweep.points(); ++p) {
    const std::vector<Scenario> scenarios = load_point(loaded, sweep, p);
    if (!engine_accepts(o.engine, scenarios, {}, "sweep", fmt::format("{}: point {}", loaded.source, p + 1)))
      return std::nullopt;
    hosts.add(p, scenarios.front());
    for (size_t r = p * per_point; r < (p + 1) * per_point; ++r) {
      if (!shard.has(r)) continue;
      ++plan.mine;
      if (read_sweep_run(o.out_dir, sweep, r, build).is_object()) continue;
      // Whatever is there is not this run's (another build's, a half-run's): it must not be gathered.
      std::error_code ignored;
      fs::remove(o.out_dir + "/" + sweep.run_dir(r) + "/metrics.json", ignored);
      plan.todo.push_back(r);
    }
  }
  for (const auto& warning : hosts.warnings(sweep)) std::cerr << warning << "\n";
  return plan;
}

// Runs the listed runs in --jobs processes, an error.txt beside each failed one; returns how many failed.
size_t execute_runs(const SweepOptions& o, const LoadedDocument& loaded, const SweepDefinition& sweep,
                    const std::vector<size_t>& todo) {
  RunOptions options;
  options.engine = o.engine;
  options.record_trace = false;
  options.write_timeseries = o.timeseries;
  options.timeline = false;                                            // a sweep prints no sparklines
  if (!o.bucket.empty()) options.bucket = parse_time(o.bucket).value;  // checked by the option
  SweepProgress progress(todo.size());
  size_t failed = 0, finished = 0;
  std::vector<std::string> failures;
  // The scenarios of the point being started (runs of one point come one after the other).
  size_t cached_point = SIZE_MAX;
  std::vector<Scenario> cached;
  run_in_processes(
      todo.size(), o.jobs,
      [&](size_t i) {
        const size_t r = todo[i];
        const SweepDefinition::Run run = sweep.run(r);
        if (run.point != cached_point) cached = load_point(loaded, sweep, cached_point = run.point);
        RunJob job{cached[run.variant], options, sweep.run_dir(r)};
        job.scenario.seed = sweep.seeds[run.seed];
        job.options.out_dir = o.out_dir + "/" + sweep.run_dir(r);
        return job;
      },
      [&](size_t i, VariantOutcome&& outcome) {
        const std::string error_file = o.out_dir + "/" + sweep.run_dir(todo[i]) + "/error.txt";
        std::error_code ignored;
        if (!outcome.error.empty()) {
          ++failed;
          if (failures.size() < 5) failures.push_back(fmt::format("{}: {}", sweep.run_dir(todo[i]), outcome.error));
          fs::create_directories(fs::path(error_file).parent_path(), ignored);
          std::ofstream(error_file) << outcome.error << "\n";
        } else {
          fs::remove(error_file, ignored);
        }
        progress.update(++finished, failed);
      });
  progress.clear();
  for (const auto& f : failures) std::cerr << "buslab sweep: run failed: " << f << "\n";
  if (failed > failures.size()) std::cerr << fmt::format("buslab sweep: ... {} runs failed in all\n", failed);
  return failed;
}

int sweep(const SweepOptions& o) {
  if (o.out_dir.empty()) {
    std::cerr << "buslab sweep: --out DIR is required: where the runs and their tables go\n";
    return kExitUsage;
  }
  if (!o.merge.empty()) return merge(o);
  SweepDefinition sweep;
  Shard shard;
  try {
    read_grid(o, sweep, shard);
  } catch (const SweepUsageError& e) {
    std::cerr << "buslab sweep: " << e.what() << "\n";
    return kExitUsage;
  }

  const LoadedDocument loaded = load_document(o.file);
  sweep.scenario_file = loaded.source;
  sweep.scenario_sha256 = loaded.sha256;
  sweep.set = o.overrides;
  sweep.only_variants = o.variants;
  const std::vector<Scenario> base = load_all(loaded, o.variants, o.overrides);
  for (const auto& s : base) sweep.variants.push_back(run_name(s));
  sweep.seeds = o.seeds.empty() ? std::vector<uint64_t>{base.front().seed} : parse_seed_list(o.seeds).seeds;
  sweep.engine = engine_name(o.engine);
  if (!engine_accepts(o.engine, base, {}, "sweep", loaded.source)) return kExitBadInput;

  fs::create_directories(o.out_dir);
  claim_directory(o.out_dir, sweep);
  const std::optional<RunPlan> plan = plan_runs(o, loaded, sweep, shard);
  if (!plan) return kExitBadInput;
  std::cout << fmt::format(
      "sweep: {} points x {} variant{} x {} seed{} = {} runs{}; {} to run, {} done before\n", sweep.points(),
      sweep.variants.size(), sweep.variants.size() == 1 ? "" : "s", sweep.seeds.size(),
      sweep.seeds.size() == 1 ? "" : "s", sweep.runs(),
      shard.count > 1 ? fmt::format(" (shard {}/{}: {})", shard.index, shard.count, plan->mine) : "", plan->todo.size(),
      plan->mine - plan->todo.size());
  const size_t failed = execute_runs(o, loaded, sweep, plan->todo);
  if (shard.count > 1) {
    std::cout << fmt::format(
        "shard {}/{} done; when every shard is, gather them: buslab sweep --merge DIR... --out DIR\n", shard.index,
        shard.count);
    return failed ? kExitRunFailed : kExitOk;
  }
  const int code = write_tables(sweep, {o.out_dir}, o.out_dir);
  return failed ? kExitRunFailed : code;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  auto* cmd = app.add_subcommand(
      "sweep", "Run a scenario over a grid of parameter values, variants and seeds; tables of the results");
  cmd->add_option("file", o->file, "Scenario file (docs/scenario.md); without it, the built-in default scenario");
  cmd->add_option("--param", o->params,
                  "A swept field and its values: PATH=V1,V2,... or PATH=FIRST..LAST[:STEP] (repeat: every "
                  "combination is a point)")
      ->type_name("PATH=VALUES");
  cmd->add_option("--link", o->links,
                  "TARGET=SOURCE: the field TARGET takes the value of the swept SOURCE at each point, e.g. "
                  "platform.hosts[2].count=services[0].replicas")
      ->type_name("TARGET=SOURCE");
  cmd->add_option("--set", o->overrides, "Override a field at every point: PATH=VALUE")->type_name("PATH=VALUE");
  cmd->add_option("--variant", o->variants, "Sweep only these variants (default: all)")
      ->delimiter(',')
      ->type_name("NAME");
  cmd->add_option("--seeds", o->seeds, "Seeds of every point and variant (1-5, 1,3,7); default: the scenario's seed")
      ->type_name("LIST")
      ->check(CLI::Validator([](std::string& text) { return parse_seed_list(text).error; }, "LIST"));
  add_engine_option(cmd, o->engine);
  cmd->add_option("--jobs", o->jobs, "Simulations run at once (default: the number of cores)")
      ->check(whole_number_at_least_one(4096))
      ->type_name("N");
  cmd->add_option("--shard", o->shard, "Run only the I-th of N disjoint slices of the runs (a cluster job array)")
      ->type_name("I/N");
  cmd->add_option("--out", o->out_dir,
                  "Where the runs go (DIR/runs/<point>/<variant>/seed-<s>/metrics.json), and DIR/results.csv and "
                  "DIR/summary.csv; a sweep started again there runs only what is not done")
      ->type_name("DIR");
  cmd->add_option("--merge", o->merge, "Gather the runs of these directories (the shards of one sweep) into --out")
      ->expected(1, -1)
      ->type_name("DIR");
  cmd->add_option("--bucket", o->bucket, "Width of the time series' buckets (with --timeseries)")
      ->type_name("TIME")
      ->check(CLI::Validator(
          [](std::string& text) {
            const auto t = parse_time(text);
            if (!t.ok() || !(t.value > 0)) return "expected a time above 0, like 100ms, found \"" + text + "\"";
            return std::string();
          },
          "TIME"));
  cmd->add_flag("--timeseries", o->timeseries, "Keep each run's timeseries.csv and timeseries.json too");
  cmd->footer(
      "\nExamples (docs/analysis.md):\n"
      "  buslab sweep --param services[0].replicas=1,2,4,8,16 --link platform.hosts[1].count=services[0].replicas "
      "--seeds 1-5 --out out/servers\n"
      "  buslab sweep lab.json --param services[0].prefetch=1,10,0 --shard 3/8 --out out/p/shard-3\n"
      "  buslab sweep --merge out/p/shard-* --out out/p\n"
      "\nA warning says when a service's replicas share hosts at some points and not at others (link the host "
      "count).\nExit codes: 0 ok, 1 usage, 2 bad scenario or value, 3 a run failed or is missing, 5 an output could "
      "not be written.");
  return {cmd, [o] { return sweep(*o); }};
}

}  // namespace buslab::cli
