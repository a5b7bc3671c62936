#pragma once
// An RPC server process as oslo.messaging runs one: it takes requests (delivered by a broker from the queues
// it consumes, or straight from clients over a direct protocol), dispatches each to an endpoint by namespace
// and version, and runs the method on its executor: CPU work (shared with the host's other work, one at a time
// for green threads), then waits (I/O), then the calls and casts the method makes to other services, then the
// reply. It dies, hangs, restarts and scales out when the fault schedule says.
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/distribution.hpp"
#include "models/core/protocol_error.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/core/tags.hpp"
#include "models/process/cpu_gate.hpp"
#include "models/process/executor.hpp"
#include "models/process/process_life.hpp"
#include "models/rpc/codec.hpp"
#include "models/rpc/direct_protocol.hpp"
#include "models/rpc/dispatcher.hpp"
#include "models/rpc/library_costs.hpp"
#include "models/rpc/listen_queue.hpp"
#include "models/rpc/oslo_topology.hpp"
#include "models/rpc/rpc_caller.hpp"
#include "models/rpc/target.hpp"
#include "models/servicegroup/report_loop.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct MethodModel {
  Distribution service_time;                           // CPU seconds on one idle core
  Distribution io_time = Distribution::constant(0.0);  // waiting (database, disk, REST calls): holds a worker, no CPU
  Distribution reply_bytes = Distribution::constant(256);
  std::vector<RpcRequestSpec> steps;  // calls and casts the method makes, in order, after its CPU work and wait
  std::string select;                 // a service: the method picks one of its replicas and returns its name
  double error_probability = 0.0;     // the method raises: the caller gets a RemoteError
};

struct EndpointModel {
  std::string name_space;  // "" = None
  std::string version;     // "" = None: accepts any
  std::map<std::string, MethodModel> methods;
};

struct ServerConfig {
  std::string name;
  std::string service;
  std::string host;
  std::string topic;
  LaneId lane = kNoLane;
  std::vector<EndpointModel> endpoints;
  int workers = 1;
  int cpu_slots = 1;
  int host_cores = 1;
  const Codec* codec = nullptr;
  const DirectProtocol* protocol = nullptr;  // direct servers
  // Direct servers: how many connections its kernel lets wait, not yet taken by the process (Linux: the listen
  // backlog + 1; models/rpc/listen_queue.hpp). 0: no limit.
  int accept_queue = 0;
  // Direct servers with a thread per request (ThreadingMixIn): the CPU its one accepting thread spends on each
  // connection (accept, and starting the request's thread) before the request runs. Connections wait in the
  // accept queue meanwhile. Zero: a request is taken as soon as a worker is free.
  SoftwareCost accept_cost;
  // Its library's CPU per request (oslo's poll thread and dispatcher, or a direct protocol's stack), beside the
  // codec, on the reference core.
  ServerCosts costs;
  double reference_flops = 1e9;
  bool jitter = false;
  ContentionFactors contention;  // its host's (models/core/contention.hpp)
  // This replica computes `slowdown` times slower than its host's cores (a slower machine or a CPU quota):
  // every CPU work of a request takes that much longer.
  double slowdown = 1.0;
  // When the process starts: 0 at the start of the run; later, it connects (and declares its queues) then.
  double start_at = 0.0;
  // Brokered servers only.
  bool brokered = false;
  oslo::ServerQueues queues;       // the queues it consumes, declared anew at each start
  BrokerLinkConfig link;           // its broker(s) and the exchanges it declares
  bool ack_before = true;          // acknowledge on receipt (oslo.messaging) or after replying
  bool connected_at_start = true;  // the broker lists it as connected and consuming when the run starts
  int prefetch = 0;
  // oslo 14 publishes replies with confirms: the worker that runs a call is held until the broker confirms
  // its reply.
  bool reply_confirm_publish = false;
  // Calling other services (nova's conductor calls the scheduler).
  CallerConfig caller;
  // A nova service of the servicegroup: it reports its state (docs/semantics.md 3.1); through the conductor, the
  // report is `report_call`.
  std::optional<ReportPlan> report;
  RpcRequestSpec report_call;
};

class ServerNode final : public Node {
 public:
  ServerNode(World& world, NodeId self, ServerConfig config);
  std::optional<int> cpu_work_at_most() const override;

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;
  // End of run: close the up-time account.
  void finish(double now);

  bool alive() const { return life_.alive(); }
  const Executor& executor() const { return executor_; }
  const ServerConfig& config() const { return config_; }
  // The requests it holds: in its executor, and those its kernel keeps (accept queue, half-open connections).
  size_t requests_held() const;
  // Messages it holds besides its requests: replies waiting for the broker, messages of its own calls.
  size_t messages_in_hand() const;
  // Appends the ids of every message it holds: requests, and the messages in hand above.
  void held_messages(std::vector<MsgId>& ids) const;

 private:
  void accept(Runtime& rt, ExecutorJob job);
  void pump(Runtime& rt);
  void begin(Runtime& rt, JobId id);
  void after_cpu(Runtime& rt, JobId id);
  void next_step(Runtime& rt, JobId id);
  void complete(Runtime& rt, JobId id);
  // Frees the worker of a finished request.
  void release(Runtime& rt, JobId id);
  void on_reply_confirm(Runtime& rt, const Envelope& env);
  // The broker connection is lost: the reply confirms awaited will not come; their workers are freed.
  void broker_lost(Runtime& rt);
  void send_monitor_heartbeat(Runtime& rt, JobId id);
  void start_now(Runtime& rt);
  // A reply to `request` carrying `bytes` of result, addressed to the caller's reply queue when brokered: the reply of
  // a call and the heartbeats sent while it runs are built alike.
  MessagePtr reply_message(Runtime& rt, const Message& request, uint64_t bytes);
  // Publishes (or sends) the reply of a call; its publisher-confirm sequence number, 0 if none is awaited.
  uint64_t reply(Runtime& rt, const ExecutorJob& job);
  void send_ack(Runtime& rt, const ExecutorJob& job);
  void ack_reply_delivery(Runtime& rt, const Envelope& delivery);
  void on_syn(Runtime& rt, Envelope& env);
  // Connections established and not yet accepted by the process: those its accepting thread has not reached, or
  // (a single thread) the requests waiting for it.
  size_t waiting_connections() const;
  // A direct request, its connection now in the accept queue.
  void enqueue_connection(Runtime& rt, MessagePtr request, double arrived_at);
  void on_listen_retry(Runtime& rt, uint64_t key);
  // The host's kernel resets the client's connection for `call` (a TCP RST): the client hears Refused.
  void send_reset(Runtime& rt, NodeId client, LaneId client_lane, CallId call);
  // The accepting thread takes the next connection, if it is free and one waits.
  void accept_next(Runtime& rt);
  // Hang and Resume (faults), Syn and Heartbeat (a direct client's probes); false for any other frame.
  bool on_fault_or_probe(Runtime& rt, Envelope& env);
  void resume(Runtime& rt);
  void on_direct_request(Runtime& rt, Envelope& env);
  void on_delivery(Runtime& rt, Envelope& env);
  void on_returned_reply(Envelope& env);
  void crash(Runtime& rt, bool host_down);
  void report_levels(double now);
  // The servicegroup heartbeats (config_.report).
  void join_group(Runtime& rt);
  void begin_report(Runtime& rt);
  void report_done(Runtime& rt);
  void update_busy();
  const MethodModel* method_of(const ExecutorJob& job) const;

  World& world_;
  NodeId self_;
  ServerConfig config_;
  Rng rng_;
  Executor executor_;
  CpuGate cpu_;
  ServerStats& stats_;
  std::unique_ptr<BrokerLink> link_;   // brokered servers
  std::unique_ptr<RpcCaller> caller_;  // servers whose methods call others
  std::optional<ReportLoop> report_;   // nova services in a servicegroup
  std::vector<EndpointSignature> signatures_;
  std::map<std::string, size_t> select_turn_;  // round-robin position per selected service
  ProcessLife life_;
  CostMeter meter_;
  std::map<uint64_t, JobId> reply_confirms_;  // reply publish sequence number -> the job it holds
  bool hung_ = false;
  int starts_ = 0;
  bool busy_ = false;
  ListenQueue listen_;                    // direct: half-open connections its kernel keeps
  std::deque<ExecutorJob> accept_queue_;  // direct, with an accepting thread: connections it has not taken yet
  std::optional<ExecutorJob> accepting_;  // the one that thread is taking (off the kernel's queue; its CPU runs)
  std::vector<uint64_t> deferred_work_;   // completions that came while hung
  std::vector<uint64_t> deferred_timers_;
};

}  // namespace buslab
