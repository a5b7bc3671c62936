#pragma once
// An RPC server process: takes requests (straight from clients, or delivered by a broker from the queues it
// consumes), runs them on its executor, replies to calls, and dies and restarts when the fault schedule says.
#include <map>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/distribution.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/core/world.hpp"
#include "models/rpc/codec.hpp"
#include "models/rpc/executor.hpp"

namespace buslab {

struct MethodModel {
  Distribution service_time;  // seconds on one idle core
  Distribution reply_bytes;   // result size before encoding
};

struct ServerConfig {
  std::string name;
  std::string service;
  std::string host;
  LaneId lane = kNoLane;
  std::map<std::string, MethodModel> methods;
  int workers = 1;
  int cpu_slots = 1;
  const Codec* codec = nullptr;
  // Brokered servers only.
  bool brokered = false;
  BrokerLinkConfig link;           // its broker(s), the exchange and queues it declares and consumes
  bool ack_before = true;          // acknowledge on receipt (oslo.messaging) or after replying
  bool connected_at_start = true;  // the broker lists it as connected and consuming when the run starts
};

class ServerNode final : public Node {
 public:
  ServerNode(World& world, NodeId self, ServerConfig config);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;
  // End of run: close the up-time account.
  void finish(double now);

  bool alive() const { return alive_; }
  const Executor& executor() const { return executor_; }
  // Replies waiting for the broker connection.
  size_t held_replies() const { return link_ ? link_->held() : 0; }
  const ServerConfig& config() const { return config_; }

 private:
  void accept(Runtime& rt, ExecutorJob job);
  void start_ready(Runtime& rt);
  void reply(Runtime& rt, const ExecutorJob& job, uint64_t result_bytes);
  void send_ack(Runtime& rt, const ExecutorJob& job, LaneId queue_lane);
  void crash(Runtime& rt, bool host_down);
  void report_levels(double now);
  void update_busy();

  World& world_;
  NodeId self_;
  ServerConfig config_;
  Rng rng_;
  Executor executor_;
  ServerStats& stats_;
  bool alive_ = false;
  bool started_once_ = false;
  bool busy_ = false;  // for World::quiescence
  double up_since_ = 0.0;
  std::vector<uint64_t> reply_sizes_;  // by executor slot: the sampled result size of the running request
  std::unique_ptr<BrokerLink> link_;   // brokered servers
};

}  // namespace buslab
