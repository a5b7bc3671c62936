#pragma once
// What one variant's run left for the side-by-side table: its metrics.json, or why it failed.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace buslab {

struct VariantOutcome {
  std::string name;
  nlohmann::ordered_json metrics;   // null when the simulation failed
  nlohmann::ordered_json timeline;  // key series over time (sim/output/sparklines.hpp); null when not collected
  double wall_seconds = 0.0;
  std::string error;           // non-empty when the run failed
  bool output_failed = false;  // the simulation ran (metrics hold its results), but its outputs could not be written

  bool simulated() const { return !metrics.is_null(); }
};

// What a set of runs comes to, worst first: a simulation failed (whatever else happened); else some outputs could not
// be written; else all is well. The CLI maps it to exit codes 3, 5 and 0.
enum class RunsVerdict { Ok, OutputFailed, SimulationFailed };

inline RunsVerdict verdict_of(const std::vector<VariantOutcome>& outcomes) {
  RunsVerdict verdict = RunsVerdict::Ok;
  for (const auto& o : outcomes) {
    if (o.error.empty()) continue;
    if (!o.output_failed) return RunsVerdict::SimulationFailed;
    verdict = RunsVerdict::OutputFailed;
  }
  return verdict;
}

}  // namespace buslab
