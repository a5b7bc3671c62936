#pragma once
// What an engine gives the deployment: a runtime for each process, on a host of the platform, started with the run
// or at once when the run is under way (scale-out); disks; the clock; the end of every process. The SimGrid engine
// (sim/engine/simgrid_processes.hpp) and the queueing engine (sim/queueing/) each implement it, so that building
// the processes of a scenario (Deployment), the faults' meaning (fault_plan.hpp) and the end-of-run checks are
// written once.
#include <string>

#include "models/core/ids.hpp"
#include "models/core/runtime.hpp"

namespace buslab {

class ProcessHost {
 public:
  virtual ~ProcessHost() = default;
  // Simulated time, seconds.
  virtual double now() const = 0;
  // Gives node `id` (ids come in order 0, 1, 2...) a runtime on `host`. Before start_all it waits for the run to
  // start; after it, the node starts now (Node::on_start).
  virtual void add_process(NodeId id, Node& node, const std::string& host) = 0;
  // Process `id` never runs more than `pieces` of CPU work at once, and its host's processes together never more
  // than the host has cores, for the whole run (Node::cpu_work_at_most; Deployment::give_own_cores). Each piece
  // then gets a whole core, and the engine may time it without sharing the host.
  virtual void own_cores(NodeId id, int pieces) = 0;
  // Starts every process added so far.
  virtual void start_all() = 0;
  // Ends every process now (the run is over): each forgets its pending work and timers; what it holds stays
  // where the ledger has it.
  virtual void stop_all() = 0;
  // Gives `host` a disk (a broker's, for persistent messages), once; `write_bandwidth` in bytes/s.
  virtual void add_disk(const std::string& host, double write_bandwidth) = 0;
};

// A fault's effect on the network, as an engine applies it.
class NetworkFaults {
 public:
  virtual ~NetworkFaults() = default;
  // The host's own link goes down (transfers to and from it fail) or up again.
  virtual void set_host_link(const std::string& host, bool up) = 0;
  // A shared link (platform.links) goes down or up.
  virtual void set_shared_link(const std::string& link, bool up) = 0;
};

}  // namespace buslab
