// `services`: RPC servers, their transport, placement, executor and methods.
#include <fmt/format.h>

#include "models/rpc/codec.hpp"
#include "sim/schema.hpp"
#include "sim/suggest.hpp"

namespace buslab {
namespace {

constexpr const char* kBrokerPrefix = "broker:";

void read_transport(const JsonReader& transport, const std::vector<BrokerSpec>& brokers, ServiceSpec& service) {
  std::vector<std::string> choices{"direct"};
  for (const auto& broker : brokers) choices.push_back(kBrokerPrefix + broker.name);
  const std::string chosen = transport.reference(choices, "a transport");
  if (chosen == "direct") {
    service.transport = TransportKind::Direct;
  } else {
    service.transport = TransportKind::Broker;
    service.broker = chosen.substr(std::string(kBrokerPrefix).size());
  }
}

void read_executor(const JsonReader& executor, ServiceSpec& service) {
  if (!executor.present()) return;  // threading, 64 workers
  executor.expect_object({"kind", "workers"});
  const JsonReader kind = executor.field("kind");
  const JsonReader workers = executor.field("workers");
  const std::string name = kind.present() ? kind.one_of({"blocking", "threading", "eventlet"}) : "threading";
  if (name == "blocking") {
    service.executor = ExecutorKind::Blocking;
    service.workers = 1;
    if (workers.present() && !(workers.value().is_number_integer() && workers.value() == 1))
      workers.fail(R"(1 or nothing (a "blocking" executor runs one request at a time))");
    return;
  }
  service.executor = name == "eventlet" ? ExecutorKind::Eventlet : ExecutorKind::Threading;
  if (workers.present()) service.workers = workers.integer(1, kMaxInstances);
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
    method.expect_object({"service_time", "reply_bytes"});
    MethodSpec spec;
    spec.name = name;
    spec.service_time = read_distribution(method.field("service_time"), QuantityOf::Time);
    spec.reply_bytes = method.field("reply_bytes").present()
                           ? read_distribution(method.field("reply_bytes"), QuantityOf::Size)
                           : Distribution::constant(256);
    out.push_back(std::move(spec));
  }
  return out;
}

ServiceSpec read_service(const JsonReader& entry, const std::vector<BrokerSpec>& brokers, const HostDirectory& hosts,
                         UniqueNames& names) {
  entry.expect_object(
      {"name", "transport", "topic", "replicas", "hosts", "executor", "prefetch", "ack", "codec", "methods"});
  ServiceSpec service;
  service.name = entry.field("name").name();
  names.claim(entry.field("name"), service.name, entry.path());
  read_transport(entry.field("transport"), brokers, service);
  service.topic = entry.field("topic").present() ? entry.field("topic").name() : service.name;
  if (entry.field("replicas").present()) service.replicas = entry.field("replicas").integer(1, kMaxInstances);
  service.hosts = read_host_list(entry.field("hosts"), hosts);
  read_executor(entry.field("executor"), service);

  // Queue settings mean nothing without a queue: refuse them rather than ignore them.
  if (service.transport == TransportKind::Direct) {
    entry.field("prefetch").forbid("prefetch only applies to a broker transport");
    entry.field("ack").forbid("ack only applies to a broker transport");
  }
  if (entry.field("prefetch").present()) service.prefetch = entry.field("prefetch").integer(0);
  if (entry.field("ack").present())
    service.ack = entry.field("ack").one_of({"before", "after"}) == "after" ? AckTiming::AfterProcessing
                                                                            : AckTiming::BeforeProcessing;
  if (entry.field("codec").present()) {
    std::vector<std::string> codecs;
    for (const auto& codec : builtin_codecs()) codecs.push_back(codec.name);
    service.codec = entry.field("codec").one_of(codecs);
  }
  service.methods = read_methods(entry.field("methods"));
  return service;
}

}  // namespace

std::vector<ServiceSpec> read_services(const JsonReader& services, const std::vector<BrokerSpec>& brokers,
                                       const HostDirectory& hosts) {
  std::vector<ServiceSpec> out;
  UniqueNames names("service");
  // Two services on one broker with one topic would share its queues.
  std::map<std::string, std::string> topic_owners;  // "<broker>/<topic>" -> service path
  for (const auto& entry : services.items("a non-empty list of services", true)) {
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
  return out;
}

}  // namespace buslab
