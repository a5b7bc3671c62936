#pragma once
// Writes a run's TraceLog as trace.json (docs/trace-format.md), streaming records so a million hops take
// seconds, not minutes.
#include <string>

#include <nlohmann/json.hpp>

#include "models/accounting/trace_log.hpp"
#include "sim/scenario/scenario.hpp"
#include "tracefile/atomic_file.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab {

// The version it writes: the one the trace reader reads (docs/trace-format.md).
inline constexpr int kTraceVersion = tracefile::kTraceFormatVersion;

// Writes into `out` (the caller commits it). `conservation` is the run's message ledger as metrics.json gives it:
// the fates a trace's records cannot all show (a transient message lost inside a crashed broker leaves no hop). A
// time that is not finite or beyond tracefile::kMaxTraceSeconds, or a value that is not finite, throws
// std::runtime_error naming the record: the file would be garbage. Write errors throw OutputError.
void write_trace(tracefile::AtomicFile& out, const Scenario& scenario, const TraceLog& trace, double sim_time,
                 const nlohmann::ordered_json& conservation);

}  // namespace buslab
