#include "sim/output/trace_size.hpp"

namespace buslab {

double estimated_trace_bytes(const TraceLog& trace) {
  constexpr double kHop = 80, kEvent = 30, kCall = 95, kLane = 80;
  return kHop * static_cast<double>(trace.hops().size()) + kEvent * static_cast<double>(trace.events().size()) +
         kCall * static_cast<double>(trace.calls().size()) + kLane * static_cast<double>(trace.lanes().size());
}

}  // namespace buslab
