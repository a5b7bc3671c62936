#include "sim/deployment.hpp"

#include <stdexcept>

#include "sim/drain_monitor.hpp"

namespace buslab {

namespace {

double work_flops(const Work& work, const HostSpec& host) {
  return work.on(host.speed);
}

int cpu_slots_of(const ServiceSpec& service) {
  switch (service.executor) {
    case ExecutorKind::Blocking:
      return 1;
    case ExecutorKind::Threading:
      return service.workers;
    case ExecutorKind::Eventlet:
      return 1;  // green threads share one OS thread, hence one core
  }
  return service.workers;
}

std::map<std::string, MethodModel> method_models(const ServiceSpec& service) {
  std::map<std::string, MethodModel> models;
  for (const auto& m : service.methods) models[m.name] = MethodModel{m.service_time, m.reply_bytes};
  return models;
}

}  // namespace

Deployment::Deployment(const Scenario& scenario, World& world, Platform& platform, DrainMonitor& drain)
    : scenario_(scenario), world_(world), platform_(platform), drain_(drain) {
  for (const auto& host : scenario_.platform.hosts)
    host_lanes_[host.name] = world_.trace.add_lane(LaneInfo{host.name, LaneKind::Host, host.name, "", "", 0});
  build_brokers();
  build_services();
  build_clients();
}

void Deployment::add_process(std::unique_ptr<Node> node, NodeId id, const std::string& host) {
  if (id != nodes_.size()) throw std::logic_error("deployment: node ids out of step");
  nodes_.push_back(std::move(node));
  processes_.push_back(std::make_unique<SimgridProcess>(world_, id, *nodes_.back(), platform_.host(host), &drain_));
  if (spawned_) processes_.back()->spawn();
}

NodeId Deployment::reserve(const std::string& name, LaneId lane, const std::string& host) {
  // Nodes are numbered before they are built, so that a node's constructor may know its own id.
  return world_.directory.add_node(name, lane, host);
}

void Deployment::build_brokers() {
  for (const auto& spec : scenario_.brokers) {
    const HostSpec& host = *scenario_.find_host(spec.host);
    BrokerConfig config;
    config.name = spec.name;
    config.host = spec.host;
    config.cores = host.cores;
    config.publish_flops = work_flops(spec.cost.publish, host);
    config.route_flops = work_flops(spec.cost.route, host);
    config.deliver_flops = work_flops(spec.cost.deliver, host);
    config.ack_flops = work_flops(spec.cost.ack, host);
    config.lane = world_.trace.add_lane(LaneInfo{spec.name, LaneKind::Broker, spec.host, "", "", 0});
    const NodeId id = reserve(spec.name, config.lane, spec.host);
    auto node = std::make_unique<BrokerNode>(world_, id, config);
    BrokerNode* broker = node.get();
    add_process(std::move(node), id, spec.host);
    brokers_.push_back(broker);
    broker_by_name_[spec.name] = broker;
    broker->declare_exchange(kControlExchange, broker::ExchangeType::Topic);
  }
}

BrokerNode* Deployment::broker_of(const ServiceSpec& service) const {
  if (service.transport != TransportKind::Broker) return nullptr;
  return broker_by_name_.at(service.broker);
}

ServerNode* Deployment::make_replica(const ServiceSpec& service, int index, const std::string& host, bool at_start) {
  const std::string name = replica_name(service.name, index);
  ServerConfig config;
  config.name = name;
  config.service = service.name;
  config.host = host;
  config.methods = method_models(service);
  config.workers = service.workers;
  config.cpu_slots = cpu_slots_of(service);
  config.codec = find_codec(service.codec);
  config.lane = world_.trace.add_lane(LaneInfo{name, LaneKind::Server, host, "", service.name, service.workers});
  const NodeId id = reserve(name, config.lane, host);
  if (BrokerNode* broker = broker_of(service)) {
    // The rabbit driver's RPC server topology (semantics.md 2.2): a queue per topic shared by all servers, and
    // one per topic.server for calls aimed at this one.
    config.brokered = true;
    config.broker = world_.directory.find(broker->config().name);
    config.broker_lane = broker->config().lane;
    config.reply_exchange_lane = broker->exchange_lane("");
    config.prefetch = service.prefetch;
    config.ack_before = service.ack == AckTiming::BeforeProcessing;
    config.registered_at_start = at_start;
    const broker::QueueId own = broker->declare_queue(service.topic + "." + name);
    broker->bind(kControlExchange, own, service.topic + "." + name);
    const broker::QueueId shared = shared_queues_.at(service.name);
    config.queues.push_back(ConsumedQueue{shared, broker->queue_lane(shared)});
    config.queues.push_back(ConsumedQueue{own, broker->queue_lane(own)});
    if (at_start)
      for (const auto& q : config.queues) broker->add_consumer(q.queue, id, config.lane, config.prefetch);
  }
  world_.directory.add_replica(service.name, id);
  auto node = std::make_unique<ServerNode>(world_, id, std::move(config));
  ServerNode* server = node.get();
  add_process(std::move(node), id, host);
  servers_.push_back(server);
  return server;
}

void Deployment::build_services() {
  for (const auto& service : scenario_.services) {
    if (BrokerNode* broker = broker_of(service)) {
      const broker::QueueId shared = broker->declare_queue(service.topic);
      broker->bind(kControlExchange, shared, service.topic);
      shared_queues_[service.name] = shared;
    }
    for (int i = 1; i <= service.replicas; ++i) {
      const std::string& host = service.hosts[static_cast<size_t>(i - 1) % service.hosts.size()];
      make_replica(service, i, host, true);
    }
    replica_count_[service.name] = service.replicas;
  }
}

void Deployment::build_clients() {
  for (const auto& spec : scenario_.clients) {
    const ServiceSpec& service = *scenario_.find_service(spec.service);
    for (int i = 1; i <= spec.count; ++i) {
      const std::string name = spec.name + "-" + std::to_string(i);
      const std::string& host = spec.hosts[static_cast<size_t>(i - 1) % spec.hosts.size()];
      ClientConfig config;
      config.name = name;
      config.group = spec.name;
      config.method = spec.method;
      config.mode = spec.mode;
      config.timeout = spec.timeout;
      config.payload_bytes = spec.payload_bytes;
      config.codec = find_codec(service.codec);
      config.arrival = spec.arrival;
      config.start = spec.start;
      config.stop = scenario_.duration;
      config.lane = world_.trace.add_lane(LaneInfo{name, LaneKind::Client, host, "", "", 0});
      const NodeId id = reserve(name, config.lane, host);
      if (BrokerNode* broker = broker_of(service)) {
        config.brokered = true;
        config.broker = world_.directory.find(broker->config().name);
        config.broker_lane = broker->config().lane;
        config.exchange = kControlExchange;
        config.exchange_lane = broker->exchange_lane(kControlExchange);
        config.routing_key = spec.server ? service.topic + "." + *spec.server : service.topic;
        // One reply queue per client process, consumed by its reply waiter (semantics.md 2.5).
        config.reply_queue = "reply_" + name;
        const broker::QueueId reply = broker->declare_queue(config.reply_queue);
        broker->add_consumer(reply, id, config.lane, 0);
        config.reply_queue_id = reply;
        config.reply_queue_lane = broker->queue_lane(reply);
      } else {
        config.replicas = world_.directory.replicas(service.name);
        config.server_choice = spec.server ? ServerChoice::Fixed : spec.server_choice;
        if (spec.server) {
          for (size_t r = 0; r < config.replicas.size(); ++r)
            if (world_.directory.name(config.replicas[r]) == *spec.server) config.fixed_replica = r;
        }
      }
      auto node = std::make_unique<ClientNode>(world_, id, std::move(config));
      ClientNode* client = node.get();
      add_process(std::move(node), id, host);
      clients_.push_back(client);
    }
  }
}

void Deployment::spawn_all() {
  spawned_ = true;
  for (auto& process : processes_) process->spawn();
}

void Deployment::add_replicas(const std::string& service_name, int count, const std::vector<std::string>& hosts) {
  const ServiceSpec& service = *scenario_.find_service(service_name);
  const std::vector<std::string>& where = hosts.empty() ? service.hosts : hosts;
  int& existing = replica_count_[service_name];
  for (int k = 0; k < count; ++k) {
    ++existing;
    ServerNode* server = make_replica(service, existing, where[static_cast<size_t>(k) % where.size()], false);
    world_.trace.event(simgrid::s4u::Engine::get_clock(), server->config().lane, EventType::ScaleOut);
  }
}

std::vector<NodeId> Deployment::nodes_on_host(const std::string& host) const {
  std::vector<NodeId> on_host;
  for (NodeId id = 0; id < nodes_.size(); ++id)
    if (world_.directory.host(id) == host) on_host.push_back(id);
  return on_host;
}

void Deployment::finish(double now) {
  for (ServerNode* server : servers_) server->finish(now);
  for (BrokerNode* broker : brokers_) broker->finish(now);
}

}  // namespace buslab
