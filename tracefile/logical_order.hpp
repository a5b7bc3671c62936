#pragma once
// The hops of a stretch of a trace in happened-before order, as ShiViz draws distributed executions: each send and
// each arrival is an event on its lane, placed at a logical step (a Lamport clock: one more than the lane's previous
// event, and an arrival after its send), so that causality reads left to right, evenly spaced, with the idle time
// between bursts squeezed out. Faults on a lane are events too.
#include <cstdint>
#include <vector>

#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct LogicalHop {
  uint32_t hop = 0;
  uint32_t send_step = 0;
  uint32_t recv_step = 0;  // 0 when it never arrived
};

struct LogicalEvent {
  uint32_t event = 0;  // index into trace.events (a fault or a timeout)
  uint32_t step = 0;
};

struct LogicalOrder {
  double t0 = 0, t1 = 0;             // the stretch of time it covers: hops leaving in [t0, t1]
  std::vector<LogicalHop> hops;      // in hop order
  std::vector<LogicalEvent> events;  // faults and timeouts in [t0, t1], by time
  uint32_t steps = 0;                // the last step used
};

// The logical order of the hops leaving in [t0, t1] and the faults and timeouts in it. Steps start at 1 and every
// step from 1 to `steps` holds at least one event.
LogicalOrder logical_order(const Trace& trace, double t0, double t1);

}  // namespace buslab::tracefile
