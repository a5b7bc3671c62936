#pragma once
// Writes a trace in the Chrome trace event format (JSON), so a run opens in Perfetto (ui.perfetto.dev) or
// chrome://tracing: hosts become processes and lanes threads; every hop is a send and a receive mark joined by a
// flow arrow; service runs and client calls are slices on per-lane "worker"/"calls" threads (so that they nest);
// queue depth and busy workers are counters; faults and timeouts are instant events. Times are microseconds.
#include <ostream>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

// Byte-identical output for the same trace.
void write_chrome_trace(const Trace& trace, const TraceIndex& index, std::ostream& out);

}  // namespace buslab::tracefile
