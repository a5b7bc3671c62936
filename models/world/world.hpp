#pragma once
// The shared state of one run that every model reports to: the ledger, the trace, the metrics, the directory,
// quiescence tracking and the control channel.
#include <cstdint>

#include "models/accounting/ledger.hpp"
#include "models/accounting/metrics.hpp"
#include "models/accounting/time_series.hpp"
#include "models/accounting/trace_log.hpp"
#include "models/core/directory.hpp"
#include "models/core/envelope.hpp"
#include "models/core/host_clock.hpp"
#include "models/servicegroup/service_db.hpp"

namespace buslab {

// Tells when nothing is going on: no frame on the wire and no node with work in hand. The run uses it to end
// the drain phase as soon as the system is quiet.
class Quiescence {
 public:
  void frame_sent() { ++in_transit_; }
  void frame_done() { --in_transit_; }
  // A node reports when it starts or stops having work in hand (pending calls, backlog, CPU jobs).
  void set_busy(bool& flag, bool busy) {
    if (flag == busy) return;
    flag = busy;
    busy_nodes_ += busy ? 1 : -1;
  }
  bool idle() const { return in_transit_ == 0 && busy_nodes_ == 0; }
  int64_t in_transit() const { return in_transit_; }
  int64_t busy_nodes() const { return busy_nodes_; }
  // Frames that carry a message of their own (Envelope::owns_message), counted by the runtime as they leave and
  // as they arrive or are lost: the messages on the wire, for the end-of-run census.
  void message_sent() { ++messages_in_transit_; }
  void message_done() { --messages_in_transit_; }
  int64_t messages_in_transit() const { return messages_in_transit_; }

 private:
  int64_t in_transit_ = 0;
  int64_t busy_nodes_ = 0;
  int64_t messages_in_transit_ = 0;
};

// Delivers a local event (no network) to a node at a given time: what a process learns from its own host's
// kernel, e.g. that a peer's connection was reset or missed its heartbeats.
class ControlChannel {
 public:
  virtual ~ControlChannel() = default;
  virtual void post(NodeId target, EnvelopePtr env, double at) = 0;
};

struct World {
  explicit World(bool record_trace) : trace(record_trace), series(trace) { trace.set_observer(&series); }
  World(const World&) = delete;  // the trace points at the series
  World& operator=(const World&) = delete;
  uint64_t seed = 1;
  Ledger ledger;
  TraceLog trace;
  TimeSeries series;  // collecting once started (sim/engine/run.cpp)
  Metrics metrics;
  Directory directory;
  Quiescence quiescence;
  ControlChannel* control = nullptr;
  HostClocks clocks;                 // what each host's clock reads (true time unless a scenario skews it)
  ServiceDatabase service_database;  // nova's services table, when a scenario declares a servicegroup
};

}  // namespace buslab
