#pragma once
// The run's trace, in memory: lanes, one record per message hop, state changes and calls. sim/output/trace_writer
// turns it into trace.json (docs/trace-format.md). Recording hops and events can be switched off when no trace
// is written; calls always get ids.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/accounting/call_lineage.hpp"
#include "models/core/envelope.hpp"
#include "models/core/host_clock.hpp"
#include "models/core/ids.hpp"

namespace buslab {

enum class LaneKind : uint8_t { Host, Client, Server, Broker, Exchange, Queue };

struct LaneInfo {
  std::string name;
  LaneKind kind = LaneKind::Host;
  std::string host;
  std::string broker;   // exchanges, queues
  std::string service;  // servers
  int workers = 0;      // servers
};

enum class EventType : uint8_t {
  Up,
  Down,
  Depth,
  Busy,
  Backlog,
  ServiceStart,
  ServiceEnd,
  Timeout,
  Kill,
  Restart,
  HostDown,
  HostUp,
  LinkDown,
  LinkUp,
  ScaleOut,
  Connected,     // a process (re)connected to a broker (value: its index in the failover list)
  Disconnected,  // a process lost its broker connection
  Blocked,       // a broker's memory alarm: publishers blocked
  Unblocked,
  Bytes,   // a queue's ready bytes
  Hang,    // a server stopped making progress (fault), still connected
  Resume,  // ... and carries on
  Done,    // an AMQP consumer processed a message to the end (value: seconds from its publish)
  Lost,    // a crash took messages with it (value: how many the process or broker held)
  Report,  // a nova service's heartbeat written to its row (value: updated_at as stored, on the writer's clock)
};

// Sent: a cast handed to its transport (fire and forget). Confirmed: a cast that waited for the broker's publisher
// confirm (oslo's confirm_publish): done, and its time is a round trip, reported as a latency like a call's.
enum class CallOutcome : uint8_t { Pending, Ok, Timeout, Error, Sent, Confirmed };

struct HopRecord {
  MsgId msg;
  CallId call;
  double t_send;
  double t_recv;  // NaN: never arrived
  uint64_t bytes;
  LaneId from;
  LaneId to;
  uint32_t method;  // index into methods()
  HopKind kind;
  HopStatus status;
};

struct EventRecord {
  double t;
  LaneId lane;
  EventType type;
  double value;  // a level, a count, an index or seconds, by type (docs/trace-format.md)
  CallId call;
};

struct CallRecord {
  CallId call;
  LaneId client;
  uint32_t method;
  RpcMode mode;
  double t_start;
  double t_end;  // NaN while pending
  CallOutcome outcome;
  std::string error;  // for Error: the reason ("refused", "no_such_method", ...)
  LaneId server;
  // Lineage: the call during whose handling this one was made (0: a root) and the root of its tree.
  CallId parent = 0;
  CallId root = 0;
  uint32_t service = 0;  // the service called: index into services()
};

// Told of every state change and call as the models report them, whether the trace records them or not (the run's
// time series: models/accounting/time_series.hpp).
class TraceObserver {
 public:
  virtual ~TraceObserver() = default;
  virtual void on_event(double t, LaneId lane, EventType type, double value) = 0;
  virtual void on_call_begin(double t, LaneId client, uint32_t method) = 0;
  virtual void on_call_end(double t, const CallRecord& call) = 0;
};

const char* to_string(LaneKind kind);
const char* to_string(EventType type);
const char* to_string(HopKind kind);
const char* to_string(HopStatus status);

class TraceLog {
 public:
  explicit TraceLog(bool record_hops_and_events) : recording_(record_hops_and_events) {}

  bool recording() const { return recording_; }
  void set_observer(TraceObserver* observer) { observer_ = observer; }
  LaneId add_lane(LaneInfo info);
  const std::vector<LaneInfo>& lanes() const { return lanes_; }
  const LaneInfo& lane(LaneId id) const { return lanes_.at(static_cast<size_t>(id)); }
  // A host lane's wall clock, when it is not exact (trace.json records it so a viewer can show host time).
  void set_clock(LaneId host, ClockSpec clock) { clocks_[host] = clock; }
  const std::map<LaneId, ClockSpec>& clocks() const { return clocks_; }

  // Interns a method name ("" is index 0).
  uint32_t method_index(const std::string& method);
  const std::vector<std::string>& methods() const { return methods_; }

  // What a hop record needs from a frame, taken before its receiver moves the message out of it.
  struct HopHeader {
    MsgId msg = 0;
    CallId call = 0;
    uint32_t method = 0;
  };
  HopHeader header(const Envelope& env);
  void hop(const Envelope& env, double t_recv);
  void hop(const HopHeader& header, const Envelope& env, double t_recv);
  void hop(MsgId msg, CallId call, HopKind kind, LaneId from, LaneId to, double t_send, double t_recv, uint64_t bytes,
           const std::string& method, HopStatus status);
  // Records a state change. Several `Depth`, `Busy` or `Backlog` changes of one lane at one instant keep the last.
  void event(double t, LaneId lane, EventType type, double value = 0, CallId call = 0);

  // `parent`: the call the caller is handling when it makes this one (0: none, a root); `service`: the service
  // called ("" when unknown).
  CallId begin_call(LaneId client, const std::string& method, RpcMode mode, double t, CallId parent = 0,
                    const std::string& service = "");
  // Interned service names of calls ("" is index 0).
  const std::vector<std::string>& services() const { return services_; }
  void end_call(CallId call, double t, CallOutcome outcome, LaneId server, const std::string& error = "");
  bool call_pending(CallId call) const;
  // A server ran `call` to the end at `t`. Casts learn their server this way (nobody replies); the last one is kept.
  void ran_by(CallId call, LaneId server, double t);

  const std::vector<HopRecord>& hops() const { return hops_; }
  const std::vector<EventRecord>& events() const { return events_; }
  // Every call, when the trace records; otherwise empty (a run without trace keeps only the calls in flight).
  const std::vector<CallRecord>& calls() const { return calls_; }
  // Calls of each method and root calls' trees, tallied whether the trace records or not.
  const CallTally& tally() const { return tally_; }

 private:
  bool recording_;
  TraceObserver* observer_ = nullptr;
  std::vector<LaneInfo> lanes_;
  std::map<LaneId, ClockSpec> clocks_;
  std::vector<std::string> methods_{""};
  std::unordered_map<std::string, uint32_t> method_ids_{{"", 0}};
  std::vector<HopRecord> hops_;
  std::vector<EventRecord> events_;
  std::vector<CallRecord> calls_;  // index = call id - 1
  // Without recording, a call's record lives only while it is pending, so memory follows the calls in flight
  // (issue 15 point 3); ids still count every call.
  std::unordered_map<CallId, CallRecord> pending_calls_;
  CallId last_call_ = 0;
  CallRecord* find_call(CallId call);
  std::vector<std::string> services_{""};
  std::unordered_map<std::string, uint32_t> service_ids_{{"", 0}};
  CallTally tally_;
  std::unordered_map<uint64_t, size_t> last_level_;  // (lane, type) -> index of its last level event
};

}  // namespace buslab
