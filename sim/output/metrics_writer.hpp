#pragma once
// metrics.json: the versioned summary CI pipelines lock (docs/metrics.md). Only simulated quantities go in,
// never wall-clock time, so two runs of one scenario and seed give the same bytes.
#include <nlohmann/json.hpp>

#include "models/world/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

inline constexpr const char* kMetricsSchema = "buslab-metrics/2";

struct RunTimes {
  double load_end = 0.0;  // when clients stopped issuing requests
  double end = 0.0;       // when the run ended
  bool drained = false;   // it ended because nothing was left in flight (not at the drain deadline)
};

// `accounted_for`: the end-of-run conservation check found every message accounted for (metrics.json's
// conservation.balanced).
nlohmann::ordered_json metrics_json(const Scenario& scenario, const World& world, const RunTimes& times,
                                    bool accounted_for);

}  // namespace buslab
