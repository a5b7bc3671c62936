#pragma once
// The order lanes are shown in, shared by buslab-viz and the SVG export: hosts grouped, client hosts first, then
// brokers, then servers, so that requests flow down the screen and replies back up; within a host, the host lane
// first, then its lanes in id order.
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

// Host indices (into TraceIndex::hosts()) in display order.
std::vector<size_t> host_display_order(const Trace& trace, const TraceIndex& index);
// Every lane id in display order.
std::vector<int> lane_display_order(const Trace& trace, const TraceIndex& index);

}  // namespace buslab::tracefile
