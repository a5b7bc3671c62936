#pragma once
// The side-by-side table `buslab run` prints: one column per variant, read from each run's metrics.json.
#include <string>
#include <vector>

#include "sim/output/variant_outcome.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// `scenarios` are the runs' scenarios, in the same order (for their names and descriptions).
std::string report_table(const std::vector<Scenario>& scenarios, const std::vector<VariantOutcome>& runs,
                         bool wall_clock = true);

// A duration for people: "812 us", "9.41 ms", "1.25 s".
std::string human_seconds(double seconds);

}  // namespace buslab
