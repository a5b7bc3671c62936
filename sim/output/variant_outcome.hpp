#pragma once
// What one variant's run left for the side-by-side table: its metrics.json, or why it failed.
#include <string>

#include <nlohmann/json.hpp>

namespace buslab {

struct VariantOutcome {
  std::string name;
  nlohmann::ordered_json metrics;
  double wall_seconds = 0.0;
  std::string error;  // non-empty when the run failed
};

}  // namespace buslab
