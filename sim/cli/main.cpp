// buslab: the command line. Each subcommand lives in its own file (run_command, validate_command, ...; `export`
// in tracefile/); this file registers them, parses, and turns every way out into a documented exit code
// (exit_codes.hpp).
#include <iostream>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "models/core/build_version.hpp"
#include "sim/cli/check_command.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/metrics_csv_export.hpp"
#include "sim/cli/plot_command.hpp"
#include "sim/cli/run_command.hpp"
#include "sim/cli/schema_command.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/cli/usage_errors.hpp"
#include "sim/cli/validate_command.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simgrid_config.hpp"
#include "sim/output/expected_file.hpp"
#include "sim/output/metrics_writer.hpp"
#include "sim/output/trace_writer.hpp"
#include "sim/scenario/default_scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "tracefile/atomic_file.hpp"
#include "tracefile/export_command.hpp"

namespace {

// `buslab --version`: the build (git describe at build time) and the formats it writes.
std::string version_text() {
  return fmt::format("buslab {}\nSimGrid {}; writes metrics {} and trace version {}", buslab::build_version(),
                     buslab::simgrid_version(), buslab::kMetricsSchema, buslab::kTraceVersion);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace buslab;
  using namespace buslab::cli;
  CLI::App app{"buslab: a discrete-event simulator and teaching lab for message-bus RPC (SimGrid)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text());
  app.footer(
      "Exit codes: 0 ok, 1 usage, 2 bad input (scenario, override, trace, expected results), 3 the simulation "
      "failed, 4 a checked result moved beyond its tolerance, 5 an output could not be written (--out unusable, disk "
      "full).");

  std::vector<Command> commands;
  commands.push_back(add_run_command(app));
  commands.push_back(add_validate_command(app));
  commands.push_back(add_check_command(app));
  commands.push_back(add_schema_command(app));
  commands.push_back(add_sweep_command(app));
  commands.push_back(add_plot_command(app));
  auto* default_cmd =
      app.add_subcommand("default", "Print the built-in default scenario (a starting point for your own)");
  commands.push_back({default_cmd, [] {
                        std::cout << default_scenario_json() << "\n";
                        return static_cast<int>(kExitOk);
                      }});
  int export_status = 0;
  CLI::App* export_cmd = tracefile::add_export_command(app, export_status, export_metrics_csv);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, argc, argv);
  }
  if (export_cmd->parsed()) return export_status;

  try {
    for (const Command& command : commands)
      if (command.app->parsed()) return command.run();
    return kExitUsage;
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const CLI::Error& e) {
    std::cerr << "buslab: " << e.what() << "\n";
    return kExitUsage;
  } catch (const ExpectedFileError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const RunFailure& e) {
    std::cerr << "buslab: the simulation failed: " << e.what() << "\n";
    return kExitRunFailed;
  } catch (const tracefile::OutputError& e) {
    std::cerr << "buslab: " << e.what() << "\n";
    return kExitOutputFailed;
  } catch (const std::exception& e) {
    std::cerr << "buslab: " << e.what() << "\n";
    return kExitRunFailed;
  }
}
