#pragma once
// A latency summary as metrics.json writes it wherever it gives one (clients, publishers' confirms, consumers,
// methods): count, mean, p50, p90, p99, max, in seconds (docs/metrics.md).
#include <nlohmann/json.hpp>

#include "models/accounting/latency.hpp"

namespace buslab {

nlohmann::ordered_json latency_json(const LatencySummary& s);

}  // namespace buslab
