#include "sim/deploy/deployment.hpp"

#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "models/rpc/oslo_topology.hpp"
#include "sim/deploy/host_load.hpp"
#include "sim/scenario/schema.hpp"

namespace buslab {

namespace {

bool brokered(const ServiceSpec& service) {
  return service.transport == TransportKind::Broker;
}

// A direct protocol's stack in a profile: "xmlrpc-threaded" -> "xmlrpc_threaded".
std::string stack_name(const std::string& protocol) {
  std::string name = protocol;
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

// The connections a direct server's kernel lets wait (ServerConfig::accept_queue): Linux's listen backlog + 1 for
// Python's XML-RPC servers (docs/scenario.md); the uncalibrated profile keeps the backlog itself.
int accept_queue_of(const ServiceSpec& service, const CostProfile& profile) {
  if (service.protocol != "xmlrpc" && service.protocol != "xmlrpc-threaded") return 0;
  if (service.listen_backlog) return *service.listen_backlog + 1;
  if (profile.uncalibrated) return find_direct_protocol(service.protocol)->listen_backlog;
  return profile.xmlrpc_listen_backlog + 1;
}

// ThreadingMixIn's own cost per connection (the threaded server's fixed per-call cost less the plain server's: accept,
// and starting the request's thread, which waits until that thread runs) is spent by its one accepting thread, before
// the request runs; the rest of the per-call cost runs on the request's thread (docs/semantics.md 4.1). The total
// per call is unchanged.
void split_accept_cost(ServerConfig& config, const CostProfile& profile) {
  const auto plain = profile.direct.find("xmlrpc");
  if (plain == profile.direct.end()) return;
  const double accept = config.costs.receive.fixed_s - plain->second.server_call.fixed_s;
  if (accept <= 0) return;
  config.accept_cost = SoftwareCost{accept, 0.0, config.costs.receive.cv};
  config.costs.receive.fixed_s -= accept;
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

}  // namespace

RpcRequestSpec Deployment::request_of(const StepSpec& step, double default_timeout) const {
  const ServiceSpec& target = *scenario_.find_service(step.service);
  RpcRequestSpec r;
  r.service = step.service;
  r.target.exchange = target.exchange;
  r.target.topic = target.topic;
  r.target.server = step.server;
  r.target.fanout = step.fanout;
  r.target.name_space = step.name_space;
  r.target.version = step.version;
  r.method = step.method;
  r.mode = step.mode;
  r.timeout = step.timeout.value_or(default_timeout);
  r.args_bytes = step.args_bytes;
  r.retries = step.retries;
  r.call_monitor_timeout = step.call_monitor_timeout;
  return r;
}

void Deployment::reach(CallerConfig& caller, const StepSpec& step, ServerChoice choice, size_t fixed) const {
  const ServiceSpec& target = *scenario_.find_service(step.service);
  if (target.transport != TransportKind::Direct || caller.direct.count(target.name)) return;
  DirectService direct;
  direct.replicas = world_.directory.replicas(target.name);
  direct.choice = choice;
  direct.fixed = fixed;
  direct.protocol = find_direct_protocol(target.protocol);
  caller.direct[target.name] = direct;
}

std::vector<EndpointModel> Deployment::endpoints_of(const ServiceSpec& service, const std::string& replica) const {
  auto methods_of = [&](const std::vector<MethodSpec>& methods) {
    std::map<std::string, MethodModel> models;
    for (const auto& m : methods) {
      MethodModel model;
      const auto own = m.replica_service_time.find(replica);
      model.service_time = own == m.replica_service_time.end() ? m.service_time : own->second;
      model.io_time = m.io_time;
      model.reply_bytes = m.reply_bytes;
      model.select = m.select;
      model.error_probability = m.error_probability;
      for (const auto& step : m.steps) model.steps.push_back(request_of(step, 60.0));
      models[m.name] = model;
    }
    return models;
  };
  std::vector<EndpointModel> endpoints;
  // Methods without an endpoint form one whose target is the default: namespace None, version 1.0 (oslo).
  if (!service.methods.empty()) endpoints.push_back(EndpointModel{"", "1.0", methods_of(service.methods)});
  for (const auto& e : service.endpoints)
    endpoints.push_back(EndpointModel{e.name_space, e.version, methods_of(e.methods)});
  return endpoints;
}

namespace {

// Declares an exchange once however many requests go through it.
void add_exchange(std::vector<broker::ExchangeDecl>& exchanges, broker::ExchangeDecl exchange) {
  for (const auto& e : exchanges)
    if (e.name == exchange.name) return;
  exchanges.push_back(std::move(exchange));
}

// A service's failover list (a scenario loaded before failover lists existed names only `broker`).
std::vector<std::string> brokers_of(const ServiceSpec& service) {
  return service.brokers.empty() ? std::vector<std::string>{service.broker} : service.brokers;
}

}  // namespace

Deployment::Deployment(const Scenario& scenario, World& world, ProcessHost& processes)
    : scenario_(scenario), world_(world), processes_(processes), contention_(host_contention(scenario)) {
  for (const auto& host : scenario_.platform.hosts) {
    host_lanes_[host.name] = world_.trace.add_lane(LaneInfo{host.name, LaneKind::Host, host.name, "", "", 0});
    if (!host.clock.exact() || host.clock.ntp_interval > 0) {
      world_.clocks.set(host.name, host.clock);
      world_.trace.set_clock(host_lanes_[host.name], host.clock);
    }
  }
  const ServiceGroupSpec& group = scenario_.servicegroup;
  world_.service_database.configure(group.precision, group.report_interval);
  // Rows in the order the scenario lists its services (nova-manage lists them by id).
  for (const auto& member : group.members) {
    std::vector<std::string> hosts = member.hosts;
    if (!member.service.empty()) {
      const ServiceSpec& service = *scenario_.find_service(member.service);
      for (int i = 0; i < service.replicas; ++i)
        hosts.push_back(service.hosts[static_cast<size_t>(i) % service.hosts.size()]);
    }
    for (const auto& host : hosts)
      world_.service_database.add(member.binary, host, member.zone, member.disabled, member.forced_down);
  }
  build_brokers();
  build_services();
  build_clients();
  build_publishers();
  build_consumers();
  build_reporters();
  give_own_cores();
}

void Deployment::give_own_cores() {
  // A host whose processes each bound their CPU work at once (Node::cpu_work_at_most), the bounds adding up to no
  // more than its cores, never shares a core: SimGrid would give each piece a whole one. Replicas added by a
  // scale-out are not counted, so a host one may reach is left out; a process with no bound leaves its host out.
  std::map<std::string, std::vector<std::pair<NodeId, int>>> bounded;
  std::set<std::string> unbounded;
  for (NodeId id = 0; id < nodes_.size(); ++id) {
    const std::string& host = world_.directory.host(id);
    if (const std::optional<int> pieces = nodes_[id]->cpu_work_at_most())
      bounded[host].emplace_back(id, *pieces);
    else
      unbounded.insert(host);
  }
  for (const auto& spec : scenario_.platform.hosts) {
    auto it = bounded.find(spec.name);
    if (it == bounded.end() || unbounded.count(spec.name) > 0 || scale_out_may_reach(scenario_, spec.name)) continue;
    int pieces = 0;
    for (const auto& [id, n] : it->second) pieces += n;
    if (pieces > spec.cores) continue;
    for (const auto& [id, n] : it->second)
      if (n > 0) processes_.own_cores(id, n);
  }
}

const ServiceGroupMember* Deployment::member_of_service(const std::string& service) const {
  for (const auto& m : scenario_.servicegroup.members)
    if (m.service == service) return &m;
  return nullptr;
}

ReportPlan Deployment::report_plan(const ServiceGroupMember& member, const std::string& host) {
  const ServiceGroupSpec& group = scenario_.servicegroup;
  ReportPlan plan;
  plan.row = world_.service_database.add(member.binary, host, member.zone, member.disabled, member.forced_down);
  plan.host = host;
  // nova-compute creates its row through the conductor (semantics 3.1): created_at is on a conductor host's clock
  // (the first's: which conductor takes the create is not modelled).
  plan.db_host = member.via_conductor ? scenario_.find_service(member.conductor)->hosts.front() : host;
  plan.interval = group.report_interval;
  plan.initial_delay = group.initial_delay;
  plan.via_conductor = member.via_conductor;
  plan.query_time = group.query_time;
  plan.join = member.join;
  return plan;
}

void Deployment::build_reporters() {
  for (const auto& member : scenario_.servicegroup.members) {
    if (!member.service.empty()) continue;
    for (const auto& host : member.hosts) {
      ReporterConfig config;
      config.name = member.binary + "@" + host;
      config.host = host;
      config.plan = report_plan(member, host);
      // Drawn as a client lane: it serves nothing, it only writes its heartbeats (docs/trace-format.md).
      config.lane = world_.trace.add_lane(LaneInfo{config.name, LaneKind::Client, host, "", "", 0});
      const NodeId id = reserve(config.name, config.lane, host);
      auto node = std::make_unique<ReporterNode>(world_, id, std::move(config));
      reporters_.push_back(node.get());
      add_process(std::move(node), id, host);
    }
  }
}

void Deployment::add_process(std::unique_ptr<Node> node, NodeId id, const std::string& host) {
  if (id != nodes_.size()) throw std::logic_error("deployment: node ids out of step");
  nodes_.push_back(std::move(node));
  processes_.add_process(id, *nodes_.back(), host);
}

NodeId Deployment::reserve(const std::string& name, LaneId lane, const std::string& host) {
  // Nodes are numbered before they are built, so that a node's constructor may know its own id.
  return world_.directory.add_node(name, lane, host);
}

BrokerLinkConfig Deployment::link_to(const std::vector<std::string>& brokers,
                                     std::vector<broker::ExchangeDecl> exchanges,
                                     std::vector<std::shared_ptr<const broker::ConsumeSpec>> consumes, NodeId id,
                                     LaneId lane, bool at_start, std::vector<broker::QueueDecl> queues) {
  BrokerLinkConfig link;
  for (const auto& name : brokers) {
    BrokerNode* b = broker_by_name_.at(name);
    link.brokers.push_back(world_.directory.find(name));
    link.broker_lanes.push_back(b->config().lane);
  }
  link.exchanges = std::move(exchanges);
  link.consumes = std::move(consumes);
  link.queues = std::move(queues);
  link.heartbeat_timeout = scenario_.find_broker(brokers.front())->heartbeat;
  link.exchange_lane = [this](NodeId broker, const std::string& exchange) {
    return broker_by_node_.at(broker)->exchange_lane(exchange);
  };
  if (at_start) {
    BrokerNode* first = broker_by_name_.at(brokers.front());
    first->connect_at_start(id, link.exchanges, link.queues);
    for (const auto& spec : link.consumes) first->consume_at_start(*spec, id, lane);
  }
  return link;
}

void Deployment::build_brokers() {
  for (const auto& spec : scenario_.brokers) {
    const HostSpec& host = *scenario_.find_host(spec.host);
    BrokerConfig config;
    config.name = spec.name;
    config.host = spec.host;
    config.cores = host.cores;
    const CostProfile& profile = scenario_.profile;
    config.costs = profile.broker;
    // The uncalibrated figures were times on the broker's own host; a profile's are on its reference core.
    config.reference_flops = profile.uncalibrated ? host.speed : profile.speed_flops;
    config.jitter = profile.jitter;
    config.contention = contention_.at(spec.host);
    // A cost the scenario gives this broker replaces the profile's: per message, on the broker's host.
    auto own = [&](const std::optional<Work>& work, SoftwareCost& cost) {
      if (!work) return;
      cost.fixed_s = work->on(host.speed) / config.reference_flops;
      cost.per_byte_s = 0.0;
    };
    own(spec.cost.publish, config.costs.publish);
    own(spec.cost.route, config.costs.route);
    own(spec.cost.deliver, config.costs.deliver);
    own(spec.cost.ack, config.costs.ack);
    config.memory_high_watermark = spec.memory_high_watermark;
    config.heartbeat_timeout = spec.heartbeat;
    config.has_disk = true;
    config.exchanges = spec.exchanges;
    config.queues = spec.queues;
    for (const auto& b : spec.exchange_bindings)
      config.exchange_bindings.push_back(BrokerConfig::ExchangeBinding{b.source, b.destination, b.key, b.arguments});
    processes_.add_disk(spec.host, spec.disk_write_bandwidth);
    config.lane = world_.trace.add_lane(LaneInfo{spec.name, LaneKind::Broker, spec.host, "", "", 0});
    const NodeId id = reserve(spec.name, config.lane, spec.host);
    auto node = std::make_unique<BrokerNode>(world_, id, config);
    BrokerNode* broker = node.get();
    add_process(std::move(node), id, spec.host);
    brokers_.push_back(broker);
    broker_by_name_[spec.name] = broker;
    broker_by_node_[id] = broker;
  }
}

ServerConfig Deployment::server_config(const ServiceSpec& service, const std::string& name,
                                       const std::string& host) const {
  ServerConfig config;
  config.name = name;
  config.service = service.name;
  config.host = host;
  config.topic = service.topic;
  config.endpoints = endpoints_of(service, name);
  config.workers = service.workers;
  config.cpu_slots = cpu_slots_of(service);
  const HostSpec& host_spec = *scenario_.find_host(host);
  config.host_cores = host_spec.cores;
  config.codec = codec_of(service);
  config.protocol = find_direct_protocol(service.protocol);
  config.accept_queue = accept_queue_of(service, scenario_.profile);
  const CostProfile& profile = scenario_.profile;
  if (brokered(service)) {
    config.costs = profile.server;
  } else if (auto stack = profile.direct.find(stack_name(service.protocol)); stack != profile.direct.end()) {
    config.costs.receive = stack->second.server_call;  // the stack's whole per-call cost
    if (service.protocol == "xmlrpc-threaded") split_accept_cost(config, profile);
  }
  config.reference_flops = profile.speed_flops;
  config.jitter = profile.jitter;
  config.contention = contention_.at(host);
  config.reply_confirm_publish = brokered(service) && profile.reply_confirm_publish;
  config.start_at = service.start;
  const long index = replica_index(name, service);
  if (index >= 1 && static_cast<size_t>(index) <= service.replica_speeds.size() &&
      service.replica_speeds[static_cast<size_t>(index) - 1] > 0)
    config.slowdown = host_spec.speed / service.replica_speeds[static_cast<size_t>(index) - 1];
  // A method that calls other services makes its server a caller too.
  config.caller.name = name;
  configure_caller(config.caller, service);
  config.caller.contention = config.contention;
  return config;
}

const Codec* Deployment::codec_of(const ServiceSpec& service) const {
  return &scenario_.profile.codec(service.codec, brokered(service));
}

void Deployment::configure_caller(CallerConfig& caller, const ServiceSpec& home) const {
  const CostProfile& profile = scenario_.profile;
  caller.codec = codec_of(home);
  caller.reference_flops = profile.speed_flops;
  caller.jitter = profile.jitter;
  caller.confirm_publish = brokered(home) && profile.confirm_publish;
}

void Deployment::add_call_costs(CallerConfig& caller, const ServiceSpec& target) const {
  const CostProfile& profile = scenario_.profile;
  if (brokered(target)) {
    caller.costs[target.name] = profile.client;
    return;
  }
  auto stack = profile.direct.find(stack_name(target.protocol));
  if (stack == profile.direct.end()) return;  // "direct": an ideal protocol, no stack
  // A direct stack's client cost is per call, the reply's receipt included.
  caller.costs[target.name] = CallerCosts{stack->second.client_call, stack->second.client_call, {}};
}

Deployment::ReplicaSlot Deployment::claim_replica(const ServiceSpec& service, int index, const std::string& host) {
  ReplicaSlot slot;
  slot.name = replica_name(service, index);
  slot.host = host;
  slot.lane = world_.trace.add_lane(LaneInfo{slot.name, LaneKind::Server, host, "", service.name, service.workers});
  slot.id = reserve(slot.name, slot.lane, host);
  world_.directory.add_replica(service.name, slot.id);
  return slot;
}

ServerNode* Deployment::make_replica(const ServiceSpec& service, const ReplicaSlot& slot, bool at_start) {
  const std::string& name = slot.name;
  const std::string& host = slot.host;
  ServerConfig config = server_config(service, name, host);
  config.lane = slot.lane;
  config.caller.lane = config.lane;
  const NodeId id = slot.id;
  bool calls_out = false;
  // The exchanges it publishes to: its services' own, and those of the services its methods call.
  std::vector<broker::ExchangeDecl> exchanges = {oslo::topic_exchange(service.exchange),
                                                 oslo::fanout_exchange(service.topic)};
  auto note_steps = [&](const std::vector<MethodSpec>& methods) {
    for (const auto& m : methods)
      for (const auto& step : m.steps) {
        calls_out = true;
        reach(config.caller, step, ServerChoice::RoundRobin, 0);
        add_call_costs(config.caller, *scenario_.find_service(step.service));
        add_exchange(exchanges, oslo::topic_exchange(scenario_.find_service(step.service)->exchange));
      }
  };
  note_steps(service.methods);
  for (const auto& e : service.endpoints) note_steps(e.methods);
  if (const ServiceGroupMember* member = member_of_service(service.name)) {
    config.report = report_plan(*member, host);
    if (member->via_conductor) {
      // nova-compute's heartbeat: service.save() through the conductor, an object_action call (docs/semantics.md 3.1).
      StepSpec step;
      step.service = member->conductor;
      step.method = "object_action";
      config.report_call = request_of(step, scenario_.servicegroup.report_timeout);
      config.report_call.service_row = config.report->row;
      calls_out = true;
      reach(config.caller, step, ServerChoice::RoundRobin, 0);
      add_exchange(exchanges, oslo::topic_exchange(scenario_.find_service(member->conductor)->exchange));
    }
  }
  if (service.transport == TransportKind::Broker) {
    // The rabbit driver's RPC server topology (docs/semantics.md 2.2).
    config.brokered = true;
    config.ack_before = service.ack == AckTiming::BeforeProcessing;
    // A service that starts later is not there at the start: its replicas connect (and declare its queues) then.
    const bool present_at_start = at_start && service.start <= 0.0;
    config.connected_at_start = present_at_start;
    config.prefetch = service.prefetch;
    if (calls_out) config.caller.reply_queue = oslo::reply_queue_name(name);
    config.queues =
        oslo::ServerQueues{service.exchange, service.topic, name, service.prefetch, config.caller.reply_queue};
    config.link = link_to(brokers_of(service), exchanges, oslo::server_consumes(config.queues, 0), id, config.lane,
                          present_at_start);
  }
  auto node = std::make_unique<ServerNode>(world_, id, std::move(config));
  ServerNode* server = node.get();
  add_process(std::move(node), id, host);
  servers_.push_back(server);
  return server;
}

void Deployment::build_services() {
  // Every replica is named and listed first, then built: the order of lanes and node ids is the scenario's.
  std::vector<std::pair<const ServiceSpec*, ReplicaSlot>> slots;
  for (const auto& service : scenario_.services) {
    for (int i = 1; i <= service.replicas; ++i)
      slots.emplace_back(&service,
                         claim_replica(service, i, service.hosts[static_cast<size_t>(i - 1) % service.hosts.size()]));
    replica_count_[service.name] = service.replicas;
  }
  for (const auto& [service, slot] : slots) make_replica(*service, slot, true);
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
      config.arrival = spec.arrival;
      config.start = spec.start;
      config.stop = scenario_.duration;
      config.lane = world_.trace.add_lane(LaneInfo{name, LaneKind::Client, host, "", "", 0});
      world_.series.client_lane(config.lane, spec.name, spec.service);
      const NodeId id = reserve(name, config.lane, host);
      config.caller.name = name;
      config.caller.lane = config.lane;
      configure_caller(config.caller, service);
      config.caller.contention = contention_.at(host);
      std::vector<broker::ExchangeDecl> exchanges;
      for (const auto& step : spec.requests()) {
        add_exchange(exchanges, oslo::topic_exchange(scenario_.find_service(step.service)->exchange));
        config.steps.push_back(request_of(step, spec.timeout));
        add_call_costs(config.caller, *scenario_.find_service(step.service));
        size_t fixed = 0;
        const auto replicas = world_.directory.replicas(step.service);
        for (size_t r = 0; r < replicas.size(); ++r)
          if (world_.directory.name(replicas[r]) == step.server) fixed = r;
        reach(config.caller, step, step.server.empty() ? spec.server_choice : ServerChoice::Fixed, fixed);
        if (step.fanout) add_exchange(exchanges, oslo::fanout_exchange(scenario_.find_service(step.service)->topic));
      }
      if (service.transport == TransportKind::Broker) {
        config.brokered = true;
        // One reply queue per client process, consumed by its reply waiter (docs/semantics.md 2.5).
        config.caller.reply_queue = oslo::reply_queue_name(name);
        config.link = link_to(brokers_of(service), exchanges, {oslo::reply_consume(config.caller.reply_queue)}, id,
                              config.lane, true);
        config.link.retry = spec.retry;
      }
      auto node = std::make_unique<ClientNode>(world_, id, std::move(config));
      ClientNode* client = node.get();
      add_process(std::move(node), id, host);
      clients_.push_back(client);
    }
  }
}

void Deployment::build_publishers() {
  for (const auto& spec : scenario_.publishers) {
    for (int i = 1; i <= spec.count; ++i) {
      const std::string name = spec.name + "-" + std::to_string(i);
      const std::string& host = spec.hosts[static_cast<size_t>(i - 1) % spec.hosts.size()];
      PublisherConfig config;
      config.name = name;
      config.group = spec.name;
      config.exchange = spec.exchange;
      config.routing_keys = spec.routing_keys;
      config.random_keys = spec.key_choice == KeyChoice::Random;
      config.headers = spec.headers;
      config.persistent = spec.persistent;
      config.mandatory = spec.mandatory;
      config.confirms = spec.confirms;
      config.payload_bytes = spec.payload_bytes;
      config.arrival = spec.arrival;
      config.start = spec.start;
      config.stop = scenario_.duration;
      config.lane = world_.trace.add_lane(LaneInfo{name, LaneKind::Client, host, "", "", 0});
      const NodeId id = reserve(name, config.lane, host);
      config.link = link_to(spec.brokers, spec.declares_exchanges, {}, id, config.lane, true, spec.declares_queues);
      config.link.retry = spec.retry;
      auto node = std::make_unique<PublisherNode>(world_, id, std::move(config));
      publishers_.push_back(node.get());
      add_process(std::move(node), id, host);
    }
  }
}

void Deployment::build_consumers() {
  for (const auto& spec : scenario_.consumers) {
    const broker::QueueDecl& queue = spec.declares_queue
                                         ? *spec.declares_queue
                                         : *scenario_.find_broker(spec.brokers.front())->find_queue(spec.queue);
    for (int i = 1; i <= spec.count; ++i) {
      const std::string name = spec.name + "-" + std::to_string(i);
      const std::string& host = spec.hosts[static_cast<size_t>(i - 1) % spec.hosts.size()];
      ConsumerConfig config;
      config.name = name;
      config.queue = spec.queue;
      config.host = host;
      config.ack = spec.ack == ConsumerAck::Auto               ? ConsumerAckMode::Auto
                   : spec.ack == ConsumerAck::BeforeProcessing ? ConsumerAckMode::BeforeProcessing
                                                               : ConsumerAckMode::AfterProcessing;
      config.workers = spec.workers;
      config.processing_time = spec.processing_time;
      config.reject_probability = spec.reject_probability;
      config.reject_requeue = spec.reject_requeue;
      config.lane =
          world_.trace.add_lane(LaneInfo{name, LaneKind::Server, host, "", "queue " + spec.queue, spec.workers});
      const NodeId id = reserve(name, config.lane, host);
      auto consume = std::make_shared<broker::ConsumeSpec>();
      consume->queue = queue;
      consume->prefetch = spec.prefetch;
      consume->auto_ack = spec.ack == ConsumerAck::Auto;
      consume->priority = spec.priority;
      config.link = link_to(spec.brokers, spec.declares_exchanges, {consume}, id, config.lane, true);
      auto node = std::make_unique<ConsumerNode>(world_, id, std::move(config));
      consumers_.push_back(node.get());
      add_process(std::move(node), id, host);
    }
  }
}

void Deployment::spawn_all() {
  processes_.start_all();
}

void Deployment::stop_all() {
  processes_.stop_all();
}

void Deployment::add_replicas(const std::string& service_name, int count, const std::vector<std::string>& hosts) {
  const ServiceSpec& service = *scenario_.find_service(service_name);
  const std::vector<std::string>& where = hosts.empty() ? service.hosts : hosts;
  int& existing = replica_count_[service_name];
  for (int k = 0; k < count; ++k) {
    ++existing;
    ServerNode* server =
        make_replica(service, claim_replica(service, existing, where[static_cast<size_t>(k) % where.size()]), false);
    world_.trace.event(processes_.now(), server->config().lane, EventType::ScaleOut);
  }
}

std::vector<NodeId> Deployment::nodes_on_host(const std::string& host) const {
  std::vector<NodeId> on_host;
  for (NodeId id = 0; id < nodes_.size(); ++id)
    if (world_.directory.host(id) == host) on_host.push_back(id);
  return on_host;
}

void Deployment::finish(double now) {
  for (ClientNode* client : clients_) client->finish();
  for (ServerNode* server : servers_) server->finish(now);
  for (ConsumerNode* consumer : consumers_) consumer->finish(now);
  for (BrokerNode* broker : brokers_) broker->finish(now);
}

}  // namespace buslab
