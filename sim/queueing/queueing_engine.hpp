#pragma once
// The queueing engine: runs the same models (Node, through models/core/runtime.hpp) as the SimGrid engine, on one
// event queue instead of actors and flows. A frame arrives after its transfer time (network.hpp: latency plus size
// over bandwidth, without sharing), and never before the frame sent before it on its connection
// (connection_fifo.hpp); CPU work is served by its host's cores as a processor-sharing server, a disk
// write by its host's disk the same way (ps_server.hpp); timers fire at their time. Events at one instant run in
// the order they were scheduled; a node's zero-length work ends right after the event that started it, as on
// SimGrid. It gives the deployment its processes (ProcessHost), the fault plan its network (NetworkFaults) and
// the models their control channel (ControlChannel). No SimGrid here.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/core/runtime.hpp"
#include "models/world/world.hpp"
#include "sim/deploy/process_host.hpp"
#include "sim/queueing/connection_fifo.hpp"
#include "sim/queueing/event_queue.hpp"
#include "sim/queueing/network.hpp"
#include "sim/queueing/ps_server.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab::queueing {

class QueueingEngine final : public ProcessHost, public NetworkFaults, public ControlChannel {
 public:
  QueueingEngine(World& world, const PlatformSpec& platform);
  ~QueueingEngine() override;
  QueueingEngine(const QueueingEngine&) = delete;
  QueueingEngine& operator=(const QueueingEngine&) = delete;

  // ProcessHost
  double now() const override { return now_; }
  void add_process(NodeId id, Node& node, const std::string& host) override;
  void start_all() override;
  void stop_all() override;
  void add_disk(const std::string& host, double write_bandwidth) override;
  // Nothing to gain: its processor-sharing cores cost one event per piece of work either way.
  void own_cores(NodeId, int) override {}
  // NetworkFaults
  void set_host_link(const std::string& host, bool up) override;
  void set_shared_link(const std::string& link, bool up) override;
  // ControlChannel
  void post(NodeId target, EnvelopePtr env, double at) override;

  // Calls `apply(index)` at `at` (a fault of the schedule). Faults scheduled before the run starts come first among
  // the events of their instant.
  void schedule_fault(double at, size_t index);
  void on_fault(std::function<void(size_t)> apply) { apply_fault_ = std::move(apply); }

  // Runs the events due before `until` (and the faults due at `until`); false when the run failed (error()).
  bool run_until(double until);
  // Runs events due until `deadline` while `done` says no (asked after each event); true when `done` said yes.
  // The clock is left at the moment `done` said yes, or at `deadline`.
  bool run_while_not(double deadline, const std::function<bool()>& done);
  // The first error a model raised (it broke one of its rules), empty when none.
  const std::string& error() const { return error_; }
  // Events handled so far, and those scheduled and not yet handled (dead ones included).
  uint64_t events() const { return events_; }
  size_t pending_events() const { return queue_.size(); }
  // Called every so many events (for a progress line).
  void on_tick(std::function<void()> tick) { tick_ = std::move(tick); }

  // What the runtimes call.
  void send(NodeId from, EnvelopePtr env);
  void start_work(NodeId node, double flops, uint64_t tag);
  void start_disk_write(NodeId node, uint64_t bytes, uint64_t tag);
  TimerId set_timer(NodeId node, double at, uint64_t tag);
  void cancel_timer(NodeId node, TimerId id);
  void cancel_all(NodeId node);
  double core_speed(NodeId node) const;

 private:
  class Process;
  struct NodeSlot {
    Node* node = nullptr;
    std::unique_ptr<Process> runtime;
    uint32_t host = 0;
    uint32_t life = 0;  // cancel_all moves it on: the node's timers still queued are dead
    uint32_t live_timers = 0;
    std::vector<uint64_t> finished;  // zero-length work, ended right after the current event
  };
  struct TimerSlot {
    uint32_t generation = 1;  // moves on when the timer fires or is cancelled: a TimerId names one use
    uint32_t node = 0;
    uint32_t life = 0;
    uint64_t tag = 0;
  };
  struct Server {
    PsServer ps;
    uint32_t generation = 0;  // of its scheduled completion event
    double scheduled = -1.0;  // when that event is (negative: none)
    bool dirty = false;       // its jobs changed during the current event
  };

  bool step(const Event& e);
  void dispatch(const Event& e);
  void handle_timer(const Event& e);
  void handle_server(const Event& e);
  // After an event: the zero-length work of `node`, then the servers whose jobs changed get their next completion.
  void settle(uint32_t node);
  void reschedule(uint32_t server);
  void compact_if_needed();
  bool alive(const Event& e);
  void free_timer(uint32_t slot);
  uint32_t host_index(const std::string& host) const;
  void fail(uint32_t node, const std::exception& e);

  World& world_;
  Network network_;
  ConnectionFifo fifo_;
  EventQueue queue_;
  double now_ = 0.0;
  uint64_t events_ = 0;
  bool started_ = false;
  bool stopped_ = false;
  std::string error_;
  std::vector<NodeSlot> nodes_;
  std::vector<TimerSlot> timers_;
  std::vector<uint32_t> free_timers_;
  std::vector<Server> servers_;        // each host's CPU (index = host), then the disks
  std::vector<int32_t> disk_of_host_;  // server index of each host's disk, -1 when none
  std::vector<uint32_t> dirty_servers_;
  std::vector<PsServer::Job> done_;  // reused by each completion
  std::unordered_map<std::string, uint32_t> host_index_;
  std::vector<double> host_speed_;
  std::function<void(size_t)> apply_fault_;
  std::function<void()> tick_;
};

}  // namespace buslab::queueing
