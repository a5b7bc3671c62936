#pragma once
// The `--out` directory of a run, made ready before the simulation starts, so that a directory that cannot be
// written is said at once rather than after the run, and so that what it holds afterwards comes from this run
// only: the outputs of earlier runs (metrics.json and trace.json, in the directory and in its sub-directories, one
// per variant, and timeseries.csv and timeseries.json) are removed first. Only files that are buslab's outputs by their
// content are removed; anything else in the directory is left alone.
#include <string>
#include <vector>

namespace buslab {

struct OutputPlan {
  std::string root;               // `--out`
  std::vector<std::string> dirs;  // where each run writes: `root`, or `root/<variant>` for each variant
  bool trace = true;              // whether the runs write trace.json
  bool timeseries = true;         // whether they write timeseries.csv and timeseries.json
};

struct PreparedOutput {
  // Earlier outputs removed that this run does not write again (a trace.json left beside a `--no-trace` run's
  // metrics.json, the directory of a variant the scenario no longer has), for the user to be told.
  std::vector<std::string> removed;
};

// Creates the directories, checks that files can be created in each, and removes earlier outputs. Throws
// tracefile::OutputError naming the directory and the reason.
PreparedOutput prepare_output(const OutputPlan& plan);

// Whether the file at `path` is a metrics.json, trace.json, timeseries.csv or timeseries.json that buslab wrote (by
// its first bytes).
bool is_buslab_output(const std::string& path);

}  // namespace buslab
