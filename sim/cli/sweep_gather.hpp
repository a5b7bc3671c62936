#pragma once
// A sweep's runs gathered into its tables: each run's metrics.json, found in the sweep's directory or in any of
// several (the shards of a sweep spread over a cluster), checked to be the run it should be, and written in the
// sweep's order into results.csv and summary.csv (sim/output/sweep_results.hpp). The same runs give the same bytes
// however they were sharded.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/sweep_plan.hpp"

namespace buslab::cli {

// Whether `metrics` is run `r` of `sweep`: its variant, seed, scenario file (by SHA-256) and every override of its
// point. `build`, when not empty, must be the buslab that wrote it (a resumed sweep reruns what another build ran).
bool is_sweep_run(const nlohmann::ordered_json& metrics, const SweepDefinition& sweep, size_t r,
                  const std::string& build = "");

// Reads DIR/<run dir>/metrics.json when it is there and is run `r`; null otherwise.
nlohmann::ordered_json read_sweep_run(const std::string& dir, const SweepDefinition& sweep, size_t r,
                                      const std::string& build = "");

struct GatherReport {
  size_t runs = 0;               // in the sweep
  size_t result_rows = 0;        // rows of results.csv
  std::vector<size_t> missing;   // runs found nowhere (or not as they should be)
  std::set<std::string> builds;  // the buslab builds that wrote the runs
};

// Writes out_dir/results.csv and out_dir/summary.csv from the runs found in `dirs` (the first that has a run wins).
// Throws tracefile::OutputError when they cannot be written.
GatherReport gather_sweep(const SweepDefinition& sweep, const std::vector<std::string>& dirs,
                          const std::string& out_dir);

}  // namespace buslab::cli
