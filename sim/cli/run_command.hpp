#pragma once
// `buslab run [FILE]`: simulates a scenario (the built-in default without FILE), its variants side by side, and
// prints the table; writes metrics.json and trace.json per variant with --out; opens buslab-viz with --viz.
#include "sim/cli/command.hpp"

namespace buslab::cli {

Command add_run_command(CLI::App& app);

}  // namespace buslab::cli
