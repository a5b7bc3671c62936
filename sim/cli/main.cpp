// buslab: the command line. `buslab run [FILE]` simulates a scenario (the built-in default without FILE) and
// prints its variants side by side; `buslab validate FILE` checks a scenario; `buslab default` prints the
// built-in scenario as a starting point. Exit codes: 0 ok, 1 usage, 2 bad input, 3 the simulation failed.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "sim/scenario/default_scenario.hpp"
#include "sim/output/report_table.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tracefile/export_command.hpp"
#include "sim/cli/variant_runner.hpp"

namespace {

using namespace buslab;

constexpr int kExitBadInput = 2;
constexpr int kExitRunFailed = 3;

struct LoadedDocument {
  nlohmann::json doc;
  std::string source;
};

LoadedDocument load_document(const std::string& file) {
  if (file.empty())
    return {parse_scenario_json(default_scenario_json(), kDefaultScenarioSource), kDefaultScenarioSource};
  return {read_scenario_file(file), file};
}

// Every scenario a command covers: each variant (or the one named), or the file itself when it has none.
std::vector<Scenario> load_all(const LoadedDocument& loaded, const std::string& only_variant,
                               const std::vector<std::string>& overrides) {
  std::vector<std::string> variants = variant_names(loaded.doc, loaded.source);
  // An unknown variant is reported by load_scenario, with the list of known ones.
  if (!only_variant.empty()) variants = {only_variant};
  if (variants.empty()) variants.push_back("");
  std::vector<Scenario> scenarios;
  for (const auto& v : variants) scenarios.push_back(load_scenario(loaded.doc, loaded.source, v, overrides));
  return scenarios;
}

std::string viz_binary() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto candidate = self.parent_path() / "visualizer" / "buslab-viz";
  if (!ec && std::filesystem::exists(candidate)) return candidate.string();
  const auto sibling = self.parent_path() / "buslab-viz";
  if (!ec && std::filesystem::exists(sibling)) return sibling.string();
  return "buslab-viz";
}

int cmd_run(const std::string& file, const std::vector<std::string>& overrides, const std::string& variant,
            std::string out_dir, bool no_trace, bool viz, int jobs, bool no_timing) {
  const LoadedDocument loaded = load_document(file);
  const std::vector<Scenario> scenarios = load_all(loaded, variant, overrides);
  if (viz && out_dir.empty())
    out_dir = (std::filesystem::temp_directory_path() / ("buslab-" + scenarios.front().name)).string();
  RunOptions options;
  options.out_dir = out_dir;
  options.record_trace = !no_trace;
  std::vector<VariantOutcome> outcomes;
  if (scenarios.size() == 1 && scenarios.front().variant.empty()) {
    VariantOutcome outcome;
    try {
      RunResult result = run_scenario(scenarios.front(), options);
      outcome.metrics = std::move(result.metrics);
      outcome.wall_seconds = result.wall_seconds;
    } catch (const RunFailure& e) {
      outcome.error = e.what();
    }
    outcomes.push_back(std::move(outcome));
  } else {
    outcomes = run_variants(scenarios, options, jobs);
  }
  std::cout << report_table(scenarios, outcomes, !no_timing);
  bool failed = false;
  for (const auto& o : outcomes) failed = failed || !o.error.empty();
  if (!out_dir.empty() && !failed && !no_timing) std::cout << fmt::format("\noutputs: {}/\n", out_dir);
  if (failed) return kExitRunFailed;
  if (viz && !no_trace) {
    std::vector<std::string> traces;
    for (const auto& s : scenarios)
      traces.push_back(scenarios.size() > 1 || !s.variant.empty() ? out_dir + "/" + s.variant + "/trace.json"
                                                                  : out_dir + "/trace.json");
    if (traces.size() > 2) traces.resize(2);  // the visualizer compares two runs at a time
    const std::string binary = viz_binary();
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (auto& t : traces) argv.push_back(t.data());
    argv.push_back(nullptr);
    std::fflush(nullptr);
    execvp(binary.c_str(), argv.data());
    std::cerr << fmt::format("buslab: cannot start {} (is the visualizer built?)\n", binary);
    return 1;
  }
  return 0;
}

int cmd_validate(const std::string& file, const std::vector<std::string>& overrides) {
  const LoadedDocument loaded = load_document(file);
  const std::vector<Scenario> scenarios = load_all(loaded, "", overrides);
  // "1 broker", "2 brokers": the summary is read by people checking their file.
  const auto count = [](size_t n, const char* noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); };
  for (const auto& s : scenarios) {
    size_t replicas = 0, clients = 0, publishers = 0;
    for (const auto& svc : s.services) replicas += static_cast<size_t>(svc.replicas);
    for (const auto& c : s.clients) clients += static_cast<size_t>(c.count);
    for (const auto& p : s.publishers) publishers += static_cast<size_t>(p.count);
    std::cout << fmt::format("{}{}: ok ({}, {}, {} with {}, {}, {}, {}, {})\n", loaded.source,
                             s.variant.empty() ? "" : " [" + s.variant + "]", count(s.platform.hosts.size(), "host"),
                             count(s.brokers.size(), "broker"), count(s.services.size(), "service"),
                             count(replicas, "replica"), count(clients, "client"), count(publishers, "publisher"),
                             count(s.consumers.size(), "consumer group"), count(s.faults.size(), "fault"));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"buslab: a discrete-event simulator and teaching lab for message-bus RPC (SimGrid)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "buslab 0.1.0");

  std::string file, variant, out_dir;
  std::vector<std::string> overrides;
  bool no_trace = false, viz = false, no_timing = false;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  auto* run = app.add_subcommand("run", "Simulate a scenario and print its variants side by side");
  run->add_option("file", file, "Scenario file (docs/scenario.md); without it, the built-in default scenario");
  run->add_option("--set", overrides, "Override a field before validation: PATH=VALUE, e.g. services[0].replicas=8")
      ->type_name("PATH=VALUE");
  run->add_option("--variant", variant, "Run only this variant");
  run->add_option("--out", out_dir, "Write metrics.json and trace.json here (one directory per variant)");
  run->add_flag("--no-trace", no_trace, "Write metrics.json only");
  run->add_flag("--viz", viz, "Open the run in buslab-viz afterwards (two variants side by side)");
  run->add_flag("--no-timing", no_timing, "Leave out what varies between identical runs (wall clock, output path)");
  run->add_option("--jobs", jobs, "Variants simulated at once (default: the number of cores)")
      ->check(CLI::PositiveNumber);

  auto* validate = app.add_subcommand("validate", "Check a scenario file and its variants without running it");
  validate->add_option("file", file, "Scenario file")->required();
  validate->add_option("--set", overrides, "Override a field before validation: PATH=VALUE")->type_name("PATH=VALUE");

  app.add_subcommand("default", "Print the built-in default scenario (a starting point for your own)");

  int export_status = 0;
  auto* export_cmd = tracefile::add_export_command(app, export_status);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (export_cmd->parsed()) return export_status;

  try {
    if (app.got_subcommand("default")) {
      std::cout << default_scenario_json() << "\n";
      return 0;
    }
    if (app.got_subcommand("validate")) return cmd_validate(file, overrides);
    return cmd_run(file, overrides, variant, out_dir, no_trace, viz, jobs, no_timing);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const RunFailure& e) {
    std::cerr << "buslab: the simulation failed: " << e.what() << "\n";
    return kExitRunFailed;
  } catch (const std::exception& e) {
    std::cerr << "buslab: " << e.what() << "\n";
    return kExitRunFailed;
  }
}
