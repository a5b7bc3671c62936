#pragma once
// A hand-driven Runtime for testing a model without SimGrid: time moves only when the test says, sent frames
// are collected, and CPU work, disk writes and timers complete when the test completes them.
#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "models/core/runtime.hpp"
#include "models/world/world.hpp"

namespace buslab::testing {

class FakeRuntime final : public Runtime {
 public:
  double now() const override { return now_; }
  void send(EnvelopePtr env) override {
    env->sent_at = now_;
    sent.push_back(std::move(env));
  }
  void start_work(double flops, uint64_t tag) override { work.push_back({flops, tag}); }
  void start_disk_write(uint64_t bytes, uint64_t tag) override { disk.push_back({static_cast<double>(bytes), tag}); }
  TimerId set_timer(double at, uint64_t tag) override {
    timers[next_timer_] = {at, tag};
    return next_timer_++;
  }
  void cancel_timer(TimerId id) override { timers.erase(id); }
  void cancel_all() override {
    work.clear();
    disk.clear();
    timers.clear();
  }
  double core_speed() const override { return 1e9; }

  void advance(double t) { now_ = t; }
  // Completes every pending CPU job and disk write of `node` (in start order), repeatedly, until none is left.
  void drain_work(Node& node) {
    while (!work.empty() || !disk.empty()) {
      std::vector<std::pair<double, uint64_t>> batch;
      batch.swap(work);
      for (auto& d : disk) batch.push_back(d);
      disk.clear();
      for (auto& [amount, tag] : batch) node.on_work_done(*this, tag);
    }
  }
  // Fires the timers due at or before `t` (in time order) at `node`, after moving time to each.
  void fire_timers(Node& node, double t) {
    fire_timers_with(t, [&](uint64_t tag) { node.on_timer(*this, tag); });
  }
  // The same for a part of a node (a caller, a link): `fire(tag)` hands it each timer.
  template <class Fire>
  void fire_timers_with(double t, Fire&& fire) {
    for (;;) {
      auto next = std::min_element(timers.begin(), timers.end(),
                                   [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
      if (next == timers.end() || next->second.first > t) break;
      const auto [at, tag] = next->second;
      timers.erase(next);
      now_ = std::max(now_, at);
      fire(tag);
    }
    now_ = std::max(now_, t);
  }
  // Takes the frames sent so far.
  std::vector<EnvelopePtr> take_sent() {
    std::vector<EnvelopePtr> out;
    out.swap(sent);
    return out;
  }

  std::vector<EnvelopePtr> sent;
  std::vector<std::pair<double, uint64_t>> work;
  std::vector<std::pair<double, uint64_t>> disk;
  std::map<TimerId, std::pair<double, uint64_t>> timers;

 private:
  double now_ = 0.0;
  TimerId next_timer_ = 1;
};

// Posts of World::control, kept for the test to look at.
class FakeControl final : public ControlChannel {
 public:
  void post(NodeId target, EnvelopePtr env, double at) override { posts.push_back({target, at, std::move(env)}); }
  struct Post {
    NodeId target;
    double at;
    EnvelopePtr env;
  };
  std::vector<Post> posts;
};

}  // namespace buslab::testing
