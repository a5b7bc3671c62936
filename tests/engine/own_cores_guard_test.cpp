// A process given its own cores (ProcessHost::own_cores) times its CPU work itself, trusting the bound its node
// declared (Node::cpu_work_at_most). A node that starts more pieces at once than that bound would have shared a core
// in SimGrid: the run stops with an error naming the process, instead of computing other times.
#include <gtest/gtest.h>

#include <simgrid/s4u.hpp>
#include <string>
#include <vector>

#include "models/world/world.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/run_control.hpp"
#include "sim/engine/simgrid_config.hpp"
#include "sim/engine/simgrid_processes.hpp"
#include "sim/engine/simgrid_runtime.hpp"
#include "tests/support/child_process.hpp"

namespace buslab {
namespace {

// Starts `pieces` of one second of CPU each, at once, and counts those that end.
class Computer final : public Node {
 public:
  explicit Computer(int pieces) : pieces_(pieces) {}
  void on_start(Runtime& rt) override {
    for (int i = 0; i < pieces_; ++i) rt.start_work(rt.core_speed(), static_cast<uint64_t>(i));
  }
  void on_frame(Runtime&, Envelope&) override {}
  void on_work_done(Runtime& rt, uint64_t) override {
    ++done;
    last_end = rt.now();
  }
  void on_timer(Runtime&, uint64_t) override {}
  int done = 0;
  double last_end = 0;

 private:
  int pieces_;
};

// Runs a Computer of `pieces` on a 2-core host that gave it `own` cores; returns the run's error, or how many pieces
// ended and when the last did.
std::string run_computer(int pieces, int own) {
  return testing::in_child_process([&] {
    // The command line a run gives its Engine, BUSLAB_SIMGRID_CFG included: the sanitizer build runs actors on threads
    // (docs/testing.md).
    PlatformSpec spec;
    HostSpec host;
    host.name = host.group = "h";
    host.cores = 2;
    host.speed = 1e9;
    spec.hosts.push_back(host);
    std::vector<std::string> args = engine_command_line(engine_arguments(spec), run_simgrid_config({}));
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    int argc = static_cast<int>(argv.size());
    simgrid::s4u::Engine engine(&argc, argv.data());
    World world(false);
    RunControl control(world.quiescence);
    set_active_world(&world);
    set_run_error("");
    Platform platform(spec);
    SimgridProcesses processes(world, platform, control);
    Computer node(pieces);
    const NodeId id = world.directory.add_node("computer", kNoLane, "h");
    processes.add_process(id, node, "h");
    processes.own_cores(id, own);
    processes.start_all();
    engine.run();
    set_active_world(nullptr);
    if (!run_error().empty()) return run_error();
    return std::to_string(node.done) + " at " + std::to_string(node.last_end);
  });
}

TEST(OwnCoresGuard, PiecesWithinTheBoundEachTakeAWholeCore) {
  EXPECT_EQ(run_computer(2, 2), "2 at 1.000000");
}

TEST(OwnCoresGuard, OnePieceMoreThanTheBoundStopsTheRunWithAnError) {
  const std::string error = run_computer(3, 2);
  EXPECT_NE(error.find("computer at t=0"), std::string::npos) << error;
  EXPECT_NE(error.find("started more than the 2 pieces of CPU work at once"), std::string::npos) << error;
}

TEST(OwnCoresGuard, WithoutOwnCoresSimGridSharesTheHost) {
  // Three pieces on two cores: each runs at two thirds of a core, all ending at 1.5 s.
  EXPECT_EQ(run_computer(3, 0), "3 at 1.500000");
}

}  // namespace
}  // namespace buslab
