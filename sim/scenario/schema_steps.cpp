// Requests as clients and methods make them (`steps`): the service and method called, call or cast, and the
// prepare() overrides (server, fanout, namespace, version, timeout), payload and retries.
#include <fmt/format.h>

#include "models/rpc/dispatcher.hpp"
#include "models/rpc/target.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

std::vector<std::string> service_names_of(const std::vector<ServiceSpec>& services) {
  std::vector<std::string> names;
  for (const auto& s : services) names.push_back(s.name);
  return names;
}

std::vector<std::string> method_names_of(const ServiceSpec& service) {
  std::vector<std::string> names;
  for (const auto& m : service.methods) names.push_back(m.name);
  for (const auto& e : service.endpoints)
    for (const auto& m : e.methods)
      if (std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
  return names;
}

StepSpec read_step(const JsonReader& step, const std::vector<ServiceSpec>& services, const ClientSpec* client,
                   const ServiceSpec* caller) {
  step.expect_object(step_table().keys());
  StepSpec out;
  if (step.field("service").present() || client == nullptr || client->service.empty())
    out.service = step.field("service").reference(service_names_of(services), "a service name");
  else
    out.service = client->service;
  const ServiceSpec& target =
      *std::find_if(services.begin(), services.end(), [&](const ServiceSpec& s) { return s.name == out.service; });
  out.method = step.field("method").reference(method_names_of(target),
                                              fmt::format("a method of service {}", json_quoted(target.name)));
  if (step.field("mode").present())
    out.mode = step.field("mode").one_of(step_table().choices("mode")) == "cast" ? CallMode::Cast : CallMode::Call;
  if (step.field("server").present()) {
    const JsonReader server = step.field("server");
    out.server = server.string();
    const long index = replica_index(out.server, target);
    // Through a broker, prepare(server=X) for a server no replica has is allowed: its requests route nowhere (no
    // queue topic.X), as in oslo, and its calls time out.
    if (out.server != kSelectedServer && (index == 0 || index > target.replicas) &&
        target.transport != TransportKind::Broker)
      server.fail(fmt::format(R"(a replica of service {} ({}), or "@selected")", json_quoted(target.name),
                              replica_range(target, target.replicas)));
    if (out.server.empty() || out.server.find('/') != std::string::npos) server.name();
  }
  if (step.field("fanout").present()) {
    const JsonReader fanout = step.field("fanout");
    if (!fanout.value().is_boolean()) fanout.fail("true or false");
    out.fanout = fanout.value().get<bool>();
    if (out.fanout && !out.server.empty())
      fanout.fail_message("a fanout request goes to every server of the topic: it takes no \"server\"");
    if (out.fanout && target.transport != TransportKind::Broker)
      fanout.fail_message("fanout needs a service behind a broker (a fanout exchange)");
  }
  if (step.field("namespace").present()) out.name_space = step.field("namespace").string();
  if (step.field("version").present()) {
    out.version = step.field("version").string();
    if (!parse_rpc_version(out.version)) step.field("version").fail(R"(a version like "2.0" or "1.3.1")");
  }
  if (step.field("timeout").present()) out.timeout = step.field("timeout").time(JsonReader::Bound::AboveZero);
  if (step.field("payload").present()) out.args_bytes = read_distribution(step.field("payload"), QuantityOf::Size);
  out.retries = table_integer(step, step_table(), "retries", out.retries);
  if (client != nullptr) out.call_monitor_timeout = client->call_monitor_timeout;
  const JsonReader monitor = step.field("call_monitor_timeout");
  if (monitor.present()) out.call_monitor_timeout = monitor.time(JsonReader::Bound::AboveZero);
  if (monitor.present() && (target.transport != TransportKind::Broker || out.mode != CallMode::Call))
    monitor.fail_message("call_monitor_timeout applies to calls to a service behind a broker");
  // A process has one broker connection: what it calls through a broker must be on the same one(s).
  const ServiceSpec* home = caller;
  if (home == nullptr && client != nullptr)
    for (const auto& s : services)
      if (s.name == client->service) home = &s;
  if (home && home->transport == TransportKind::Broker && target.transport == TransportKind::Broker &&
      home->brokers != target.brokers)
    step.field("service").fail(fmt::format("a service on the same broker(s) as {}", json_quoted(home->name)),
                               "a process keeps one broker connection");
  return out;
}

}  // namespace buslab
