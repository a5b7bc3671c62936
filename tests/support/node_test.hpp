#pragma once
// The fixture of a model's frame-by-frame tests (ClientNode, ServerNode, PublisherNode, ConsumerNode): a NodeWorld
// (tests/support/node_world.hpp) holding a broker process "mq" and the model's own process, and the model once a
// test has built it from its config.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/support/node_world.hpp"

namespace buslab::testing {

template <class Model>
class NodeTest : public ::testing::Test {
 protected:
  // The broker "mq" and the model's process `self_name`, in that order; a fixture adds its other peers after.
  explicit NodeTest(const std::string& self_name) : mq(w.add("mq")), self(w.add(self_name)) {}

  // The lane of the model's own process.
  LaneId self_lane() const { return w.world.directory.lane(self); }

  // Builds the model from `config` and starts it.
  template <class Config>
  void start(const Config& config) {
    node = std::make_unique<Model>(w.world, self, config);
    node->on_start(w.rt);
  }

  // Fires the timers due by `t` (in time order), then completes the CPU work they started.
  void run_until(double t) {
    w.rt.fire_timers(*node, t);
    w.rt.drain_work(*node);
  }

  // Completes the CPU work started so far, once: work started on its completion stays pending.
  void finish_work() {
    auto work = w.rt.work;
    w.rt.work.clear();
    for (auto& [flops, tag] : work) node->on_work_done(w.rt, tag);
  }

  // The process is killed (its host stays up: it resets its connections).
  void kill() {
    auto kill = local_frame(Frame::Kill);
    node->on_frame(w.rt, *kill);
  }

  // The process restarts as a new incarnation, which connects anew (one Connect, answered by mq).
  void restart_and_reconnect() {
    auto restart = local_frame(Frame::Restart);
    node->on_frame(w.rt, *restart);
    auto sent = w.rt.take_sent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0]->frame, Frame::Connect);
    Envelope ok = w.frame(Frame::ConnectOk, mq);
    node->on_frame(w.rt, ok);
  }

  NodeWorld w;
  NodeId mq, self;
  std::unique_ptr<Model> node;
};

}  // namespace buslab::testing
