// The queueing engine driven by small scripted nodes: transfer times, CPU sharing between the processes of one
// host, timers and their cancellation, bounded memory for cancelled timers, determinism.
#include "sim/queueing/queueing_engine.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace buslab::queueing {
namespace {

// A node that records what happens to it and runs a script at start.
struct ScriptNode final : Node {
  std::function<void(Runtime&)> start;
  std::function<void(Runtime&, uint64_t)> timer;
  std::vector<std::string> log;
  void on_start(Runtime& rt) override {
    if (start) start(rt);
  }
  void on_frame(Runtime& rt, Envelope& env) override {
    log.push_back("frame " + std::to_string(env.bytes) + " at " + std::to_string(rt.now()));
  }
  void on_work_done(Runtime& rt, uint64_t tag) override {
    log.push_back("work " + std::to_string(tag) + " at " + std::to_string(rt.now()));
  }
  void on_timer(Runtime& rt, uint64_t tag) override {
    log.push_back("timer " + std::to_string(tag) + " at " + std::to_string(rt.now()));
    if (timer) timer(rt, tag);
  }
};

PlatformSpec two_hosts() {
  PlatformSpec p;
  HostSpec a;
  a.name = a.group = "a";
  a.cores = 2;
  a.speed = 1e9;
  a.latency = 50e-6;
  a.bandwidth = 1.25e9;
  HostSpec b = a;
  b.name = b.group = "b";
  b.cores = 1;
  b.latency = 100e-6;
  b.bandwidth = 1e8;
  p.hosts = {a, b};
  return p;
}

struct Rig {
  World world{false};
  PlatformSpec platform = two_hosts();
  QueueingEngine engine{world, platform};
  std::vector<std::unique_ptr<ScriptNode>> nodes;
  Rig() { world.control = &engine; }
  ScriptNode& add(const std::string& host) {
    nodes.push_back(std::make_unique<ScriptNode>());
    const NodeId id = world.directory.add_node("n" + std::to_string(nodes.size()), kNoLane, host);
    engine.add_process(id, *nodes.back(), host);
    return *nodes.back();
  }
};

TEST(QueueingEngine, TransferTakesBothLatenciesAndTheBottleneckBandwidth) {
  Rig rig;
  ScriptNode& sender = rig.add("a");
  ScriptNode& receiver = rig.add("b");
  sender.start = [](Runtime& rt) {
    rt.send(std::make_unique<Envelope>(Envelope{.frame = Frame::DirectRequest, .to_node = 1, .bytes = 1000000}));
  };
  rig.engine.start_all();
  ASSERT_TRUE(rig.engine.run_until(10));
  // 50 us + 100 us of latency, then 1 MB at the slower link's 1e8 B/s: 10 ms.
  ASSERT_EQ(receiver.log.size(), 1u);
  EXPECT_EQ(receiver.log[0], "frame 1000000 at " + std::to_string(150e-6 + 0.01));
}

TEST(QueueingEngine, ASmallFrameSentAfterALargeOneOnItsConnectionArrivesAfterIt) {
  // TCP keeps one connection's order: 1 MB then 100 B, sent together, arrive together (the small one alone would
  // take 150 us + 1 us); 100 B from another process of the sending host comes in its own time.
  Rig rig;
  ScriptNode& sender = rig.add("a");
  ScriptNode& receiver = rig.add("b");
  ScriptNode& neighbour = rig.add("a");
  sender.start = [](Runtime& rt) {
    rt.send(std::make_unique<Envelope>(Envelope{.frame = Frame::DirectRequest, .to_node = 1, .bytes = 1000000}));
    rt.send(std::make_unique<Envelope>(Envelope{.frame = Frame::DirectRequest, .to_node = 1, .bytes = 100}));
  };
  neighbour.start = [](Runtime& rt) {
    rt.send(std::make_unique<Envelope>(Envelope{.frame = Frame::DirectRequest, .to_node = 1, .bytes = 100}));
  };
  rig.engine.start_all();
  ASSERT_TRUE(rig.engine.run_until(10));
  const std::vector<std::string> expected = {"frame 100 at " + std::to_string(150e-6 + 1e-6),
                                             "frame 1000000 at " + std::to_string(150e-6 + 0.01),
                                             "frame 100 at " + std::to_string(150e-6 + 0.01)};
  EXPECT_EQ(receiver.log, expected);
}

TEST(QueueingEngine, ProcessesOfOneHostShareItsCores) {
  // Host a has 2 cores of 1 Gflop/s: three processes each start 1 Gflop at t=0, so each runs at 2/3 Gflop/s and
  // all end at 1.5 s; a fourth on host b (1 core) is not slowed by them: 1 s.
  Rig rig;
  std::vector<ScriptNode*> on_a;
  for (int i = 0; i < 3; ++i) on_a.push_back(&rig.add("a"));
  ScriptNode& on_b = rig.add("b");
  for (ScriptNode* n : on_a) n->start = [](Runtime& rt) { rt.start_work(1e9, 5); };
  on_b.start = [](Runtime& rt) { rt.start_work(1e9, 6); };
  rig.engine.start_all();
  ASSERT_TRUE(rig.engine.run_until(10));
  for (ScriptNode* n : on_a) EXPECT_EQ(n->log, std::vector<std::string>{"work 5 at " + std::to_string(1.5)});
  EXPECT_EQ(on_b.log, std::vector<std::string>{"work 6 at " + std::to_string(1.0)});
}

TEST(QueueingEngine, ZeroWorkEndsAtOnceAndTimersFireInTimeOrder) {
  Rig rig;
  ScriptNode& n = rig.add("a");
  TimerId cancelled = 0;
  n.start = [&](Runtime& rt) {
    rt.set_timer(2.0, 20);
    cancelled = rt.set_timer(1.0, 10);
    rt.set_timer(1.0, 11);
    rt.start_work(0, 1);
  };
  n.timer = [&](Runtime& rt, uint64_t tag) {
    if (tag == 11) {
      rt.cancel_timer(cancelled);  // already fired: nothing happens
      rt.set_timer(0.5, 12);       // in the past: fires now, after this
    }
  };
  rig.engine.start_all();
  ASSERT_TRUE(rig.engine.run_until(10));
  EXPECT_NE(cancelled, 0u);
  const std::vector<std::string> expected = {"work 1 at " + std::to_string(0.0), "timer 10 at " + std::to_string(1.0),
                                             "timer 11 at " + std::to_string(1.0), "timer 12 at " + std::to_string(1.0),
                                             "timer 20 at " + std::to_string(2.0)};
  EXPECT_EQ(n.log, expected);
}

TEST(QueueingEngine, CancelledTimersNeitherFireNorStay) {
  // A million timeouts set and cancelled (calls that end before their timeout): none fires, and the queue keeps
  // only a bounded number of their dead entries, not a million.
  Rig rig;
  ScriptNode& n = rig.add("a");
  size_t largest_queue = 0;
  n.start = [&](Runtime& rt) { rt.set_timer(1e-6, 0); };
  n.timer = [&](Runtime& rt, uint64_t tag) {
    if (tag >= 1000000) return;
    const TimerId timeout = rt.set_timer(rt.now() + 60, 5000000);
    rt.cancel_timer(timeout);
    rt.set_timer(rt.now() + 1e-6, tag + 1);
  };
  rig.engine.on_tick([&] { largest_queue = std::max(largest_queue, rig.engine.pending_events()); });
  rig.engine.start_all();
  ASSERT_TRUE(rig.engine.run_until(100));
  EXPECT_EQ(n.log.size(), 1000001u);
  EXPECT_EQ(n.log.back().rfind("timer 1000000", 0), 0u);
  for (const auto& line : n.log) ASSERT_EQ(line.find("timer 5000000 "), std::string::npos);
  EXPECT_GT(largest_queue, 0u);
  EXPECT_LT(largest_queue, 10000u);
}

TEST(QueueingEngine, CancelAllForgetsWorkAndTimersAndFreesTheCores) {
  // Two processes on host b (1 core) start 1 Gflop each; at 0.5 s the first dies (cancel_all): the second has done
  // 0.25 Gflop and finishes the rest alone, at 1.25 s; the dead one's timer never fires.
  Rig rig;
  ScriptNode& dies = rig.add("b");
  ScriptNode& lives = rig.add("b");
  dies.start = [](Runtime& rt) {
    rt.start_work(1e9, 1);
    rt.set_timer(0.5, 7);
    rt.set_timer(3.0, 8);
  };
  dies.timer = [](Runtime& rt, uint64_t tag) {
    if (tag == 7) rt.cancel_all();
  };
  lives.start = [](Runtime& rt) { rt.start_work(1e9, 2); };
  rig.engine.start_all();
  ASSERT_TRUE(rig.engine.run_until(10));
  EXPECT_EQ(dies.log, std::vector<std::string>{"timer 7 at " + std::to_string(0.5)});
  EXPECT_EQ(lives.log, std::vector<std::string>{"work 2 at " + std::to_string(1.25)});
}

TEST(QueueingEngine, SameInputsSameEventsInTheSameOrder) {
  auto run = [] {
    Rig rig;
    std::vector<std::string> all;
    for (int i = 0; i < 8; ++i) {
      ScriptNode& n = rig.add(i % 2 ? "a" : "b");
      n.start = [i](Runtime& rt) {
        rt.start_work(1e8 * (i % 3 + 1), static_cast<uint64_t>(i));
        rt.set_timer(0.1 * (i % 4), 100 + static_cast<uint64_t>(i));
        rt.send(std::make_unique<Envelope>(
            Envelope{.frame = Frame::DirectRequest, .to_node = static_cast<NodeId>((i + 1) % 8), .bytes = 1000}));
      };
    }
    rig.engine.start_all();
    EXPECT_TRUE(rig.engine.run_until(10));
    for (auto& n : rig.nodes)
      for (auto& line : n->log) all.push_back(line);
    return all;
  };
  const auto first = run();
  EXPECT_EQ(first.size(), 24u);
  EXPECT_EQ(first, run());
}

}  // namespace
}  // namespace buslab::queueing
