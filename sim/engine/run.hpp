#pragma once
// One simulation of one scenario (one variant): builds the platform and the processes on a SimGrid Engine,
// runs the load then the drain, checks conservation, and writes the outputs. SimGrid allows one Engine per
// process, so one process runs at most one scenario (sim/variant_runner runs several by forking).
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace buslab {

struct RunOptions {
  std::string out_dir;  // where metrics.json and trace.json go; empty: nowhere
  bool record_trace = true;
  // SimGrid's own options, NAME:VALUE (sim/engine/simgrid_config.hpp), checked beforehand by check_simgrid_config.
  std::vector<std::string> simgrid_config;
};

struct RunResult {
  nlohmann::ordered_json metrics;
  double wall_seconds = 0.0;  // for humans only; never written to metrics.json
  std::string output_error;   // the run went well but its outputs could not be written (none were: all or nothing)
};

// A model broke one of its own rules (a message accounted twice, conservation not holding): a bug, not bad
// input.
class RunFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace buslab
