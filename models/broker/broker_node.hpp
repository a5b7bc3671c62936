#pragma once
// A message broker process (RabbitMQ as semantics.md section 1 describes it): it routes each publish through an
// exchange into queues, pushes deliveries to consumers round-robin within their prefetch windows, and spends
// CPU on its host for every publish, route, delivery and acknowledgement, so it can saturate.
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/broker/queue.hpp"
#include "models/broker/router.hpp"
#include "models/core/runtime.hpp"
#include "models/core/world.hpp"

namespace buslab {

struct BrokerConfig {
  std::string name;
  std::string host;
  LaneId lane = kNoLane;
  int cores = 1;  // CPU jobs run at once
  // CPU per operation, in flops on this host.
  double publish_flops = 0.0;
  double route_flops = 0.0;
  double deliver_flops = 0.0;
  double ack_flops = 0.0;
};

class BrokerNode final : public Node {
 public:
  BrokerNode(World& world, NodeId self, BrokerConfig config);

  // Topology, declared before the run starts (as the services' earlier start would have) or by the RPC layer.
  void declare_exchange(const std::string& name, broker::ExchangeType type);
  broker::QueueId declare_queue(const std::string& name);
  void bind(const std::string& exchange, broker::QueueId queue, const std::string& key);
  void add_consumer(broker::QueueId queue, NodeId node, LaneId lane, int prefetch);
  LaneId exchange_lane(const std::string& exchange) const;
  LaneId queue_lane(broker::QueueId queue) const { return queues_.at(queue)->lane(); }
  const broker::Queue& queue(broker::QueueId queue) const { return *queues_.at(queue); }
  size_t queue_count() const { return queues_.size(); }

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;
  // End of run: messages whose TTL has passed count as expired; the rest is reported as remaining.
  void finish(double now);

  bool alive() const { return alive_; }
  const BrokerConfig& config() const { return config_; }

 private:
  enum class JobKind : uint8_t { Publish, Deliver, Ack };
  struct Job {
    JobKind kind = JobKind::Publish;
    double flops = 0.0;
    MessagePtr message;                          // Publish
    LaneId from_lane = kNoLane;                  // Publish: the publisher
    broker::QueueId queue = 0;                   // Deliver, Ack
    std::unique_ptr<broker::Delivery> delivery;  // Deliver
    uint64_t tag = 0;                            // Ack
  };

  void submit(Runtime& rt, Job job);
  void run_jobs(Runtime& rt);
  void finish_publish(Runtime& rt, Job& job);
  void finish_deliver(Runtime& rt, Job& job);
  void finish_ack(Runtime& rt, Job& job);
  void dispatch(Runtime& rt, broker::QueueId queue);
  void expire_head(Runtime& rt, broker::Queue& queue);
  void requeued(Runtime& rt, broker::Queue& queue, const std::vector<Message*>& messages);
  void connection_lost(Runtime& rt, NodeId peer);
  void crash(Runtime& rt);
  void report_depth(double now, const broker::Queue& queue);
  void update_busy();

  World& world_;
  NodeId self_;
  BrokerConfig config_;
  bool alive_ = true;
  bool busy_ = false;
  broker::Router router_;
  std::map<std::string, LaneId> exchange_lanes_;
  std::vector<std::unique_ptr<broker::Queue>> queues_;  // by QueueId
  std::vector<QueueStats*> queue_stats_;                // by QueueId
  std::deque<Job> waiting_;                             // CPU jobs not started yet, FIFO
  std::map<uint64_t, Job> running_;                     // by work tag
  uint64_t next_job_ = 1;
  std::vector<broker::QueueId> routed_;  // reused by each route
};

}  // namespace buslab
