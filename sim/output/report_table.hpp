#pragma once
// The side-by-side table `buslab run` prints: one column per variant, read from each run's metrics.json.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/human_time.hpp"  // human_seconds, part of this header's API
#include "sim/output/variant_outcome.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

// `scenarios` are the runs' scenarios, in the same order (for their names, descriptions and overrides); `seeds`,
// when two or more, the replications each run's metrics summarise.
std::string report_table(const std::vector<Scenario>& scenarios, const std::vector<VariantOutcome>& runs,
                         bool wall_clock = true, const std::vector<uint64_t>& seeds = {});

}  // namespace buslab
