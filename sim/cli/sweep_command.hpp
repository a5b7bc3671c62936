#pragma once
// `buslab sweep FILE --param PATH=V1,V2,... --out DIR`: the scenario over every combination of the swept values,
// every variant and seed, in parallel on this machine or in slices over a cluster (--shard, --merge), resumable,
// into a tidy results.csv and a summary.csv with confidence intervals (docs/analysis.md).
#include "sim/cli/command.hpp"

namespace buslab::cli {

Command add_sweep_command(CLI::App& app);

}  // namespace buslab::cli
