#pragma once
// Turns a scenario into running processes: the brokers with their boot topology, the server replicas, the RPC
// clients, the AMQP publishers and consumers, each given a runtime by the engine (ProcessHost). Processes
// connected to a broker when the run starts are registered with it (their exchanges, queues and consumers
// declared) as if they had started earlier. Scale-out adds replicas mid-run; they connect and subscribe
// themselves. No engine here: both engines (sim/engine, sim/queueing) build their processes with it.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/amqp/consumer_node.hpp"
#include "models/amqp/publisher_node.hpp"
#include "models/broker/broker_node.hpp"
#include "models/nova/reporter_node.hpp"
#include "models/rpc/client_node.hpp"
#include "models/rpc/server_node.hpp"
#include "models/world/world.hpp"
#include "sim/deploy/process_host.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab {

class Deployment {
 public:
  Deployment(const Scenario& scenario, World& world, ProcessHost& processes);

  // Starts every process; call when the run starts.
  void spawn_all();
  // Ends every process now (the run is over): each cancels its own activities.
  void stop_all();
  // Starts `count` new replicas of `service` on `hosts` (round-robin) now; they subscribe to their broker.
  void add_replicas(const std::string& service, int count, const std::vector<std::string>& hosts);

  // Processes (servers, brokers, clients, publishers, consumers) running on `host`.
  std::vector<NodeId> nodes_on_host(const std::string& host) const;
  LaneId host_lane(const std::string& host) const { return host_lanes_.at(host); }
  // End of run bookkeeping of every process.
  void finish(double now);

  const std::vector<ServerNode*>& servers() const { return servers_; }
  const std::vector<ClientNode*>& clients() const { return clients_; }
  const std::vector<BrokerNode*>& brokers() const { return brokers_; }
  const std::vector<PublisherNode*>& publishers() const { return publishers_; }
  const std::vector<ConsumerNode*>& consumers() const { return consumers_; }

 private:
  void add_process(std::unique_ptr<Node> node, NodeId id, const std::string& host);
  NodeId reserve(const std::string& name, LaneId lane, const std::string& host);
  void build_brokers();
  void build_services();
  void build_clients();
  void build_publishers();
  void build_consumers();
  // The servicegroup's processes that only report (nova-network, nova-cert...).
  void build_reporters();
  // Tells the engine which processes may time their own CPU work (ProcessHost::own_cores).
  void give_own_cores();
  // A nova service's heartbeat plan for a process of `member` on `host` (its row added to the database).
  ReportPlan report_plan(const ServiceGroupMember& member, const std::string& host);
  // The servicegroup member whose processes are the replicas of `service`, or nullptr.
  const ServiceGroupMember* member_of_service(const std::string& service) const;
  ServerConfig server_config(const ServiceSpec& service, const std::string& name, const std::string& host) const;
  // The profile's costs and behaviours (docs/profiles.md) for a process calling from `home` (its own service's
  // transport decides whether it publishes with confirms); `calls` adds the costs of calling `target`.
  void configure_caller(CallerConfig& caller, const ServiceSpec& home) const;
  void add_call_costs(CallerConfig& caller, const ServiceSpec& target) const;
  const Codec* codec_of(const ServiceSpec& service) const;
  // A replica's name, lane and node id, taken (and listed among its service's replicas) before any replica is
  // built: a method may call a direct service declared after its own, whose callers learn its replicas when built.
  struct ReplicaSlot {
    std::string name;
    std::string host;
    LaneId lane = kNoLane;
    NodeId id = kNoNode;
  };
  ReplicaSlot claim_replica(const ServiceSpec& service, int index, const std::string& host);
  ServerNode* make_replica(const ServiceSpec& service, const ReplicaSlot& slot, bool at_start);
  RpcRequestSpec request_of(const StepSpec& step, double default_timeout) const;
  // Its endpoints as replica `replica` runs them (a method may take another time there).
  std::vector<EndpointModel> endpoints_of(const ServiceSpec& service, const std::string& replica) const;
  // Makes `caller` able to reach `step`'s service when it is direct (its replicas, choice and protocol).
  void reach(CallerConfig& caller, const StepSpec& step, ServerChoice choice, size_t fixed) const;
  // A link to `brokers` (a failover list) for process `id`; registered with the first broker when `at_start`.
  // It declares `exchanges` and `queues` and consumes `consumes` on every connection.
  BrokerLinkConfig link_to(const std::vector<std::string>& brokers, std::vector<broker::ExchangeDecl> exchanges,
                           std::vector<std::shared_ptr<const broker::ConsumeSpec>> consumes, NodeId id, LaneId lane,
                           bool at_start, std::vector<broker::QueueDecl> queues = {});

  const Scenario& scenario_;
  World& world_;
  ProcessHost& processes_;
  std::map<std::string, LaneId> host_lanes_;
  std::map<std::string, ContentionFactors> contention_;  // per host (sim/deploy/host_load.hpp)
  std::vector<std::unique_ptr<Node>> nodes_;             // by NodeId
  std::vector<ServerNode*> servers_;
  std::vector<ClientNode*> clients_;
  std::vector<BrokerNode*> brokers_;
  std::vector<PublisherNode*> publishers_;
  std::vector<ConsumerNode*> consumers_;
  std::vector<ReporterNode*> reporters_;
  std::map<std::string, BrokerNode*> broker_by_name_;
  std::map<NodeId, BrokerNode*> broker_by_node_;
  std::map<std::string, int> replica_count_;  // per service, including those added by scale-out
};

}  // namespace buslab
