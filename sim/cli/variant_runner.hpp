#pragma once
// Runs several scenarios (the variants of one file) each in its own forked process, because SimGrid allows one
// Engine per process, a few at a time, and collects their metrics.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/engine/run.hpp"
#include "sim/output/variant_outcome.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// Where run `index` of `scenarios` writes its outputs: `out_dir` itself for a single run, else
// `out_dir/<variant>`; empty when `out_dir` is.
std::string variant_out_dir(const std::string& out_dir, const std::vector<Scenario>& scenarios, size_t index);

// `out_dir` of `options` gets one sub-directory per variant (variant_out_dir). `jobs` bounds the processes running at
// once.
std::vector<VariantOutcome> run_variants(const std::vector<Scenario>& scenarios, const RunOptions& options, int jobs);

}  // namespace buslab
