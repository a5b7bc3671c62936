#pragma once
// A nova service that, in a scenario, does nothing but report its state to the servicegroup (nova-network,
// nova-cert, or any service whose RPC work is not modelled): it writes its row straight to the database every
// report_interval, stamped with its own host's clock (docs/semantics.md 3.1). It dies and restarts with faults.
#include <string>

#include "models/core/runtime.hpp"
#include "models/process/process_life.hpp"
#include "models/servicegroup/report_loop.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct ReporterConfig {
  std::string name;  // "nova-network@compute1"
  std::string host;
  LaneId lane = kNoLane;
  ReportPlan plan;  // via_conductor is false: it has no RPC client
};

class ReporterNode final : public Node {
 public:
  ReporterNode(World& world, NodeId self, ReporterConfig config);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;

  bool alive() const { return life_.alive(); }
  const ReporterConfig& config() const { return config_; }

 private:
  void join_group(Runtime& rt);

  World& world_;
  ReporterConfig config_;
  ReportLoop loop_;
  ProcessLife life_;
};

}  // namespace buslab
