#pragma once
// How big trace.json will be, known before it is written: a run that recorded millions of hops says so before
// spending the disk (and `--trace-limit` keeps it from being written at all).
#include <cstdint>

#include "models/accounting/trace_log.hpp"

namespace buslab {

// Above this, `buslab run` warns before writing a trace.
inline constexpr double kLargeTraceBytes = 100e6;

// The size trace.json will have, within about 10%: each record's typical length in the writer's format
// (sim/output/trace_writer.cpp), measured on the labs' traces (a hop ~80 bytes, an event ~30, a call ~95).
double estimated_trace_bytes(const TraceLog& trace);

}  // namespace buslab
