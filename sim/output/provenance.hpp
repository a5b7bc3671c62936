#pragma once
// The `provenance` object of metrics.json and trace.json (docs/metrics.md): which buslab, which scenario file
// (name and SHA-256), which variant and seed(s), and every override applied. Deterministic: the same build,
// file, overrides and seeds give the same bytes, so outputs stay byte-comparable; tools comparing results across
// builds drop this one object.
#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace buslab {

nlohmann::ordered_json provenance_json(const Scenario& scenario);

}  // namespace buslab
