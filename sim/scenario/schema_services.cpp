// `services`: RPC servers, their transport, placement, executor and methods.
#include <algorithm>

#include <fmt/format.h>

#include "models/rpc/codec.hpp"
#include "models/rpc/direct_protocol.hpp"
#include "models/rpc/dispatcher.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

constexpr const char* kBrokerPrefix = "broker:";

void read_transport(const JsonReader& transport, const std::vector<BrokerSpec>& brokers, ServiceSpec& service) {
  std::vector<std::string> choices;
  for (const auto& p : direct_protocols()) choices.push_back(p.name);
  for (const auto& broker : brokers) choices.push_back(kBrokerPrefix + broker.name);
  const std::string text =
      transport.present() && transport.value().is_string() ? transport.value().get<std::string>() : "";
  if (text.rfind(kBrokerPrefix, 0) == 0 && text.find(',') != std::string::npos) {
    // A failover list: "broker:rabbit1,rabbit2".
    service.transport = TransportKind::Broker;
    std::string rest = text.substr(std::string(kBrokerPrefix).size());
    size_t start = 0;
    for (;;) {
      const size_t comma = rest.find(',', start);
      const std::string name = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      bool known = false;
      for (const auto& b : brokers) known = known || b.name == name;
      if (!known)
        transport.fail("a broker, or brokers separated by commas, declared in \"brokers\"",
                       fmt::format("{} is not one", json_quoted(name)));
      for (const auto& seen : service.brokers)
        if (seen == name)
          transport.fail("each broker once in a failover list", fmt::format("{} twice", json_quoted(name)));
      service.brokers.push_back(name);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    service.broker = service.brokers.front();
    return;
  }
  const std::string chosen = transport.reference(choices, "a transport");
  if (chosen.rfind(kBrokerPrefix, 0) == 0) {
    service.transport = TransportKind::Broker;
    service.broker = chosen.substr(std::string(kBrokerPrefix).size());
    service.brokers = {service.broker};
  } else {
    service.transport = TransportKind::Direct;
    service.protocol = chosen;
  }
}

// What each direct protocol's server is, unless the scenario says otherwise (docs/semantics.md 4).
void protocol_defaults(ServiceSpec& service) {
  if (service.protocol == "xmlrpc") {
    service.executor = ExecutorKind::Blocking;  // SimpleXMLRPCServer: one request at a time
    service.workers = 1;
    service.codec = "xml";
  } else if (service.protocol == "xmlrpc-threaded") {
    service.executor = ExecutorKind::Threading;  // ThreadingMixIn: a thread per request
    service.workers = kMaxInstances;
    service.codec = "xml";
  } else if (service.protocol == "zerorpc") {
    service.executor = ExecutorKind::Eventlet;  // a gevent pool without bound
    service.workers = kMaxInstances;
    service.codec = "msgpack";
  }
}

void read_executor(const JsonReader& executor, ServiceSpec& service) {
  if (!executor.present()) return;  // threading, 64 workers
  executor.expect_object(executor_table().keys());
  const JsonReader kind = executor.field("kind");
  const JsonReader workers = executor.field("workers");
  const std::string name = kind.present() ? kind.one_of(executor_table().choices("kind")) : "threading";
  if (name == "blocking") {
    service.executor = ExecutorKind::Blocking;
    service.workers = 1;
    if (workers.present() && !(workers.value().is_number_integer() && workers.value() == 1))
      workers.fail(R"(1 or nothing (a "blocking" executor runs one request at a time))");
    return;
  }
  service.executor = name == "eventlet" ? ExecutorKind::Eventlet : ExecutorKind::Threading;
  service.workers = table_integer(executor, executor_table(), "workers", service.workers);
}

std::vector<MethodSpec> read_methods(const JsonReader& methods) {
  if (!methods.present() || !methods.value().is_object() || methods.value().empty())
    methods.fail(R"(a non-empty object of methods, like {"add": {"service_time": "1ms"}})");
  std::vector<MethodSpec> out;
  // nlohmann::json keeps object keys sorted, so methods come out sorted by name.
  for (const auto& [name, unused] : methods.value().items()) {
    const JsonReader method = methods.field(name);
    if (name.empty() || name.find('/') != std::string::npos)
      method.fail_message(fmt::format("expected a non-empty method name without \"/\", found {}", json_quoted(name)));
    method.expect_object(method_table().keys());
    MethodSpec spec;
    spec.name = name;
    spec.service_time = read_distribution(method.field("service_time"), QuantityOf::Time);
    spec.reply_bytes = method.field("reply_bytes").present()
                           ? read_distribution(method.field("reply_bytes"), QuantityOf::Size)
                           : Distribution::constant(256);
    if (method.field("io_time").present()) spec.io_time = read_distribution(method.field("io_time"), QuantityOf::Time);
    if (method.field("error_probability").present())
      spec.error_probability = method.field("error_probability").probability();
    const JsonReader per_replica = method.field("replica_service_time");
    if (per_replica.present()) {
      if (!per_replica.value().is_object() || per_replica.value().empty())
        per_replica.fail(R"(an object of replica names to times, like {"compute-2": "40ms"})");
      for (const auto& [replica, unused_time] : per_replica.value().items())
        spec.replica_service_time[replica] = read_distribution(per_replica.field(replica), QuantityOf::Time);
    }
    out.push_back(std::move(spec));  // steps and select name other services: read once every service is known
  }
  return out;
}

// The exchange a brokered service's requests go through (oslo's Target.exchange; control_exchange by default).
void read_exchange(const JsonReader& field, ServiceSpec& service) {
  if (!field.present()) return;
  if (service.transport == TransportKind::Direct) field.forbid("exchange only applies to a broker transport");
  const std::string name = field.name();
  if (name.rfind("amq.", 0) == 0) field.fail("an exchange name not starting with \"amq.\" (RabbitMQ reserves them)");
  service.exchange = name;
}

// Given names for the first replicas: at most one per replica, each unique and none of the "<service>-<k>" names
// the other replicas (and those added later) get.
void read_replica_names(const JsonReader& field, ServiceSpec& service) {
  if (!field.present()) return;
  const std::vector<JsonReader> entries = field.items("a non-empty list of replica names", true);
  if (entries.size() > static_cast<size_t>(service.replicas))
    field.fail(fmt::format("at most {} name{} (one per replica)", service.replicas, service.replicas == 1 ? "" : "s"),
               fmt::format("{} names", entries.size()));
  for (const JsonReader& entry : entries) {
    const std::string name = entry.name();
    if (std::find(service.replica_names.begin(), service.replica_names.end(), name) != service.replica_names.end())
      entry.fail("a name no other replica of this service has", "it is given twice");
    if (replica_index(name, service.name) != 0)
      entry.fail(fmt::format("a name other than {}-<k> (replicas without a given name are called so)", service.name));
    service.replica_names.push_back(name);
  }
}

// When the replicas start, how fast each computes, and XML-RPC's listen backlog.
void read_replica_settings(const JsonReader& entry, ServiceSpec& service) {
  if (entry.field("start").present()) service.start = entry.field("start").time(JsonReader::Bound::AtLeastZero);
  const JsonReader speeds = entry.field("replica_speeds");
  if (speeds.present()) {
    const std::vector<JsonReader> items =
        speeds.items("a non-empty list of CPU speeds, like [\"1Gf\", \"250Mf\"]", true);
    if (items.size() > static_cast<size_t>(service.replicas))
      speeds.fail(
          fmt::format("at most {} speed{} (one per replica)", service.replicas, service.replicas == 1 ? "" : "s"),
          fmt::format("{} speeds", items.size()));
    for (const JsonReader& item : items) service.replica_speeds.push_back(item.cpu_speed());
  }
  const JsonReader backlog = entry.field("listen_backlog");
  if (backlog.present()) {
    if (service.protocol != "xmlrpc" && service.protocol != "xmlrpc-threaded")
      backlog.forbid("listen_backlog applies to the xmlrpc and xmlrpc-threaded transports");
    service.listen_backlog = backlog.integer(0, kMaxInstances);
  }
}

// A method's replica_service_time names replicas of its service.
void check_replica_service_times(const JsonReader& entry, const ServiceSpec& service) {
  auto check = [&](const JsonReader& methods_field, const std::vector<MethodSpec>& methods) {
    for (const MethodSpec& m : methods)
      for (const auto& [replica, unused_time] : m.replica_service_time) {
        const long index = replica_index(replica, service);
        if (index == 0 || index > service.replicas)
          methods_field.field(m.name)
              .field("replica_service_time")
              .field(replica)
              .fail_message(fmt::format("expected a replica of service {} ({}), found {}", json_quoted(service.name),
                                        replica_range(service, service.replicas), json_quoted(replica)));
      }
  };
  if (entry.field("methods").present()) check(entry.field("methods"), service.methods);
  if (entry.field("endpoints").present()) {
    const auto endpoints = entry.field("endpoints").items("a non-empty list of endpoints", true);
    for (size_t e = 0; e < service.endpoints.size(); ++e)
      check(endpoints[e].field("methods"), service.endpoints[e].methods);
  }
}

ServiceSpec read_service(const JsonReader& entry, const std::vector<BrokerSpec>& brokers, const HostDirectory& hosts,
                         UniqueNames& names) {
  entry.expect_object(service_table().keys());
  ServiceSpec service;
  service.name = entry.field("name").name();
  names.claim(entry.field("name"), service.name, entry.path());
  read_transport(entry.field("transport"), brokers, service);
  service.topic = entry.field("topic").present() ? entry.field("topic").name() : service.name;
  read_exchange(entry.field("exchange"), service);
  service.replicas = table_integer(entry, service_table(), "replicas", service.replicas);
  read_replica_names(entry.field("replica_names"), service);
  service.hosts = read_host_list(entry.field("hosts"), hosts);
  protocol_defaults(service);
  read_executor(entry.field("executor"), service);

  // Queue settings mean nothing without a queue: refuse them rather than ignore them.
  if (service.transport == TransportKind::Direct) {
    entry.field("prefetch").forbid("prefetch only applies to a broker transport");
    entry.field("ack").forbid("ack only applies to a broker transport");
  }
  service.prefetch = table_integer(entry, service_table(), "prefetch", service.prefetch);
  if (entry.field("ack").present())
    service.ack = entry.field("ack").one_of(service_table().choices("ack")) == "after" ? AckTiming::AfterProcessing
                                                                                       : AckTiming::BeforeProcessing;
  if (entry.field("codec").present()) {
    service.codec = entry.field("codec").one_of(service_table().choices("codec"));
  }
  read_replica_settings(entry, service);
  // Methods outside any endpoint form oslo's default endpoint; `endpoints` adds targeted ones.
  const JsonReader endpoints = entry.field("endpoints");
  if (entry.field("methods").present() || !endpoints.present()) service.methods = read_methods(entry.field("methods"));
  if (endpoints.present())
    for (const auto& e : endpoints.items("a non-empty list of endpoints", true)) {
      e.expect_object(endpoint_table().keys());
      EndpointSpec endpoint;
      if (e.field("namespace").present()) endpoint.name_space = e.field("namespace").string();
      if (e.field("version").present()) {
        endpoint.version = e.field("version").string();
        if (!parse_rpc_version(endpoint.version)) e.field("version").fail(R"(a version like "2.0" or "1.3.1")");
      }
      endpoint.methods = read_methods(e.field("methods"));
      service.endpoints.push_back(std::move(endpoint));
    }
  check_replica_service_times(entry, service);
  return service;
}

}  // namespace

std::vector<ServiceSpec> read_services(const JsonReader& services, const std::vector<BrokerSpec>& brokers,
                                       const HostDirectory& hosts) {
  std::vector<ServiceSpec> out;
  UniqueNames names("service");
  // Two services on one broker with one topic would share its queues.
  std::map<std::string, std::string> topic_owners;  // "<broker>/<topic>" -> service path
  if (!services.present()) return out;
  for (const auto& entry : services.items("a list of services", false)) {
    ServiceSpec service = read_service(entry, brokers, hosts, names);
    if (service.transport == TransportKind::Broker) {
      const auto [it, inserted] = topic_owners.emplace(service.broker + "/" + service.topic, entry.path());
      if (!inserted) {
        const JsonReader topic = entry.field("topic").present() ? entry.field("topic") : entry.field("name");
        topic.fail(fmt::format("a topic not used by another service on broker {}", json_quoted(service.broker)),
                   fmt::format("{} already uses the topic {}", it->second, json_quoted(service.topic)));
      }
    }
    out.push_back(std::move(service));
  }
  // Second pass: what the methods call and select names services, now all known.
  const auto entries = services.items("a list of services", false);
  for (size_t i = 0; i < out.size(); ++i) {
    auto read_calls = [&](const JsonReader& methods_field, std::vector<MethodSpec>& methods) {
      for (MethodSpec& m : methods) {
        const JsonReader method = methods_field.field(m.name);
        if (method.field("select").present())
          m.select = method.field("select").reference(service_names_of(out), "a service name");
        if (method.field("steps").present())
          for (const auto& step : method.field("steps").items("a list of steps", false))
            m.steps.push_back(read_step(step, out, nullptr, &out[i]));
      }
    };
    if (entries[i].field("methods").present()) read_calls(entries[i].field("methods"), out[i].methods);
    if (entries[i].field("endpoints").present()) {
      const auto endpoint_entries = entries[i].field("endpoints").items("a non-empty list of endpoints", true);
      for (size_t e = 0; e < out[i].endpoints.size(); ++e)
        read_calls(endpoint_entries[e].field("methods"), out[i].endpoints[e].methods);
    }
  }
  return out;
}

}  // namespace buslab
