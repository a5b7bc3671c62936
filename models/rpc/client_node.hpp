#pragma once
// An RPC client process: issues calls or casts on its arrival process, encodes them, sends them straight to a
// server replica it picks (direct) or publishes them to a broker, and waits for each call's reply up to its
// timeout. Late replies are counted and discarded.
#include <map>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/distribution.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/core/world.hpp"
#include "models/rpc/arrival.hpp"
#include "models/rpc/codec.hpp"
#include "models/rpc/server_choice.hpp"

namespace buslab {

struct ClientConfig {
  std::string name;   // instance, "api-3"
  std::string group;  // client group, "api"
  LaneId lane = kNoLane;
  std::string method;
  RpcMode mode = RpcMode::Call;
  double timeout = 60.0;
  Distribution payload_bytes;
  const Codec* codec = nullptr;
  ArrivalSpec arrival;
  double start = 0.0;
  double stop = 0.0;  // no new request at or after this time
  // Direct transport.
  std::vector<NodeId> replicas;
  ServerChoice server_choice = ServerChoice::RoundRobin;
  size_t fixed_replica = 0;
  // Brokered transport.
  bool brokered = false;
  BrokerLinkConfig link;           // its broker(s); declares the exchange and consumes its reply queue
  bool connected_at_start = true;  // the broker lists it as connected when the run starts
  std::string exchange;
  std::string routing_key;
  std::string reply_queue;
};

class ClientNode final : public Node {
 public:
  ClientNode(World& world, NodeId self, ClientConfig config);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;

  size_t pending_calls() const { return calls_.size(); }
  // Requests being encoded, waiting for the broker connection, and replies being decoded: messages it holds.
  size_t messages_in_hand() const;
  const ClientConfig& config() const { return config_; }

 private:
  struct Call {
    double issued_at = 0.0;
    MessagePtr request;  // until it is sent
    MessagePtr reply;    // while it is decoded
    TimerId timeout_timer = 0;
    bool awaiting_reply = false;
  };

  void issue(Runtime& rt);
  void send_request(Runtime& rt, Call& call);
  void on_reply(Runtime& rt, Envelope& env);
  void end_call(Runtime& rt, CallId call_id, CallOutcome outcome, const std::string& error, LaneId server);
  void schedule_next_open(Runtime& rt);
  void acknowledge(Runtime& rt, const Envelope& delivery);
  void update_busy();
  void request_sent(Runtime& rt, Message& request);
  void request_failed(Runtime& rt, MessagePtr request);
  void crash(Runtime& rt, bool host_down);
  void restart(Runtime& rt);

  World& world_;
  NodeId self_;
  ClientConfig config_;
  // One stream per purpose, so that, e.g., picking servers at random does not shift the arrival times: the
  // same scenario over two transports then sees the very same load.
  Rng arrival_rng_;
  Rng payload_rng_;
  Rng choice_rng_;
  ArrivalProcess arrivals_;
  ServerPicker picker_;
  ClientMethodStats& stats_;
  std::map<CallId, Call> calls_;  // calls this client has in hand
  bool busy_ = false;
  bool alive_ = true;
  std::unique_ptr<BrokerLink> link_;  // brokered clients
};

}  // namespace buslab
