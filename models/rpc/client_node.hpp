#pragma once
// An RPC client process: at each arrival of its arrival process it runs its requests in order (each call
// waiting for its reply or its timeout, casts going at once), like a script using oslo.messaging's RPCClient
// with prepare() per request. It talks to a broker through its link, or to servers over a direct protocol.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/core/tags.hpp"
#include "models/process/arrival.hpp"
#include "models/process/process_life.hpp"
#include "models/rpc/rpc_caller.hpp"
#include "models/rpc/target.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct ClientConfig {
  std::string name;   // instance, "api-3"
  std::string group;  // client group, "api"
  LaneId lane = kNoLane;
  std::vector<RpcRequestSpec> steps;  // run in order at each arrival
  ArrivalSpec arrival;
  double start = 0.0;
  double stop = 0.0;  // no new arrival at or after this time
  bool brokered = false;
  BrokerLinkConfig link;           // its broker(s); declares the exchanges and consumes its reply queue
  bool connected_at_start = true;  // the broker lists it as connected when the run starts
  CallerConfig caller;
};

class ClientNode final : public Node {
 public:
  ClientNode(World& world, NodeId self, ClientConfig config);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;

  // Requests being encoded, waiting for the broker connection, and replies being decoded: messages it holds.
  size_t messages_in_hand() const;
  void held_messages(std::vector<MsgId>& ids) const;
  // End of run: the calls still in hand are counted as pending.
  void finish();
  const ClientConfig& config() const { return config_; }

 private:
  void begin_session(Runtime& rt);
  void issue_step(Runtime& rt, uint64_t session);
  void step_done(Runtime& rt, uint64_t session, const CallResult& result);
  void schedule_next_open(Runtime& rt);
  void crash(Runtime& rt, bool host_down);
  void restart(Runtime& rt);
  void update_busy();

  World& world_;
  NodeId self_;
  ClientConfig config_;
  Rng arrival_rng_;
  ArrivalProcess arrivals_;
  std::vector<ClientMethodStats*> stats_;  // by step
  std::unique_ptr<BrokerLink> link_;
  std::unique_ptr<RpcCaller> caller_;
  std::map<uint64_t, size_t> sessions_;  // session -> its current step
  uint64_t next_session_ = 1;
  bool busy_ = false;
  ProcessLife life_;
};

}  // namespace buslab
