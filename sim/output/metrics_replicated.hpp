#pragma once
// One metrics.json over several replications of a run (one per seed; docs/metrics.md, "Replications"): the
// same tree as a single run's, with `seeds` for `seed` and every number replaced by its summary
//   {"mean": m, "sd": s, "ci95": [low, high], "values": [one per seed, in seed order]}
// and every boolean by {"all": b, "values": [...]}. Entities are matched by name across seeds; a number a seed's
// run does not have (a failure reason that never happened there) counts as 0 for it.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

namespace buslab {

nlohmann::ordered_json replicate_metrics(const std::vector<nlohmann::ordered_json>& runs,
                                         const std::vector<uint64_t>& seeds);

// Whether `value` is a replicated number's summary.
bool is_replicated_number(const nlohmann::ordered_json& value);

}  // namespace buslab
