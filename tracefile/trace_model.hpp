#pragma once
// A trace.json held in memory (docs/trace-format.md), compact enough for millions of hops: records are stored as
// struct-of-arrays and every name that repeats on records (kinds, methods, statuses, outcomes) is interned.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "models/core/host_clock.hpp"

namespace buslab::tracefile {

// Every time in a trace is in [0, kMaxTraceSeconds]: the simulated clock starts at 0, and a scenario's times are at
// most 1e15 s each, so a run ends before 1e16 s. Beyond, a value is garbage, not a time (docs/trace-format.md).
inline constexpr double kMaxTraceSeconds = 1e16;

// The version of docs/trace-format.md this build writes and reads.
inline constexpr int kTraceFormatVersion = 1;

enum class LaneKind : uint8_t { Host, Client, Server, Broker, Exchange, Queue, Other };

// Hop kinds the format documents. A kind this build does not know is kept by name and classed Other.
enum class HopKind : uint8_t {
  Request,
  Route,
  Delivery,
  Reply,
  Ack,
  Nack,
  Confirm,
  Return,
  Heartbeat,
  Error,
  Control,
  Local,
  Other
};
inline constexpr int kHopKindCount = 13;

enum class HopStatus : uint8_t { Ok, Lost, Dropped, Other };

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
  Connected,
  Disconnected,
  Blocked,
  Unblocked,
  Bytes,
  Hang,
  Resume,
  Done,
  Lost,
  Report,
  Other
};

const char* to_string(LaneKind kind);
const char* to_string(HopKind kind);
const char* to_string(EventType type);
LaneKind lane_kind_from(std::string_view name);

// Faults are drawn as marks across the lanes they touch.
bool is_fault(EventType type);

// Interns strings: a record keeps a small index instead of a copy. Known names can be pre-seeded so that their
// index equals an enum value.
class StringTable {
 public:
  uint32_t intern(const std::string& name);
  const std::string& name(uint32_t index) const { return names_[index]; }
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> index_;
};

// A server's `workers` when its pool has no bound (ThreadingMixIn's thread per connection, zerorpc's gevent pool):
// the most instances a scenario allows (sim/scenario/schema.hpp kMaxInstances).
inline constexpr int kUnboundedWorkers = 100000;
inline bool unbounded_workers(int workers) {
  return workers >= kUnboundedWorkers;
}

struct Lane {
  int id = 0;
  std::string name;
  LaneKind kind = LaneKind::Other;
  std::string kind_name;  // as written in the file, so an unknown kind still shows
  std::string host;
  std::string broker;
  std::string service;
  int workers = 0;
  // Host lanes: the host's wall clock when the trace records one (a skewed clock; times stay true time).
  ClockSpec clock;
  bool clock_seen = false;
};

// Hops in file order: by t_send, then msg. t_recv is NaN for a hop that never arrived.
struct Hops {
  std::vector<uint64_t> msg;
  std::vector<uint64_t> call;
  std::vector<uint8_t> kind;  // index into Trace::hop_kinds; below kHopKindCount - 1 it is the HopKind itself
  std::vector<int32_t> from;
  std::vector<int32_t> to;
  std::vector<double> t_send;
  std::vector<double> t_recv;
  std::vector<uint64_t> bytes;
  std::vector<uint32_t> method;  // index into Trace::methods
  std::vector<uint8_t> status;   // index into Trace::hop_statuses; below 3 it is the HopStatus itself

  size_t size() const { return t_send.size(); }
  bool arrived(size_t i) const { return !std::isnan(t_recv[i]); }
};

// Events in file order: by t, then lane.
struct Events {
  std::vector<double> t;
  std::vector<int32_t> lane;
  std::vector<uint8_t> type;  // index into Trace::event_types; below EventType::Other it is the EventType itself
  std::vector<double> value;
  std::vector<uint64_t> call;

  size_t size() const { return t.size(); }
};

// Calls in file order: by call id. t_end is NaN for an unfinished call; server is -1 when none ran it.
struct Calls {
  std::vector<uint64_t> call;
  std::vector<int32_t> client;
  std::vector<uint32_t> method;  // index into Trace::methods
  std::vector<uint8_t> cast;     // 1: a cast (no reply expected)
  std::vector<double> t_start;
  std::vector<double> t_end;
  std::vector<uint32_t> outcome;  // index into Trace::outcomes
  std::vector<int32_t> server;
  std::vector<uint64_t> parent;  // the call during whose handling it was made, 0 for a root (or a trace without it)

  size_t size() const { return call.size(); }
};

struct Trace {
  Trace();

  std::string path;  // where it was read from, for messages and titles
  int version = 0;
  std::string scenario;
  std::string variant;
  int64_t seed = 0;
  double sim_time_s = 0;

  // The run's message ledger ("conservation": created, consumed, dropped.<reason>, expired, lost.<cause>,
  // remaining.<place>) in file order; empty for a trace written before it was added.
  std::vector<std::pair<std::string, double>> conservation;

  std::vector<Lane> lanes;
  Hops hops;
  Events events;
  Calls calls;

  StringTable hop_kinds;     // pre-seeded with the HopKind names
  StringTable hop_statuses;  // pre-seeded with "ok", "lost", "dropped"
  StringTable event_types;   // pre-seeded with the EventType names
  StringTable methods;       // "" is index 0
  StringTable outcomes;

  HopKind hop_kind(size_t hop) const { return kind_class(hops.kind[hop]); }
  HopKind kind_class(uint8_t kind_index) const {
    return kind_index < kHopKindCount - 1 ? static_cast<HopKind>(kind_index) : HopKind::Other;
  }
  HopStatus hop_status(size_t hop) const {
    return hops.status[hop] < 3 ? static_cast<HopStatus>(hops.status[hop]) : HopStatus::Other;
  }
  EventType event_type(size_t event) const {
    const uint8_t t = events.type[event];
    return t < static_cast<uint8_t>(EventType::Other) ? static_cast<EventType>(t) : EventType::Other;
  }
  const std::string& kind_name(size_t hop) const { return hop_kinds.name(hops.kind[hop]); }
  const std::string& method_name(size_t hop) const { return methods.name(hops.method[hop]); }
  const std::string& status_name(size_t hop) const { return hop_statuses.name(hops.status[hop]); }
  // Whether call row `call` did what it was asked: answered ("ok"), a cast handed to its transport ("sent") or
  // confirmed by its broker ("confirmed"). The one place that says which outcomes are a success.
  bool call_completed(size_t call) const;

  // "default / brokered", for titles.
  std::string title() const;
  // Recomputes t_begin and t_end, the span of every time the records mention (the reader calls it).
  void compute_span();
  double t_begin = 0;
  double t_end = 0;
};

}  // namespace buslab::tracefile
