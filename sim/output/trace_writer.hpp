#pragma once
// Writes a run's TraceLog as trace.json (docs/trace-format.md), streaming records so a million hops take
// seconds, not minutes.
#include <string>

#include <nlohmann/json.hpp>

#include "models/accounting/trace_log.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

inline constexpr int kTraceVersion = 1;

// `conservation` is the run's message ledger as metrics.json gives it: the fates a trace's records cannot all show
// (a transient message lost inside a crashed broker leaves no hop). Throws std::runtime_error naming the file when
// it cannot be written.
void write_trace(const std::string& path, const Scenario& scenario, const TraceLog& trace, double sim_time,
                 const nlohmann::ordered_json& conservation);

}  // namespace buslab
