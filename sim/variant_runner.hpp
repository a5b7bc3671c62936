#pragma once
// Runs several scenarios (the variants of one file) each in its own forked process, because SimGrid allows one
// Engine per process, a few at a time, and collects their metrics.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace buslab {

struct VariantOutcome {
  std::string name;
  nlohmann::ordered_json metrics;
  double wall_seconds = 0.0;
  std::string error;  // non-empty when the run failed
};

// `out_dir` of `options` gets one sub-directory per variant. `jobs` bounds the processes running at once.
std::vector<VariantOutcome> run_variants(const std::vector<Scenario>& scenarios, const RunOptions& options, int jobs);

}  // namespace buslab
