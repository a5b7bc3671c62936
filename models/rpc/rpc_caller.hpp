#pragma once
// The calling side of oslo.messaging's RPCClient, shared by client processes and by servers whose methods call
// other services (nova's conductor calls the scheduler). It encodes a request, sends it to its target (through
// the process's broker link, or straight to a replica over a direct protocol), waits for the reply up to the
// timeout (retrying when asked, which may run the method twice), decodes the reply, and reports the outcome.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/core/tags.hpp"
#include "models/rpc/codec.hpp"
#include "models/rpc/direct_protocol.hpp"
#include "models/rpc/library_costs.hpp"
#include "models/rpc/oslo_topology.hpp"
#include "models/rpc/server_choice.hpp"
#include "models/rpc/target.hpp"
#include "models/world/world.hpp"

namespace buslab {

// How a process reaches a service without a broker.
struct DirectService {
  std::vector<NodeId> replicas;
  ServerChoice choice = ServerChoice::RoundRobin;
  size_t fixed = 0;
  const DirectProtocol* protocol = nullptr;
};

struct CallerConfig {
  std::string name;  // the process, for its random streams
  LaneId lane = kNoLane;
  const Codec* codec = nullptr;
  std::string control_exchange = "openstack";
  BrokerLink* link = nullptr;                   // brokered services go through it
  std::string reply_queue;                      // brokered calls: where their replies come
  std::map<std::string, DirectService> direct;  // by service name
  // Its library's CPU per message, by service called (none listed: no cost), on the reference core.
  std::map<std::string, CallerCosts> costs;
  double reference_flops = 1e9;
  bool jitter = false;
  ContentionFactors contention;  // its host's (models/core/contention.hpp)
  // oslo 14's rabbit driver publishes with confirms (confirm_publish): a cast returns, and a call goes on to wait
  // for its reply, once the broker has confirmed the publish.
  bool confirm_publish = false;
};

struct CallResult {
  CallId call = 0;
  const RpcRequestSpec* spec = nullptr;
  CallOutcome outcome = CallOutcome::Ok;
  std::string error;  // Error: "refused", "timeout"... or the remote failure ("NoSuchMethod")
  LaneId server = kNoLane;
  double latency = 0.0;  // issue to decoded reply (calls), to the broker's confirm or to hand-over (casts)
  std::string selected;  // what the called method selected (a server name), if it did
};

using CallDone = std::function<void(Runtime&, const CallResult&)>;

class RpcCaller {
 public:
  RpcCaller(World& world, NodeId self, CallerConfig config);

  // Issues `spec` ("@selected" in its server stands for `selected`); `done` runs when it ends for the caller.
  // `parent`: the call being handled that makes this one (0 for a client's own calls), for call lineage.
  void issue(Runtime& rt, const RpcRequestSpec& spec, const std::string& selected, CallDone done, CallId parent = 0);
  // Replies, refusals, handshakes and heartbeats for this caller; false for other frames.
  bool on_frame(Runtime& rt, Envelope& env);
  // Its work (CallEncode, CallDecode) and timers (CallTimeout, SynRetry, Heartbeat); false for other tags.
  bool on_work_done(Runtime& rt, uint64_t tag);
  bool on_timer(Runtime& rt, uint64_t tag);
  // The broker link's callbacks: a request left, or was given up.
  void request_sent(Runtime& rt, Message& request);
  void request_failed(Runtime& rt, MessagePtr request);
  // The process died: every call in hand ends with "crashed", the messages it held are lost.
  void crash(Runtime& rt);
  // Its broker connection was lost: confirms it waited for will not come; the casts waiting for one are taken as
  // sent (what reached the broker is the ledger's to tell).
  void broker_lost(Runtime& rt);

  size_t messages_in_hand() const;
  // Appends the ids of the messages in hand (requests not sent yet, replies being decoded).
  void held_messages(std::vector<MsgId>& ids) const;
  size_t calls_in_hand() const { return calls_.size(); }
  // The requests of the calls (and casts) in hand, for the end-of-run report.
  std::vector<const RpcRequestSpec*> requests_in_hand() const;
  // A reply came for a call that had already ended (its method is given).
  std::function<void(const std::string& method)> on_late_reply;
  // A call timed out and was sent again (its method is given).
  std::function<void(const std::string& method)> on_retry;

 private:
  struct Pending {
    CallId call = 0;
    const RpcRequestSpec* spec = nullptr;
    CallDone done;
    double issued_at = 0.0;
    MessagePtr request;  // while it is encoded, or waits for its connection
    MessagePtr reply;    // while it is decoded
    TimerId timeout_timer = 0;
    TimerId syn_timer = 0;
    TimerId monitor_timer = 0;  // call_monitor_timeout: silence since the request left, or the last heartbeat
    bool awaiting = false;
    bool timer_started = false;
    int retries_left = 0;
    uint8_t attempt = 0;       // replies to an earlier attempt are late: the caller gave up on it
    std::string selected;      // for "@selected"
    NodeId replica = kNoNode;  // direct: the replica it goes to
    size_t syn_attempt = 0;
  };
  struct Channel {  // direct: a connection to one replica
    uint32_t epoch = 0;
    bool open = false;
    double heard = -1.0;  // zerorpc: last heartbeat heard; < 0 until the first tick sets the reference
    bool ticking = false;
    int calls = 0;
  };

  MessagePtr make_request(Runtime& rt, CallId call, const Pending& p);
  void send(Runtime& rt, CallId call, Pending& p);
  void send_brokered(Runtime& rt, Pending& p);
  void send_direct(Runtime& rt, CallId call, Pending& p);
  void send_syn(Runtime& rt, CallId call, Pending& p);
  void send_on_connection(Runtime& rt, Pending& p);
  void start_timeout(Runtime& rt, CallId call, Pending& p);
  void on_reply(Runtime& rt, Envelope& env);
  void finish(Runtime& rt, CallId call, CallOutcome outcome, const std::string& error, LaneId server,
              const std::string& selected);
  void heartbeat_tick(Runtime& rt, NodeId replica);
  void connection_closed(NodeId replica);
  const DirectService* direct_of(const RpcRequestSpec& spec) const;
  const CallerCosts& costs_of(const RpcRequestSpec& spec) const;
  void on_confirm(Runtime& rt, const Envelope& env);
  // The call heard nothing in time (its timeout, or its call monitor's): retry it, or end it with "timeout".
  void timed_out(Runtime& rt, CallId call, Pending& p);
  void arm_monitor(Runtime& rt, CallId call, Pending& p);

  World& world_;
  NodeId self_;
  CallerConfig config_;
  Rng payload_rng_;
  Rng choice_rng_;
  std::map<std::string, ServerPicker> pickers_;
  std::map<CallId, Pending> calls_;
  std::map<NodeId, Channel> channels_;
  CostMeter meter_;
  std::map<uint64_t, CallId> confirms_;  // publish sequence number -> the call or cast it published
};

}  // namespace buslab
