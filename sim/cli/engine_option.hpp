#pragma once
// `--engine simgrid|queueing` (docs/engines.md), shared by the commands that start runs (run, sweep), and the
// check that every scenario about to run is one the chosen engine can honour.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "sim/deploy/run_types.hpp"

namespace buslab::cli {

void add_engine_option(CLI::App* cmd, EngineKind& engine);

const char* engine_name(EngineKind engine);

// With the queueing engine, says on stderr (as `<command>: <file>: <path>: ...`) what each scenario has that it
// cannot honour; false when there is anything.
bool engine_accepts(EngineKind engine, const std::vector<Scenario>& scenarios,
                    const std::vector<std::string>& simgrid_config, const std::string& command,
                    const std::string& file);

}  // namespace buslab::cli
