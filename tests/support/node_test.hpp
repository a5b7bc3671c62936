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

  NodeWorld w;
  NodeId mq, self;
  std::unique_ptr<Model> node;
};

}  // namespace buslab::testing
