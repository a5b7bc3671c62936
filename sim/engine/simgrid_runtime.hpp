#pragma once
// The thin SimGrid layer under a model: one actor per node, running an event loop that waits at once for the
// node's next frame (its inbox mailbox, a permanent receiver so transfers flow while the node is busy), its CPU
// executions and its next timer, and hands each event to the node. The node decides; this file only moves.
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/core/runtime.hpp"
#include "models/world/world.hpp"
#include "sim/deploy/frame_delivery.hpp"

namespace buslab {

class RunControl;

class SimgridProcess final : public Runtime {
 public:
  SimgridProcess(World& world, NodeId id, Node& node, simgrid::s4u::Host* host, RunControl& control);

  // Starts the node's actor. It runs until the run controller stops it (stop_processes): it is no daemon, so
  // SimGrid never kills it in the middle of an activity.
  void spawn();
  // The actor body: on_start, then the event loop, until a Stop frame comes or the node breaks a model rule.
  void run();

  double now() const override;
  void send(EnvelopePtr env) override;
  void start_work(double flops, uint64_t tag) override;
  void start_disk_write(uint64_t bytes, uint64_t tag) override;
  TimerId set_timer(double at, uint64_t tag) override;
  void cancel_timer(TimerId id) override;
  void cancel_all() override;
  double core_speed() const override;

  simgrid::s4u::Mailbox* inbox() const { return inbox_; }
  simgrid::s4u::Host* host() const { return host_; }
  // This process never runs more than `pieces` of CPU work at once, and neither do its host's processes together
  // run more than its cores: each piece would get a whole core from SimGrid, so the process times it itself.
  void own_cores(int pieces) { own_cores_ = pieces; }

  // The inbox of node `id` (created on first use), so a send needs no lookup by name.
  static simgrid::s4u::Mailbox* mailbox_of(NodeId id);

 private:
  struct Timer {
    double at;
    TimerId id;
    uint64_t tag;
    bool work = false;  // the end of CPU work the process times itself (own_cores), not a model's timer
    bool operator>(const Timer& other) const { return at > other.at || (at == other.at && id > other.id); }
  };
  struct Work {
    simgrid::s4u::ActivityPtr activity;  // an execution or a disk write
    uint64_t tag;
  };

  void loop();
  // Drops the cancelled timers from the heap once they outnumber the live ones.
  void compact_timers();
  void run_due_events();
  // Hands a frame to the node; false for the Stop frame, which ends the loop.
  bool handle_frame(Envelope* raw);
  // Cancels this actor's own activities (CPU work, disk writes, the pending receive) and forgets its timers.
  void stop_activities();

  World& world_;
  NodeId id_;
  Node& node_;
  simgrid::s4u::Host* host_;
  simgrid::s4u::Mailbox* inbox_;
  RunControl& control_;

  Envelope* received_ = nullptr;
  simgrid::s4u::CommPtr pending_get_;
  std::vector<Work> works_;
  int own_cores_ = 0;    // pieces of CPU work it times itself at most at once (own_cores); 0: none, SimGrid times them
  int own_running_ = 0;  // of those, running now
  std::vector<uint64_t> finished_tags_;  // zero-flop work, completed at once
  // A min-heap on (date, id) kept with std::push_heap/pop_heap (a total order: timers due together fire in the
  // order they were set). A cancelled timer stays in it until it comes up or the heap is compacted
  // (compact_timers), so memory is bounded by the timers alive, not by every timeout a run ever cancelled.
  std::vector<Timer> timers_;
  std::unordered_set<TimerId> cancelled_timers_;
  TimerId next_timer_ = 1;
  std::vector<simgrid::s4u::ActivityPtr> activities_;  // reused by each wait
};

// Ends every process of `processes` at this instant: a Stop frame reaches each through its host's loopback (one
// short actor per host), and each process cancels its own activities and returns. What they hold stays where the
// ledger has it (in service, queued, on the wire) and is reported as remaining.
void stop_processes(const std::vector<std::unique_ptr<SimgridProcess>>& processes);

// Frames lost on the wire (a link or host went down) are accounted for (account_lost_frame) in this world. Valid
// only while a run is active.
void set_active_world(World* world);
// The first error a process raised (a broken model rule); the run stops at once and reports it.
void set_run_error(const std::string& error);
const std::string& run_error();

}  // namespace buslab
