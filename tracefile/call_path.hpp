#pragma once
// One RPC call followed end to end: the hops it made and where its latency went (client send, request on the
// wire, broker routing, queue wait, delivery, server backlog, service, reply path, client receive).
#include <cstdint>
#include <string>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

enum class Phase : uint8_t {
  ClientSend,      // issued -> request leaves the client
  RequestWire,     // request on the wire
  BrokerRoute,     // at the exchange -> in the queue
  QueueWait,       // ready in the queue -> delivered
  Delivery,        // delivery on the wire
  ServerBacklog,   // at the server -> a worker starts it
  Service,         // running
  ReplySend,       // done -> reply leaves the server
  ReplyWire,       // direct: reply on the wire; brokered: to the default exchange and routed
  ReplyQueueWait,  // ready in the reply queue -> delivered
  ReplyDelivery,   // reply delivery on the wire
  ClientReceive,   // reply at the client -> call ends
  Unanswered,      // nothing more happened until the call ended (timeout, error)
};
inline constexpr int kPhaseCount = 13;
const char* to_string(Phase phase);

struct PathSegment {
  Phase phase;
  double t0 = 0, t1 = 0;
  int lane = -1;  // where the time is spent (drawn there)
  double duration() const { return t1 - t0; }
};

struct CallPath {
  uint64_t call = 0;
  long row = -1;  // in trace.calls; -1: unknown call
  std::vector<uint32_t> hops;
  std::vector<PathSegment> segments;  // in time order, end to end
  int server = -1;                    // the server that ran it (inferred from the hops when the trace says -1)
  double t_start = 0, t_end = 0;      // t_end: the call's end, or its last milestone (casts, unfinished calls)
  double total() const { return t_end - t_start; }
};

// Follows a call through the trace. Milestones a trace lacks (a direct call has no queue) are skipped, so the
// segments always add up to total().
CallPath trace_call(const Trace& trace, const TraceIndex& index, uint64_t call);

}  // namespace buslab::tracefile
