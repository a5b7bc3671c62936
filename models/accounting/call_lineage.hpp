#pragma once
// Calls as trees (call lineage): each call made while a server handled another carries that call as its parent,
// and the root of the tree (a nova boot: the API's cast, the conductor's call to the scheduler, its cast to a
// compute, the compute's saves through the conductor). Tallied as calls happen, so a run without trace (which
// keeps no call records, docs/metrics.md "Memory") reports the same: the calls of each method apart, and for root
// calls the end-to-end time of their whole tree. Memory follows the trees in flight.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "models/accounting/latency.hpp"
#include "models/core/ids.hpp"
#include "models/core/message.hpp"

namespace buslab {

enum class CallOutcome : uint8_t;

struct MethodCalls {
  std::string service;
  std::string method;
  RpcMode mode = RpcMode::Call;
  uint64_t calls = 0;  // issued
  uint64_t roots = 0;  // issued by a client on its own (not while handling another call)
  uint64_t ok = 0;     // answered with success (calls) or handed to the transport (casts)
  uint64_t timed_out = 0;
  uint64_t failed = 0;
  uint64_t pending() const { return calls - ok - timed_out - failed; }  // unfinished when the run ended
  LatencySamples latency;     // calls answered with success: issue to decoded reply, at the caller
  LatencySamples end_to_end;  // root calls whose tree finished: issue to the end of the last call of the tree
};

// A call stays open until it ended for its caller and, for a cast handed to the transport or a call that timed out,
// until a server ran it to the end (a heartbeat that timed out in a conductor's queue and was written later ends
// its tree when written). A tree finishes when none of its calls is open: its end is the latest end (at a caller)
// or completion (at a server) of its calls until then. When the run ends, a tree whose only open calls timed out
// and were never run ends at its latest end; one with a call still pending or a cast never run is unfinished.
class CallTally {
 public:
  // A call was issued; `parent` 0 for a root, `service` "" when unknown.
  void begin(CallId call, CallId parent, const std::string& service, const std::string& method, RpcMode mode, double t);
  void end(CallId call, double t, CallOutcome outcome);
  // A server ran `call` to the end at `t`.
  void ran(CallId call, double t);
  // The root of an open call's tree (0 when the call is not open).
  CallId root_of(CallId call) const;
  // Whether some call was made while handling another.
  bool nested() const { return nested_; }
  // The calls of each method, by "<service>.<method>" (or "<method>" when the service is unknown), with the trees
  // the run's end finishes (above).
  std::map<std::string, MethodCalls> by_method() const;

 private:
  struct OpenCall {
    CallId root = 0;  // 0: in no tree
    MethodCalls* method = nullptr;
    double t_start = 0;
    bool ended = false;
    bool cast_sent = false;  // a cast handed to the transport: a server is yet to run it
    bool wait_run = false;   // a cast handed to the transport, or a call that timed out: open until a server ran it
    bool ran = false;
  };
  struct Tree {
    uint64_t open = 0;
    double last = 0;
    double t_start = 0;
    MethodCalls* method = nullptr;
  };
  // `c` ended or ran at `t`: its tree lasts until then at least, and the call closes if nothing more is awaited.
  void settle(CallId call, OpenCall& c, double t);
  void close_if_done(CallId call, OpenCall& c);
  std::map<std::string, MethodCalls> methods_;
  std::unordered_map<CallId, OpenCall> open_;
  std::unordered_map<CallId, Tree> trees_;  // by root
  bool nested_ = false;
};

}  // namespace buslab
