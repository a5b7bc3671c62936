#pragma once
// Turns a scenario into running processes: the brokers with the topology the RPC layer declares on them, the
// server replicas, the client instances, each with its SimGrid actor. Scale-out adds replicas mid-run.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/broker/broker_node.hpp"
#include "models/core/world.hpp"
#include "models/rpc/client_node.hpp"
#include "models/rpc/server_node.hpp"
#include "sim/platform.hpp"
#include "sim/scenario.hpp"
#include "sim/simgrid_runtime.hpp"

namespace buslab {

class DrainMonitor;

// oslo.messaging's default control exchange: RPC targets without an exchange publish here (semantics.md 2.1).
inline constexpr const char* kControlExchange = "openstack";

class Deployment {
 public:
  Deployment(const Scenario& scenario, World& world, Platform& platform, DrainMonitor& drain);

  // Starts every process's actor; call before Engine::run.
  void spawn_all();
  // Starts `count` new replicas of `service` on `hosts` (round-robin) now; they subscribe to their broker.
  void add_replicas(const std::string& service, int count, const std::vector<std::string>& hosts);

  // Processes (servers, brokers, clients) running on `host`.
  std::vector<NodeId> nodes_on_host(const std::string& host) const;
  LaneId host_lane(const std::string& host) const { return host_lanes_.at(host); }
  // End of run bookkeeping of every process.
  void finish(double now);

  const std::vector<ServerNode*>& servers() const { return servers_; }
  const std::vector<ClientNode*>& clients() const { return clients_; }
  const std::vector<BrokerNode*>& brokers() const { return brokers_; }

 private:
  void add_process(std::unique_ptr<Node> node, NodeId id, const std::string& host);
  NodeId reserve(const std::string& name, LaneId lane, const std::string& host);
  void build_brokers();
  void build_services();
  void build_clients();
  ServerNode* make_replica(const ServiceSpec& service, int index, const std::string& host, bool at_start);
  BrokerNode* broker_of(const ServiceSpec& service) const;

  const Scenario& scenario_;
  World& world_;
  Platform& platform_;
  DrainMonitor& drain_;
  std::map<std::string, LaneId> host_lanes_;
  std::vector<std::unique_ptr<Node>> nodes_;                // by NodeId
  std::vector<std::unique_ptr<SimgridProcess>> processes_;  // by NodeId
  std::vector<ServerNode*> servers_;
  std::vector<ClientNode*> clients_;
  std::vector<BrokerNode*> brokers_;
  std::map<std::string, BrokerNode*> broker_by_name_;
  std::map<std::string, broker::QueueId> shared_queues_;  // per brokered service: its topic queue
  std::map<std::string, int> replica_count_;              // per service, including those added by scale-out
  bool spawned_ = false;
};

}  // namespace buslab
