#pragma once
// An AMQP consumer (not RPC): consumes one queue with a prefetch window and an acknowledgement mode (auto,
// before processing, after processing), processes each message on its host's CPU with a few workers, and
// acknowledges it, or rejects it (with or without requeue) at a configured rate.
#include <memory>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/distribution.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/process/cpu_gate.hpp"
#include "models/process/executor.hpp"
#include "models/process/process_life.hpp"
#include "models/world/world.hpp"

namespace buslab {

enum class ConsumerAckMode { Auto, BeforeProcessing, AfterProcessing };

struct ConsumerConfig {
  std::string name;  // instance
  std::string queue;
  std::string host;
  LaneId lane = kNoLane;
  ConsumerAckMode ack = ConsumerAckMode::AfterProcessing;
  int workers = 1;
  Distribution processing_time;
  double reject_probability = 0.0;
  bool reject_requeue = false;
  BrokerLinkConfig link;  // consumes its queue (the spec carries prefetch, auto-ack and priority)
  bool connected_at_start = true;
};

class ConsumerNode final : public Node {
 public:
  ConsumerNode(World& world, NodeId self, ConsumerConfig config);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;
  void finish(double now);

  const Executor& executor() const { return executor_; }
  void held_messages(std::vector<MsgId>& ids) const { executor_.held_messages(ids); }
  const ConsumerConfig& config() const { return config_; }

 private:
  void start_ready(Runtime& rt);
  bool settle(Runtime& rt, const ExecutorJob& job, Frame frame, bool requeue);
  void crash(Runtime& rt, bool host_down);
  void report_levels(double now);

  World& world_;
  NodeId self_;
  ConsumerConfig config_;
  Rng rng_;
  Executor executor_;
  CpuGate cpu_;
  ConsumerStats& stats_;
  std::unique_ptr<BrokerLink> link_;
  ProcessLife life_;
  bool started_once_ = false;
  bool busy_ = false;
};

}  // namespace buslab
