#pragma once
// The deployment's processes on SimGrid (ProcessHost): one actor each (SimgridProcess), on the platform's hosts.
#include <memory>
#include <string>
#include <vector>

#include "sim/deploy/process_host.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/simgrid_runtime.hpp"

namespace buslab {

class RunControl;

class SimgridProcesses final : public ProcessHost, public NetworkFaults {
 public:
  SimgridProcesses(World& world, Platform& platform, RunControl& control);

  double now() const override;
  void add_process(NodeId id, Node& node, const std::string& host) override;
  void start_all() override;
  void stop_all() override;
  void add_disk(const std::string& host, double write_bandwidth) override;
  void own_cores(NodeId id, int pieces) override;

  void set_host_link(const std::string& host, bool up) override;
  void set_shared_link(const std::string& link, bool up) override;

 private:
  World& world_;
  Platform& platform_;
  RunControl& control_;
  std::vector<std::unique_ptr<SimgridProcess>> processes_;  // by NodeId
  bool started_ = false;
};

}  // namespace buslab
